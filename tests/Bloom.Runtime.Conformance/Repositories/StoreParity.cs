using System.Globalization;

namespace Bloom.Runtime.Conformance.Repositories;

/// <summary>
/// The in-memory store promises to behave like the SQL stores ("the same specifications — what SQL cannot translate is
/// rejected in memory too"; <see cref="InMemoryAggregateStore"/>): for the same data, every operation below must have the same
/// outcome — the same result, or the same exception type — in memory and on SQLite.
/// </summary>
public sealed class StoreParity
{
    /// <summary>Operations whose outcome is a short text (or an exception).</summary>
    private static IEnumerable<TestCaseData> Operations()
    {
        yield return Case("sort by a single-value value object", r => Ids(r.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 10).OrderBy(o => o.Email)).Items));
        yield return Case("sort by a member of a nullable flattened value object", r => Ids(r.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 10).OrderBy(o => o.Refund!.Amount).ThenBy(o => o.Sequence)).Items));
        yield return Case("sort by the value of a single-value value object", r => Ids(r.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 10).OrderBy(o => o.Email.Value)).Items));
        yield return Case("filter on a member of a nullable flattened value object, guarded", r => r.Count(Specification<Order>.Where(o => o.Refund != null && o.Refund.Amount < 0)).ToString(CultureInfo.InvariantCulture));
        yield return Case("compare a whole nullable flattened value object", r => r.Count(Specification<Order>.Where(o => o.Refund == new Money(5m, "EUR"))).ToString(CultureInfo.InvariantCulture));
        yield return Case("null check of a nullable flattened value object", r => r.Count(Specification<Order>.Where(o => o.Refund != null)).ToString(CultureInfo.InvariantCulture));
        yield return Case("null check of a nullable single-value value object", r => r.Count(Specification<Order>.Where(o => o.BackupEmail == null)).ToString(CultureInfo.InvariantCulture));
        yield return Case("the offset of a stored DateTimeOffset (StorageType.DateTimeOffset: normalised to UTC)", r => string.Join(",", r.List().OrderBy(o => o.Sequence).Select(o => o.PlacedAt.Offset)));
        yield return Case("sort by a string-backed id", r => Ids(r.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 10).OrderByDescending(o => o.FeaturedSku)).Items));

        static TestCaseData Case(string name, Func<ISyncRepository<Order, OrderId>, string> operation) =>
            new TestCaseData(operation).SetArgDisplayNames(name);

        static string Ids(IEnumerable<Order> orders) => string.Join(",", orders.Select(o => o.Sequence));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Both_stores_have_the_same_outcome(Func<ISyncRepository<Order, OrderId>, string> operation)
    {
        await using var memory = await InMemoryStoreAdapter.CreateAsync();
        await using var sqlite = await SqliteStoreAdapter.CreateAsync();

        var outcomes = new List<string>();
        foreach (var adapter in new StoreAdapter[] { memory, sqlite })
        {
            using (var seeding = new ShopUow(adapter.Store))
            {
                ISyncRepository<Order, OrderId> orders = seeding.Orders;
                orders.Add(Order.Create(new OrderId(Guid.Parse("00000000-0000-0000-0000-000000000001")), OrderSamples.Draft(1) with { Sequence = 1, Refund = null, BackupEmail = null, Email = new EmailAddress("b@x") }));
                orders.Add(Order.Create(new OrderId(Guid.Parse("00000000-0000-0000-0000-000000000002")), OrderSamples.Draft(2) with { Sequence = 2, Refund = new Money(-1m, "EUR"), Email = new EmailAddress("a@x") }));
                orders.Add(Order.Create(new OrderId(Guid.Parse("00000000-0000-0000-0000-000000000003")), OrderSamples.Draft(3) with { Sequence = 3, Refund = new Money(5m, "EUR"), Email = new EmailAddress("c@x") }));
                ((ISyncUnitOfWork)seeding).Commit();
            }

            using var uow = new ShopUow(adapter.Store);
            try
            {
                outcomes.Add(operation(uow.Orders));
            }
            catch (Exception ex)
            {
                outcomes.Add(ex.GetType().Name);
            }
        }

        Assert.That(outcomes[0], Is.EqualTo(outcomes[1]), $"in-memory: {outcomes[0]}; sqlite: {outcomes[1]}");
    }
}
