using System.Globalization;

namespace Bloom.Runtime.Conformance.Repositories;

/// <summary>Loading by id, round trips and the identity map.</summary>
public abstract partial class RepositoryConformance
{
    [Test]
    public async Task Get_of_a_missing_id_throws_AggregateNotFoundException([Values] Api api)
    {
        await SeedAsync();
        var missing = OrderId.New();
        await using var uow = Begin(api);

        var thrown = Assert.ThrowsAsync<AggregateNotFoundException>(() => uow.Orders.Get(missing));

        Assert.That(thrown.AggregateType, Is.EqualTo("Order"));
        Assert.That(thrown.Id, Is.EqualTo(missing));
    }

    [Test]
    public async Task Find_of_a_missing_id_returns_null([Values] Api api)
    {
        await SeedAsync();
        await using var uow = Begin(api);

        Assert.That(await uow.Orders.Find(OrderId.New()), Is.Null);
        Assert.That(await uow.Customers.Find(new CustomerNumber(424242)), Is.Null);
        Assert.That(await uow.Counters.Find(new CounterName("nope")), Is.Null);
    }

    [Test]
    public async Task A_committed_order_round_trips_every_member_exactly([Values] Api api)
    {
        var draft = OrderSamples.Draft(3);
        var original = Order.Create(OrderId.New(), draft);
        await using (var uow = Begin(api))
        {
            await uow.Orders.Add(original);
            await uow.Commit();
        }

        await using var reader = Begin(api);
        var loaded = await reader.Orders.Get(original.Id);

        Assert.That(loaded, Is.Not.SameAs(original));
        Assert.That(OrderSamples.Describe(loaded), Is.EqualTo(OrderSamples.Describe(original)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded.Version, Is.EqualTo(1));
            Assert.That(loaded.PendingEvents, Is.Empty, "reconstitution raises no events");
            Assert.That(loaded.Discount.ToString(CultureInfo.InvariantCulture), Is.EqualTo("1.50"), "decimal scale");
            Assert.That(loaded.Refund!.Amount.ToString(CultureInfo.InvariantCulture), Is.EqualTo("-2.50"));
            Assert.That(loaded.PlacedAt, Is.EqualTo(original.PlacedAt), "same instant");
            Assert.That(loaded.PlacedAt.UtcTicks, Is.EqualTo(original.PlacedAt.UtcTicks));
            Assert.That(loaded.ShippedAt.UtcTicks, Is.EqualTo(draft.ShippedAt.UtcTicks), "sub-millisecond ticks at offset -07:00");
            Assert.That(loaded.DueOn, Is.EqualTo(new DateOnly(2024, 12, 31)));
            Assert.That(loaded.Email, Is.EqualTo(new EmailAddress("buyer3@example.com")));
            Assert.That(loaded.Lines, Has.Count.EqualTo(2));
            Assert.That(loaded.Lines[0].Id, Is.EqualTo(draft.Lines[0].Id));
            Assert.That(loaded.Lines[1].Sku, Is.EqualTo(new Sku("B-\"2\"")));
            Assert.That(loaded.Lines[1].Note, Is.Null);
            Assert.That(loaded.Lines[0].UnitPrice.Amount.ToString(CultureInfo.InvariantCulture), Is.EqualTo("9.5"));
            Assert.That(loaded.Lines[1].UnitPrice.Amount.ToString(CultureInfo.InvariantCulture), Is.EqualTo("10"));
        }
    }

    [Test]
    public async Task Null_members_and_an_empty_child_list_round_trip([Values] Api api)
    {
        var original = Order.Create(OrderId.New(), OrderSamples.SparseDraft() with { Reference = "", Note = null });
        await using (var uow = Begin(api))
        {
            await uow.Orders.Add(original);
            await uow.Commit();
        }

        var loaded = (await LoadFreshAsync(original.Id))!;

        Assert.That(OrderSamples.Describe(loaded), Is.EqualTo(OrderSamples.Describe(original)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded.Reference, Is.Empty, "an empty string is not null");
            Assert.That(loaded.Note, Is.Null);
            Assert.That(loaded.Rating, Is.Null);
            Assert.That(loaded.Refund, Is.Null);
            Assert.That(loaded.BackupEmail, Is.Null);
            Assert.That(loaded.Lines, Is.Empty);
        }
    }

