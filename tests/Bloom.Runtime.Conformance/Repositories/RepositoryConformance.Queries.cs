namespace Bloom.Runtime.Conformance.Repositories;

/// <summary>Specification queries, counting, paging and untranslatable specifications.</summary>
public abstract partial class RepositoryConformance
{
    private static readonly Specification<Order> HighPriority = Specification<Order>.Where(o => o.Priority >= 4);

    /// <summary>Seven orders with priorities 0..6 (n % 7) and distinct sequences, ratings and references.</summary>
    private Task<List<Order>> SeedSevenAsync() => SeedAsync([.. Enumerable.Range(1, 7).Select(i => OrderSamples.Draft(i))]);

    [Test]
    public async Task List_returns_every_stored_aggregate([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        await using var uow = Begin(api);

        Assert.That((await uow.Orders.List()).Select(o => o.Id), Is.EquivalentTo(seeded.Select(o => o.Id)));
    }

    [Test]
    public async Task List_with_a_specification_returns_exactly_the_matches([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        await using var uow = Begin(api);

        var found = await uow.Orders.List(HighPriority);

        Assert.That(found.Select(o => o.Id), Is.EquivalentTo(seeded.Where(o => o.Priority >= 4).Select(o => o.Id)));
        Assert.That(found, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Composed_specifications_match_as_in_memory([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        var express = Specification<Order>.Where(o => o.Express);
        var spec = (HighPriority & !express) | Specification<Order>.Where(o => o.Reference == "ref-1");
        await using var uow = Begin(api);

        var found = await uow.Orders.List(spec);

        Assert.That(found.Select(o => o.Id), Is.EquivalentTo(seeded.Where(spec.IsSatisfiedBy).Select(o => o.Id)));
        Assert.That(found, Is.Not.Empty);
    }

    [Test]
    public async Task FirstOrDefault_returns_a_match_or_null([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        await using var uow = Begin(api);

        var match = await uow.Orders.FirstOrDefault(HighPriority);
        var none = await uow.Orders.FirstOrDefault(Specification<Order>.Where(o => o.Priority > 100));

        Assert.That(match, Is.Not.Null);
        Assert.That(match!.Priority, Is.GreaterThanOrEqualTo(4));
        Assert.That(seeded.Select(o => o.Id), Does.Contain(match.Id));
        Assert.That(none, Is.Null);
    }

    [Test]
    public async Task Count_counts_all_or_the_matches_and_Exists_tells_whether_any_matches([Values] Api api)
    {
        await SeedSevenAsync();
        await using var uow = Begin(api);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await uow.Orders.Count(null), Is.EqualTo(7));
            Assert.That(await uow.Orders.Count(Specification<Order>.All), Is.EqualTo(7));
            Assert.That(await uow.Orders.Count(HighPriority), Is.EqualTo(3));
            Assert.That(await uow.Orders.Count(Specification<Order>.Where(o => o.Priority < 0)), Is.Zero);
            Assert.That(await uow.Orders.Exists(HighPriority), Is.True);
            Assert.That(await uow.Orders.Exists(Specification<Order>.Where(o => o.Priority < 0)), Is.False);
            Assert.That(await uow.Customers.Count(null), Is.Zero);
        }
    }

    [Test]
    public async Task Page_orders_by_the_sort_keys_and_reports_the_total([Values] Api api)
    {
        // Priorities 1, 1, 2, 2, 3, 3, 0: ties broken by ThenByDescending(Sequence).
        var seeded = await SeedAsync([.. new[] { 1, 1, 2, 2, 3, 3, 0 }.Select((p, i) => OrderSamples.Draft(i) with { Priority = p })]);
        var expected = seeded.OrderBy(o => o.Priority).ThenByDescending(o => o.Sequence).Select(o => o.Id).ToList();
        var request = PageRequest.Of<Order>(1, 3).OrderBy(o => o.Priority).ThenByDescending(o => o.Sequence);
        await using var uow = Begin(api);

        var first = await uow.Orders.Page(Specification<Order>.All, request);
        var third = await uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(3, 3).OrderBy(o => o.Priority).ThenByDescending(o => o.Sequence));

        Assert.That(first.Items.Select(o => o.Id), Is.EqualTo(expected.Take(3)));
        Assert.That(first.TotalCount, Is.EqualTo(7));
        Assert.That(first.PageNumber, Is.EqualTo(1));
        Assert.That(first.Size, Is.EqualTo(3));
        Assert.That(first.HasNext, Is.True);
        Assert.That(third.Items.Select(o => o.Id), Is.EqualTo(expected.Skip(6)));
        Assert.That(third.TotalCount, Is.EqualTo(7));
        Assert.That(third.HasNext, Is.False);
    }

    [Test]
    public async Task Every_page_of_an_ordered_request_holds_the_next_items([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        var expected = seeded.OrderByDescending(o => o.Priority).ThenBy(o => o.Reference, StringComparer.Ordinal).Select(o => o.Id).ToList();
        await using var uow = Begin(api);

        for (var page = 1; page <= 4; page++)
        {
            var request = PageRequest.Of<Order>(page, 2).OrderByDescending(o => o.Priority).ThenBy(o => o.Reference);
            var result = await uow.Orders.Page(Specification<Order>.All, request);

            Assert.That(result.Items.Select(o => o.Id), Is.EqualTo(expected.Skip((page - 1) * 2).Take(2)), $"page {page}");
            Assert.That(result.TotalCount, Is.EqualTo(7), $"page {page}");
        }
    }

    [Test]
    public async Task A_page_past_the_end_is_empty_and_still_has_the_total([Values] Api api)
    {
        await SeedSevenAsync();
        await using var uow = Begin(api);

        var past = await uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(5, 3).OrderBy(o => o.Sequence));
        var filtered = await uow.Orders.Page(HighPriority, PageRequest.Of<Order>(2, 3).OrderBy(o => o.Sequence));

        Assert.That(past.Items, Is.Empty);
        Assert.That(past.TotalCount, Is.EqualTo(7));
        Assert.That(past.PageNumber, Is.EqualTo(5));
        Assert.That(filtered.Items, Is.Empty);
        Assert.That(filtered.TotalCount, Is.EqualTo(3));
    }

    [Test]
    public async Task Unordered_pages_never_overlap_and_cover_every_match([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        await using var uow = Begin(api);

        var seen = new List<OrderId>();
        for (var page = 1; page <= 4; page++)
        {
            var result = await uow.Orders.Page(Specification<Order>.All, PageRequest.Of(page, 2));
            Assert.That(result.TotalCount, Is.EqualTo(7));
            seen.AddRange(result.Items.Select(o => o.Id));
        }

        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.EquivalentTo(seeded.Select(o => o.Id)));
    }

    [Test]
    public async Task Decimals_compare_and_sort_numerically_whatever_their_scale([Values] Api api)
    {
        decimal[] amounts = [10m, 9.5m, 1.50m, -3.25m, 100m, 1.5m, 0.001m];
        var seeded = await SeedAsync([.. amounts.Select((a, i) => OrderSamples.Draft(i) with { Total = new Money(a, "EUR"), Discount = a })]);
        await using var uow = Begin(api);

        var above = await uow.Orders.List(Specification<Order>.Where(o => o.Total.Amount > 9.5m));
        var equal = await uow.Orders.List(Specification<Order>.Where(o => o.Discount == 1.5m));
        var sorted = await uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 10).OrderBy(o => o.Total.Amount).ThenBy(o => o.Sequence));

        Assert.That(above.Select(o => o.Total.Amount), Is.EquivalentTo(new[] { 10m, 100m }));
        Assert.That(equal, Has.Count.EqualTo(2), "1.50 == 1.5");
        Assert.That(sorted.Items.Select(o => o.Id), Is.EqualTo(seeded.OrderBy(o => o.Total.Amount).ThenBy(o => o.Sequence).Select(o => o.Id)));
    }

    [Test]
    public async Task DateTimeOffsets_compare_by_instant_across_offsets([Values] Api api)
    {
        var noonUtc = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var seeded = await SeedAsync(
            OrderSamples.Draft(1) with { PlacedAt = noonUtc.ToOffset(TimeSpan.FromHours(9)) },     // 21:00+09:00, the same instant
            OrderSamples.Draft(2) with { PlacedAt = noonUtc.AddTicks(1).ToOffset(TimeSpan.FromHours(-5)) },
            OrderSamples.Draft(3) with { PlacedAt = noonUtc.AddTicks(-1).ToOffset(TimeSpan.FromHours(3)) });
        var probe = noonUtc.ToOffset(TimeSpan.FromHours(-8));
        await using var uow = Begin(api);

        var same = await uow.Orders.List(Specification<Order>.Where(o => o.PlacedAt == probe));
        var later = await uow.Orders.List(Specification<Order>.Where(o => o.PlacedAt > probe));
        var sorted = await uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 10).OrderByDescending(o => o.PlacedAt));

