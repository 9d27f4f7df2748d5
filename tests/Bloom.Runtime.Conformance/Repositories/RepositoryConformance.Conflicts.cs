namespace Bloom.Runtime.Conformance.Repositories;

/// <summary>Optimistic concurrency: stale updates and deletes, atomic commits.</summary>
public abstract partial class RepositoryConformance
{
    [Test]
    public async Task A_stale_update_throws_ConcurrencyException_and_leaves_the_store_untouched([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using var stale = Begin(api);
        var staleOrder = await stale.Orders.Get(seeded.Id);
        await using (var winner = Begin(api))
        {
            (await winner.Orders.Get(seeded.Id)).Rename("winner");
            await winner.Commit();
        }

        var afterWinner = Dump();
        staleOrder.Rename("loser");

        var thrown = Assert.ThrowsAsync<ConcurrencyException>(stale.Commit);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(thrown.AggregateType, Is.EqualTo("Order"));
            Assert.That(thrown.Id, Is.EqualTo(seeded.Id));
            Assert.That(thrown.ExpectedVersion, Is.EqualTo(1));
            Assert.That(thrown.ActualVersion, Is.EqualTo(2));
            Assert.That(Dump(), Is.EqualTo(afterWinner));
            Assert.That(staleOrder.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_stale_delete_throws_ConcurrencyException_and_leaves_the_store_untouched([Values] Api api)
    {
        var seeded = await SeedAsync();
        await using var stale = Begin(api);
        var staleOrder = await stale.Orders.Get(seeded.Id);
        await using (var winner = Begin(api))
        {
            (await winner.Orders.Get(seeded.Id)).Rename("winner");
            await winner.Commit();
        }

        var afterWinner = Dump();
        stale.Orders.Remove(staleOrder);

        var thrown = Assert.ThrowsAsync<ConcurrencyException>(stale.Commit);

        Assert.That(thrown.ExpectedVersion, Is.EqualTo(1));
        Assert.That(thrown.ActualVersion, Is.EqualTo(2));
        Assert.That(Dump(), Is.EqualTo(afterWinner));
    }

    [Test]
    public async Task Updating_or_deleting_a_row_deleted_concurrently_throws_with_no_actual_version([Values] Api api, [Values] bool delete)
    {
        var seeded = await SeedAsync();
        await using var stale = Begin(api);
        var staleOrder = await stale.Orders.Get(seeded.Id);
        await using (var winner = Begin(api))
        {
            winner.Orders.Remove(await winner.Orders.Get(seeded.Id));
            await winner.Commit();
        }

        if (delete)
        {
            stale.Orders.Remove(staleOrder);
        }
        else
        {
            staleOrder.Rename("loser");
        }

        var thrown = Assert.ThrowsAsync<ConcurrencyException>(stale.Commit);

        Assert.That(thrown.ExpectedVersion, Is.EqualTo(1));
        Assert.That(thrown.ActualVersion, Is.Null);
        Assert.That(Dump(), Is.Empty);
    }

    /// <summary>
    /// Five writes over two tables (update, insert, update, delete, update of another aggregate type), of which the one at
    /// <paramref name="staleIndex"/> is stale: the commit fails and the store is exactly as before, whichever write it was.
    /// </summary>
    [Test]
    public async Task A_commit_with_one_stale_write_of_five_leaves_the_store_exactly_as_before([Range(0, 4)] int staleIndex, [Values] Api api)
    {
        var seeded = await SeedAsync(OrderSamples.Draft(1), OrderSamples.Draft(2), OrderSamples.Draft(3));
        var customer = await SeedCustomerAsync(77);
        var inserted = OrderSamples.NewOrder(4);

        await using var uow = Begin(api);
        var a = await uow.Orders.Get(seeded[0].Id);
        a.Rename("write 0: update");
        await uow.Orders.Add(inserted);
        var b = await uow.Orders.Get(seeded[1].Id);
        b.ChangeStatus(OrderStatus.Cancelled);
        var c = await uow.Orders.Get(seeded[2].Id);
        uow.Orders.Remove(c);
        var k = await uow.Customers.Get(customer.Id);
        k.Rename("write 4: update of another table");

        // Make exactly one of the five writes stale.
        await using (var other = Begin(api))
        {
            switch (staleIndex)
            {
                case 0:
                    (await other.Orders.Get(a.Id)).Annotate("concurrent");
                    break;
                case 1:
                    await other.Orders.Add(Order.Create(inserted.Id, OrderSamples.Draft(40)));
                    break;
                case 2:
                    (await other.Orders.Get(b.Id)).Annotate("concurrent");
                    break;
                case 3:
                    (await other.Orders.Get(c.Id)).Annotate("concurrent");
                    break;
                default:
                    (await other.Customers.Get(k.Id)).Seen(DateTimeOffset.UnixEpoch);
                    break;
            }

            await other.Commit();
        }

        var before = Dump();
        var staleId = new object[] { a.Id, inserted.Id, b.Id, c.Id, k.Id }[staleIndex];

        var thrown = Assert.ThrowsAsync<ConcurrencyException>(uow.Commit);

        Assert.That(thrown.Id, Is.EqualTo(staleId));
        Assert.That(Dump(), Is.EqualTo(before));
        Assert.That(new[] { a.Version, b.Version, c.Version, k.Version }, Is.All.EqualTo(1), "no version is bumped by a failed commit");
        Assert.That(inserted.Version, Is.Zero);
    }
}