    [TestCase("0")]
    [TestCase("1.50")]
    [TestCase("10")]
    [TestCase("10.00")]
    [TestCase("9.5")]
    [TestCase("-3.25")]
    [TestCase("-0.0001")]
    [TestCase("0.0000000000000000000000000001")]
    [TestCase("79228162514264337593543950335")]
    [TestCase("-79228162514264337593543950335")]
    [TestCase("12345678901234567.8901234567")]
    public async Task Decimals_round_trip_with_their_scale(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        var order = (await SeedAsync(OrderSamples.Draft(1) with { Discount = value, Total = new Money(value, "EUR") }))[0];

        var loaded = (await LoadFreshAsync(order.Id))!;

        Assert.That(loaded.Discount.ToString(CultureInfo.InvariantCulture), Is.EqualTo(text));
        Assert.That(loaded.Total.Amount.ToString(CultureInfo.InvariantCulture), Is.EqualTo(text));
    }

    [Test]
    public async Task DateTimeOffsets_keep_their_instant_whatever_the_offset()
    {
        DateTimeOffset[] values =
        [
            new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)),
            new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(-12)),
            new(2024, 6, 30, 12, 0, 0, new TimeSpan(5, 45, 0)),
            new DateTimeOffset(1999, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(1)).AddTicks(9999),
            DateTimeOffset.MinValue,
            DateTimeOffset.MaxValue,
            DateTimeOffset.UnixEpoch,
        ];
        var orders = await SeedAsync([.. values.Select((v, i) => OrderSamples.Draft(i) with { PlacedAt = v, ShippedAt = v })]);

        await using var uow = Begin();
        for (var i = 0; i < values.Length; i++)
        {
            var loaded = await uow.Orders.Get(orders[i].Id);
            Assert.That(loaded.PlacedAt.UtcTicks, Is.EqualTo(values[i].UtcTicks), $"PlacedAt {values[i]:O}");
            Assert.That(loaded.ShippedAt.UtcTicks, Is.EqualTo(values[i].UtcTicks), $"ShippedAt {values[i]:O}");
        }
    }

    [Test]
    public async Task Extreme_scalars_round_trip()
    {
        var orders = await SeedAsync(
            OrderSamples.Draft(1) with
            {
                Sequence = long.MinValue, Priority = int.MinValue, Rating = int.MaxValue, DueOn = DateOnly.MinValue,
                CustomerId = new CustomerNumber(long.MaxValue), Status = OrderStatus.Cancelled, Express = true,
            },
            OrderSamples.Draft(2) with
            {
                Sequence = long.MaxValue, Priority = int.MaxValue, Rating = int.MinValue, DueOn = DateOnly.MaxValue,
                CustomerId = new CustomerNumber(long.MinValue), Status = OrderStatus.Draft, Express = false,
            });

        await using var uow = Begin();
        foreach (var original in orders)
        {
            var loaded = await uow.Orders.Get(original.Id);
            Assert.That(OrderSamples.Describe(loaded), Is.EqualTo(OrderSamples.Describe(original)));
        }
    }

    [Test]
    public async Task Customers_and_counters_round_trip_with_long_and_string_backed_ids([Values] Api api)
    {
        var seen = Customer.Register(new CustomerNumber(long.MaxValue), "Ada \"Countess\" O'Lovelace", new EmailAddress("ada@example.com"));
        seen.Seen(new DateTimeOffset(2023, 5, 6, 7, 8, 9, TimeSpan.FromHours(-3)));
        var unseen = Customer.Register(new CustomerNumber(-1), "", new EmailAddress("x@y"));
        var counter = Counter.Start(new CounterName("counter/with 'quotes' and \u00e9"));
        counter.Increment();
        await using (var uow = Begin(api))
        {
            await uow.Customers.AddRange([seen, unseen]);
            await uow.Counters.Add(counter);
            await uow.Commit();
        }

        await using var reader = Begin(api);
        Assert.That(OrderSamples.Describe(await reader.Customers.Get(seen.Id)), Is.EqualTo(OrderSamples.Describe(seen)));
        Assert.That(OrderSamples.Describe(await reader.Customers.Get(unseen.Id)), Is.EqualTo(OrderSamples.Describe(unseen)));
        Assert.That(OrderSamples.Describe(await reader.Counters.Get(counter.Id)), Is.EqualTo(OrderSamples.Describe(counter)));
    }

    [Test]
    public async Task Within_a_unit_of_work_every_load_of_an_id_returns_the_same_instance([Values] Api api)
    {
        var seeded = await SeedAsync(OrderSamples.Draft(1), OrderSamples.Draft(2));
        var id = seeded[0].Id;
        await using var uow = Begin(api);

        var byGet = await uow.Orders.Get(id);
        var byFind = await uow.Orders.Find(id);
        var byList = (await uow.Orders.List()).Single(o => o.Id == id);
        var bySpec = (await uow.Orders.List(Specification<Order>.Where(o => o.Id == id))).Single();
        var byFirst = await uow.Orders.FirstOrDefault(Specification<Order>.Where(o => o.Id == id));
        var byPage = (await uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 10).OrderBy(o => o.Sequence))).Items.Single(o => o.Id == id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(byFind, Is.SameAs(byGet));
            Assert.That(byList, Is.SameAs(byGet));
            Assert.That(bySpec, Is.SameAs(byGet));
            Assert.That(byFirst, Is.SameAs(byGet));
            Assert.That(byPage, Is.SameAs(byGet));
        }
    }

    [Test]
    public async Task A_query_never_overwrites_in_memory_changes_of_a_loaded_aggregate([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using var uow = Begin(api);
        var loaded = await uow.Orders.Get(seeded.Id);
        loaded.Rename("changed in memory");
        loaded.IncreaseFirstLine(5);

        var queried = (await uow.Orders.List()).Single();
        var refound = await uow.Orders.Get(seeded.Id);

        Assert.That(queried, Is.SameAs(loaded));
        Assert.That(refound, Is.SameAs(loaded));
        Assert.That(loaded.Reference, Is.EqualTo("changed in memory"));
        Assert.That(loaded.Lines[0].Quantity, Is.EqualTo(7));
    }

    [Test]
    public async Task Queries_filter_on_the_stored_state_not_on_in_memory_changes([Values] Api api)
    {
        var seeded = await SeedAsync(1);
        await using var uow = Begin(api);
        var loaded = await uow.Orders.Get(seeded.Id);
        loaded.Rename("renamed");

        var byNewName = await uow.Orders.List(Specification<Order>.Where(o => o.Reference == "renamed"));
        var byStoredName = await uow.Orders.List(Specification<Order>.Where(o => o.Reference == "ref-1"));

        Assert.That(byNewName, Is.Empty);
        Assert.That(byStoredName.Single(), Is.SameAs(loaded), "the stored row matches, and the tracked instance is handed out");
        Assert.That(await uow.Orders.Count(Specification<Order>.Where(o => o.Reference == "renamed")), Is.Zero);
    }

    [Test]
    public async Task An_added_aggregate_is_found_by_id_before_commit_but_not_by_queries([Values] Api api)
    {
        await using var uow = Begin(api);
        var order = OrderSamples.NewOrder();
        await uow.Orders.Add(order);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await uow.Orders.Get(order.Id), Is.SameAs(order));
            Assert.That(await uow.Orders.Find(order.Id), Is.SameAs(order));
            Assert.That(await uow.Orders.List(), Is.Empty, "queries read the stored state");
            Assert.That(await uow.Orders.Count(null), Is.Zero);
            Assert.That(await uow.Orders.Exists(Specification<Order>.All), Is.False);
            Assert.That(await uow.Orders.FirstOrDefault(Specification<Order>.All), Is.Null);
        }

        await uow.Commit();

        Assert.That(await uow.Orders.Count(null), Is.EqualTo(1));
        Assert.That((await uow.Orders.List()).Single(), Is.SameAs(order));
    }

    [Test]
    public async Task A_removed_aggregate_is_not_found_or_handed_out_but_still_counted_until_commit([Values] Api api)
    {
        var seeded = await SeedAsync(OrderSamples.Draft(1), OrderSamples.Draft(2));
        await using var uow = Begin(api);
        var removed = await uow.Orders.Get(seeded[0].Id);
        uow.Orders.Remove(removed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await uow.Orders.Find(removed.Id), Is.Null);
            Assert.ThrowsAsync<AggregateNotFoundException>(() => uow.Orders.Get(removed.Id));
            Assert.That((await uow.Orders.List()).Select(o => o.Id), Is.EqualTo(new[] { seeded[1].Id }));
            Assert.That(await uow.Orders.List(Specification<Order>.Where(o => o.Id == removed.Id)), Is.Empty);
            Assert.That(await uow.Orders.Count(null), Is.EqualTo(2), "counts read the stored state until commit");
        }

        await uow.Commit();

        Assert.That(await uow.Orders.Count(null), Is.EqualTo(1));
        Assert.That(await StoredVersionAsync(removed.Id), Is.Null);
    }
}