        Assert.That(same.Select(o => o.Id), Is.EqualTo(new[] { seeded[0].Id }));
        Assert.That(later.Select(o => o.Id), Is.EqualTo(new[] { seeded[1].Id }));
        Assert.That(sorted.Items.Select(o => o.Id), Is.EqualTo(new[] { seeded[1].Id, seeded[0].Id, seeded[2].Id }));
    }

    [Test]
    public async Task Ids_value_objects_enums_and_collections_are_queryable([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        var target = seeded[2];
        var email = target.Email;
        var customer = target.CustomerId;
        var sku = target.FeaturedSku;
        OrderStatus[] statuses = [OrderStatus.Placed];
        OrderStatus[] none = [];
        CustomerNumber[] customers = [seeded[0].CustomerId, seeded[1].CustomerId, new CustomerNumber(-5)];
        OrderId[] ids = [seeded[4].Id, seeded[5].Id];
        await using var uow = Begin(api);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await uow.Orders.List(Specification<Order>.Where(o => o.Email == email))).Single().Id, Is.EqualTo(target.Id));
            Assert.That((await uow.Orders.List(Specification<Order>.Where(o => o.CustomerId == customer))).Single().Id, Is.EqualTo(target.Id));
            Assert.That((await uow.Orders.List(Specification<Order>.Where(o => o.FeaturedSku == sku))).Single().Id, Is.EqualTo(target.Id));
            Assert.That((await uow.Orders.List(Specification<Order>.Where(o => o.CustomerId > customer))).Count, Is.EqualTo(4));
            Assert.That(await uow.Orders.Count(Specification<Order>.Where(o => statuses.Contains(o.Status))), Is.EqualTo(7));
            Assert.That(await uow.Orders.Count(Specification<Order>.Where(o => none.Contains(o.Status))), Is.Zero, "an empty IN matches nothing");
            Assert.That(await uow.Orders.Count(Specification<Order>.Where(o => !none.Contains(o.Status))), Is.EqualTo(7));
            Assert.That((await uow.Orders.List(Specification<Order>.Where(o => customers.Contains(o.CustomerId)))).Select(o => o.Id), Is.EquivalentTo(new[] { seeded[0].Id, seeded[1].Id }));
            Assert.That((await uow.Orders.List(Specification<Order>.Where(o => ids.Contains(o.Id)))).Select(o => o.Id), Is.EquivalentTo(ids));
            Assert.That(await uow.Orders.Count(Specification<Order>.Where(o => o.Status == OrderStatus.Placed && o.DueOn == new DateOnly(2024, 12, 31))), Is.EqualTo(7));
        }
    }

    /// <summary>docs/patterns/repositories.md: strongly typed ids and single-value value objects are also queryable through <c>.Value</c>.</summary>
    [Test]
    public async Task Ids_and_single_value_objects_are_queryable_through_Value_as_documented([Values] Api api)
    {
        var seeded = await SeedSevenAsync();
        var target = seeded[2];
        var raw = target.CustomerId.Value;
        var text = target.Email.Value;
        await using var uow = Begin(api);

        Assert.That((await uow.Orders.List(Specification<Order>.Where(o => o.CustomerId.Value == raw))).Single().Id, Is.EqualTo(target.Id));
        Assert.That((await uow.Orders.List(Specification<Order>.Where(o => o.Email.Value == text))).Single().Id, Is.EqualTo(target.Id));
    }

    [Test]
    public async Task Strings_match_ordinally_and_wildcards_match_literally([Values] Api api)
    {
        var seeded = await SeedAsync(
            OrderSamples.Draft(1, "100% pure_cotton"),
            OrderSamples.Draft(2, "1000 pureXcotton"),
            OrderSamples.Draft(3, "PURE c:\\temp"),
            OrderSamples.Draft(4, "it's \"quoted\""));
        await using var uow = Begin(api);

        async Task<OrderId[]> Ids(Specification<Order> spec) => [.. (await uow.Orders.List(spec)).Select(o => o.Id)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Ids(Specification<Order>.Where(o => o.Reference.StartsWith("100%", StringComparison.Ordinal))), Is.EqualTo(new[] { seeded[0].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => o.Reference.Contains("pure_"))), Is.EqualTo(new[] { seeded[0].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => o.Reference.Contains("pure"))), Is.EquivalentTo(new[] { seeded[0].Id, seeded[1].Id }), "case-sensitive");
            Assert.That(await Ids(Specification<Order>.Where(o => o.Reference.EndsWith(":\\temp", StringComparison.Ordinal))), Is.EqualTo(new[] { seeded[2].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => o.Reference.Contains("'s \"quoted\""))), Is.EqualTo(new[] { seeded[3].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => o.Reference == "PURE c:\\temp")), Is.EqualTo(new[] { seeded[2].Id }));
        }
    }

    [Test]
    public async Task Null_checks_and_negations_include_nulls_as_in_memory([Values] Api api)
    {
        var seeded = await SeedAsync(
            OrderSamples.Draft(1) with { Note = null, Rating = null },
            OrderSamples.Draft(2) with { Note = "x", Rating = 3 },
            OrderSamples.Draft(3) with { Note = "y", Rating = 5 });
        await using var uow = Begin(api);

        async Task<OrderId[]> Ids(Specification<Order> spec) => [.. (await uow.Orders.List(spec)).Select(o => o.Id)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Ids(Specification<Order>.Where(o => o.Note == null)), Is.EqualTo(new[] { seeded[0].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => o.Rating != null)), Is.EquivalentTo(new[] { seeded[1].Id, seeded[2].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => !(o.Note == "x"))), Is.EquivalentTo(new[] { seeded[0].Id, seeded[2].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => !(o.Rating > 4))), Is.EquivalentTo(new[] { seeded[0].Id, seeded[1].Id }));
            Assert.That(await Ids(Specification<Order>.Where(o => o.Rating > 4)), Is.EqualTo(new[] { seeded[2].Id }));
        }
    }

    /// <summary>Specifications a SQL store cannot translate, each with the reason it is untranslatable.</summary>
    private static IEnumerable<TestCaseData> UntranslatableSpecifications()
    {
        yield return Case("method call on a member", o => o.Reference.ToUpperInvariant() == "REF-1");
        yield return Case("call of a user method on the candidate", o => UntranslatableProbe.Touch(o));
        yield return Case("unmapped (JSON) member", o => o.Lines.Count > 0);
        yield return Case("arithmetic on a member", o => o.Priority + 1 > 2);
        yield return Case("member compared with member", o => o.Discount == o.Total.Amount);
        yield return Case("culture-sensitive comparison", o => o.Reference.StartsWith("ref", StringComparison.OrdinalIgnoreCase));
        yield return Case("NUL in a LIKE argument", o => o.Reference.StartsWith("a\0b", StringComparison.Ordinal));
        yield return Case("nested lambda over the candidate", o => o.Lines.Any(l => l.Quantity > 1));
        yield return Case("mixed: translatable AND untranslatable", o => o.Priority > 0 && o.Reference.Trim() == "x");

        static TestCaseData Case(string name, System.Linq.Expressions.Expression<Func<Order, bool>> predicate) =>
            new TestCaseData(Specification<Order>.Where(predicate)).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(UntranslatableSpecifications))]
    public async Task An_untranslatable_specification_throws_before_anything_is_read(Specification<Order> spec)
    {
        await SeedSevenAsync();
        var calls = UntranslatableProbe.Calls;
        foreach (var api in new[] { Api.Sync, Api.Async })
        {
            await using var uow = Begin(api);
            using (Assert.EnterMultipleScope())
            {
                Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.List(spec), "List");
                Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.FirstOrDefault(spec), "FirstOrDefault");
                Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Count(spec), "Count");
                Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Exists(spec), "Exists");
                Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Page(spec, PageRequest.Of(1, 10)), "Page");
            }
        }

        Assert.That(UntranslatableProbe.Calls, Is.EqualTo(calls), "the predicate was never evaluated in memory");
    }

    [Test]
    public async Task An_untranslatable_sort_key_throws_before_anything_is_read([Values] Api api)
    {
        await SeedSevenAsync();
        await using var uow = Begin(api);

        Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 5).OrderBy(o => o.Reference.Length)));
        Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 5).OrderBy(o => o.Lines.Count)));
        Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 5).OrderBy(o => o.Priority).ThenBy(o => o.Priority * 2)));
    }
}

/// <summary>A method a specification can call: untranslatable, and it counts in-memory evaluations.</summary>
public static class UntranslatableProbe
{
    private static int s_calls;

    public static int Calls => Volatile.Read(ref s_calls);

    public static bool Touch(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Interlocked.Increment(ref s_calls);
        return true;
    }
}
