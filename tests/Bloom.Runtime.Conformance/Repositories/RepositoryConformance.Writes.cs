namespace Bloom.Runtime.Conformance.Repositories;

/// <summary>Registering adds and removes, commit, versions, rollback and dispose.</summary>
public abstract partial class RepositoryConformance
{
    [Test]
    public async Task Nothing_is_written_before_commit([Values] Api api)
    {
        await using var writer = Begin(api);
        var order = OrderSamples.NewOrder();
        await writer.Orders.Add(order);

        Assert.That(await LoadFreshAsync(order.Id), Is.Null);
        Assert.That(Dump(), Is.Empty);

        await writer.Commit();

        Assert.That(await LoadFreshAsync(order.Id), Is.Not.Null);
    }

    [Test]
    public async Task Commit_inserts_at_version_1_and_clears_pending_events([Values] Api api)
    {
        var order = OrderSamples.NewOrder();
        Assert.That(order.Version, Is.Zero);
        Assert.That(order.PendingEvents, Has.Count.EqualTo(1));
        await using var uow = Begin(api);
        await uow.Orders.Add(order);

        await uow.Commit();

        Assert.That(order.Version, Is.EqualTo(1));
        Assert.That(order.PendingEvents, Is.Empty);
        Assert.That(await StoredVersionAsync(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Add_and_AddRange_reject_null([Values] Api api)
    {
        await using var uow = Begin(api);

        Assert.ThrowsAsync<ArgumentNullException>(() => uow.Orders.Add(null!));
        Assert.ThrowsAsync<ArgumentNullException>(() => uow.Orders.AddRange(null!));
        Assert.ThrowsAsync<ArgumentNullException>(() => uow.Orders.AddRange([OrderSamples.NewOrder(1), null!]));
        Assert.That(() => uow.Orders.Remove(null!), Throws.ArgumentNullException);
        Assert.That(() => uow.Orders.RemoveRange(null!), Throws.ArgumentNullException);
    }

    [Test]
    public async Task Adding_a_second_instance_with_a_tracked_id_throws_InvalidOperationException([Values] Api api)
    {
        var stored = await SeedAsync(1);
        await using var uow = Begin(api);
        var added = OrderSamples.NewOrder(2);
        await uow.Orders.Add(added);
        var loaded = await uow.Orders.Get(stored.Id);

        Assert.ThrowsAsync<InvalidOperationException>(() => uow.Orders.Add(Order.Create(added.Id, OrderSamples.Draft(3))));
        Assert.ThrowsAsync<InvalidOperationException>(() => uow.Orders.Add(Order.Create(loaded.Id, OrderSamples.Draft(4))));

        await uow.Commit();
        var reloaded = (await LoadFreshAsync(added.Id))!;
        Assert.That(reloaded.Reference, Is.EqualTo("ref-2"), "the first instance is the one written");
        Assert.That((await LoadFreshAsync(loaded.Id))!.Version, Is.EqualTo(1), "the loaded one was unchanged");
    }

    [Test]
    public async Task AddRange_with_a_duplicate_id_throws_and_registers_none_of_the_batch([Values] Api api)
    {
        await using var uow = Begin(api);
        var first = OrderSamples.NewOrder(1);
        var second = OrderSamples.NewOrder(2);
        var twin = Order.Create(first.Id, OrderSamples.Draft(3));

        Assert.ThrowsAsync<InvalidOperationException>(() => uow.Orders.AddRange([first, second, twin]));

        Assert.That(await uow.Orders.Find(first.Id), Is.Null);
        Assert.That(await uow.Orders.Find(second.Id), Is.Null);
        await uow.Commit();
        Assert.That(Dump(), Is.Empty);
    }

    [Test]
    public async Task AddRange_with_an_already_tracked_id_throws_and_registers_none_of_the_batch([Values] Api api)
    {
        await using var uow = Begin(api);
        var tracked = OrderSamples.NewOrder(1);
        await uow.Orders.Add(tracked);
        var fresh = OrderSamples.NewOrder(2);

        Assert.ThrowsAsync<InvalidOperationException>(() => uow.Orders.AddRange([fresh, Order.Create(tracked.Id, OrderSamples.Draft(3))]));

        Assert.That(await uow.Orders.Find(fresh.Id), Is.Null);
        await uow.Commit();
        Assert.That(await LoadFreshAsync(fresh.Id), Is.Null);
        Assert.That((await LoadFreshAsync(tracked.Id))!.Reference, Is.EqualTo("ref-1"));
    }

    [Test]
    public async Task AddRange_registers_every_aggregate_in_order([Values] Api api)
    {
        var orders = Enumerable.Range(1, 5).Select(OrderSamples.NewOrder).ToList();
        await using (var uow = Begin(api))
        {
            await uow.Orders.AddRange(orders);
            await uow.Commit();
        }

        await using var reader = Begin(api);
        Assert.That((await reader.Orders.List()).Select(o => o.Id), Is.EquivalentTo(orders.Select(o => o.Id)));
        Assert.That(orders.Select(o => o.Version), Is.All.EqualTo(1));
    }

    [Test]
    public async Task Adding_an_id_that_is_already_stored_fails_at_commit_and_writes_nothing([Values] Api api)
    {
        var stored = await SeedAsync(1);
        var other = await SeedAsync(2);
        var before = Dump();
        await using var uow = Begin(api);
        var changed = await uow.Orders.Get(other.Id);
        changed.Rename("must not be written");
        var innocent = OrderSamples.NewOrder(3);
        await uow.Orders.Add(innocent);
        await uow.Orders.Add(Order.Create(stored.Id, OrderSamples.Draft(4)));

        var thrown = Assert.ThrowsAsync<ConcurrencyException>(uow.Commit);

        Assert.That(thrown.AggregateType, Is.EqualTo("Order"));
        Assert.That(thrown.Id, Is.EqualTo(stored.Id));
        Assert.That(thrown.ExpectedVersion, Is.Zero);
        Assert.That(thrown.ActualVersion, Is.EqualTo(1));
        Assert.That(Dump(), Is.EqualTo(before));
        Assert.That(changed.Version, Is.EqualTo(1), "a failed commit does not bump versions");
        Assert.That(innocent.Version, Is.Zero);
    }

    [Test]
    public async Task An_unchanged_aggregate_is_not_written([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using var reader = Begin(api);
        var loaded = await reader.Orders.Get(seeded.Id);

        // Another unit of work commits a change in between: were the unchanged aggregate written, its stale version would conflict.
        await using (var other = Begin(api))
        {
            (await other.Orders.Get(seeded.Id)).Rename("by the other unit of work");
            await other.Commit();
        }

        await reader.Commit();

        Assert.That(loaded.Version, Is.EqualTo(1));
        var stored = (await LoadFreshAsync(seeded.Id))!;
        Assert.That(stored.Version, Is.EqualTo(2));
        Assert.That(stored.Reference, Is.EqualTo("by the other unit of work"));
    }

    [Test]
    public async Task Loading_and_committing_without_changes_keeps_the_version([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using (var uow = Begin(api))
        {
            await uow.Orders.Get(seeded.Id);
            await uow.Orders.List();
            await uow.Commit();
        }

        Assert.That(await StoredVersionAsync(seeded.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task A_changed_scalar_is_written_and_bumps_the_version_by_one([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using (var uow = Begin(api))
        {
            var order = await uow.Orders.Get(seeded.Id);
            order.ChangeStatus(OrderStatus.Shipped);
            await uow.Commit();
            Assert.That(order.Version, Is.EqualTo(2));
        }

        var stored = (await LoadFreshAsync(seeded.Id))!;
        Assert.That(stored.Version, Is.EqualTo(2));
        Assert.That(stored.Status, Is.EqualTo(OrderStatus.Shipped));
    }

    [Test]
    public async Task A_change_inside_the_child_entity_list_is_detected([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using (var uow = Begin(api))
        {
            (await uow.Orders.Get(seeded.Id)).IncreaseFirstLine(3);
            await uow.Commit();
        }

        var stored = (await LoadFreshAsync(seeded.Id))!;
        Assert.That(stored.Version, Is.EqualTo(2));
        Assert.That(stored.Lines[0].Quantity, Is.EqualTo(5));
    }

    [Test]
    public async Task A_change_of_a_flattened_value_object_is_detected([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using (var uow = Begin(api))
        {
            (await uow.Orders.Get(seeded.Id)).Reprice(new Money(seeded.Total.Amount, "CHF"));
            await uow.Commit();
        }

        var stored = (await LoadFreshAsync(seeded.Id))!;
        Assert.That(stored.Version, Is.EqualTo(2));
        Assert.That(stored.Total, Is.EqualTo(new Money(seeded.Total.Amount, "CHF")));
    }

    [Test]
    public async Task Raising_an_event_without_a_state_change_writes_the_aggregate([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using var uow = Begin(api);
        var order = await uow.Orders.Get(seeded.Id);
        order.Touch();

        await uow.Commit();

        Assert.That(order.Version, Is.EqualTo(2));
        Assert.That(order.PendingEvents, Is.Empty);
        Assert.That(await StoredVersionAsync(seeded.Id), Is.EqualTo(2));
    }

    [Test]
    public async Task After_a_commit_the_unit_of_work_stays_usable_and_writes_only_later_changes([Values] Api api)
    {
        var seeded = await SeedAsync(OrderSamples.Draft(1), OrderSamples.Draft(2));
        await using var uow = Begin(api);
        var first = await uow.Orders.Get(seeded[0].Id);
        var second = await uow.Orders.Get(seeded[1].Id);
        first.Rename("one");
        await uow.Commit();

        second.Rename("two");
        await uow.Commit();
        await uow.Commit();

        Assert.That(first.Version, Is.EqualTo(2));
        Assert.That(second.Version, Is.EqualTo(2));
        Assert.That(await StoredVersionAsync(first.Id), Is.EqualTo(2));
        Assert.That(await StoredVersionAsync(second.Id), Is.EqualTo(2));

        first.Rename("one again");
        await uow.Commit();
        Assert.That(await StoredVersionAsync(first.Id), Is.EqualTo(3));
        Assert.That(await StoredVersionAsync(second.Id), Is.EqualTo(2));
    }

    [Test]
    public async Task Remove_then_commit_deletes([Values] Api api)
    {
        var seeded = await SeedAsync(OrderSamples.Draft(1), OrderSamples.Draft(2));
        await using (var uow = Begin(api))
        {
            uow.Orders.Remove(await uow.Orders.Get(seeded[0].Id));
            await uow.Commit();
            Assert.That(await uow.Orders.Find(seeded[0].Id), Is.Null, "not resurrected by a later read in the same unit of work");
        }

        Assert.That(await LoadFreshAsync(seeded[0].Id), Is.Null);
        Assert.That(await LoadFreshAsync(seeded[1].Id), Is.Not.Null);
    }

    [Test]
    public async Task RemoveRange_deletes_every_aggregate([Values] Api api)
    {
        var seeded = await SeedAsync([.. Enumerable.Range(1, 4).Select(i => OrderSamples.Draft(i))]);
        await using (var uow = Begin(api))
        {
            var all = await uow.Orders.List();
            uow.Orders.RemoveRange(all.Where(o => o.Id != seeded[3].Id));
            await uow.Commit();
        }

        await using var reader = Begin(api);
        Assert.That((await reader.Orders.List()).Select(o => o.Id), Is.EqualTo(new[] { seeded[3].Id }));
    }

    [Test]
    public async Task Removing_an_aggregate_added_in_the_same_unit_of_work_cancels_the_add([Values] Api api)
    {
        await using var uow = Begin(api);
        var order = OrderSamples.NewOrder();
        await uow.Orders.Add(order);
        uow.Orders.Remove(order);

        Assert.That(await uow.Orders.Find(order.Id), Is.Null);
        await uow.Commit();

        Assert.That(Dump(), Is.Empty);
        Assert.That(order.Version, Is.Zero);
    }

    [Test]
    public async Task Rollback_discards_pending_changes_and_forgets_tracked_aggregates([Values] Api api)
    {
        var seeded = await SeedAsync();
        var before = Dump();
        await using var uow = Begin(api);
        var loaded = await uow.Orders.Get(seeded.Id);
        loaded.Rename("rolled back");
        await uow.Orders.Add(OrderSamples.NewOrder(9));
        await uow.Customers.Add(OrderSamples.NewCustomer(7));

        await uow.Rollback();
        await uow.Commit();

        Assert.That(Dump(), Is.EqualTo(before));
        var reloaded = await uow.Orders.Get(seeded.Id);
        Assert.That(reloaded, Is.Not.SameAs(loaded), "the rolled-back instance is forgotten");
        Assert.That(reloaded.Reference, Is.EqualTo("ref-1"));
    }

    [Test]
    public async Task Disposing_without_commit_writes_nothing_and_a_second_dispose_does_nothing([Values] Api api)
    {
        var seeded = await SeedAsync();
        var before = Dump();
        var uow = Begin(api);
        (await uow.Orders.Get(seeded.Id)).Rename("never committed");
        uow.Orders.Remove(await uow.Orders.Get(seeded.Id));
        await uow.Orders.Add(OrderSamples.NewOrder(5));

        await uow.DisposeAsync();
        await uow.DisposeAsync();
        ((IDisposable)uow.Inner).Dispose();

        Assert.That(Dump(), Is.EqualTo(before));
    }

    [Test]
    public async Task Commit_and_rollback_after_dispose_throw_ObjectDisposedException([Values] Api api)
    {
        var uow = Begin(api);
        await uow.Orders.Add(OrderSamples.NewOrder());
        await uow.DisposeAsync();

        Assert.ThrowsAsync<ObjectDisposedException>(uow.Commit);
        Assert.ThrowsAsync<ObjectDisposedException>(uow.Rollback);
        Assert.That(Dump(), Is.Empty);
    }

    [Test]
    public async Task A_cancelled_commit_writes_nothing()
    {
        var seeded = await SeedAsync();
        var before = Dump();
        await using var uow = Begin();
        (await uow.Orders.Get(seeded.Id)).Rename("cancelled");
        await uow.Orders.Add(OrderSamples.NewOrder(2));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.That(() => ((IUnitOfWork)uow.Inner).CommitAsync(cancelled.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(Dump(), Is.EqualTo(before));
    }
}
