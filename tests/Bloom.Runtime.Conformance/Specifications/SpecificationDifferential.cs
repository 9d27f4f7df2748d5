namespace Bloom.Runtime.Conformance.Specifications;

/// <summary>
/// RELIABILITY.md T8, differential oracle (PR size): the same ~300 orders are seeded into the in-memory store and the store
/// under test; at least 1,000 random specifications (And/Or/Not trees over comparisons, null checks, string matching,
/// <c>IN</c> lists including empty ones, enums, dates, ids, flattened value objects) with random paging and ordering must give
/// the same ids in the same order from both stores and from LINQ-to-objects over the original instances, and the same counts.
/// The seed is printed; rerun a failure with <c>BLOOM_SEED</c>.
/// </summary>
public abstract class SpecificationDifferential
{
    private const int OrderCount = 300;
    private const int SpecificationCount = 1200;

    /// <summary>The store compared with the in-memory store and LINQ-to-objects.</summary>
    protected abstract Task<StoreAdapter> CreateAdapterAsync();

    [Test]
    public async Task Random_specifications_and_pages_return_the_same_ids_in_the_same_order_in_every_store()
    {
        var seed = Seeds.Resolve(20260408);
        var random = new Random(seed);
        var generator = new RandomOrders(random);
        var drafts = generator.Drafts(OrderCount);
        var oracle = drafts.Select(d => Order.Create(d.Id, d.Draft)).ToList();
        generator.UseValuesOf(oracle);

        await using var memory = await InMemoryStoreAdapter.CreateAsync();
        await using var tested = await CreateAdapterAsync();
        foreach (var adapter in new StoreAdapter[] { memory, tested })
        {
            await using var seeding = new Uow(new ShopUow(adapter.Store), Api.Async);
            await seeding.Orders.AddRange(drafts.Select(d => Order.Create(d.Id, d.Draft)));
            await seeding.Commit();
        }

        await using var memoryUow = new Uow(new ShopUow(memory.Store), Api.Sync);
        await using var testedUow = new Uow(new ShopUow(tested.Store), Api.Async);
        var byId = oracle.OrderBy(o => o.Id.Value.ToString("D"), StringComparer.Ordinal).ToList();
        var mismatches = new List<string>();
        var mismatchesByKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var paged = 0;
        var nonEmpty = 0;

        for (var n = 0; n < SpecificationCount; n++)
        {
            var spec = generator.Specification(random.Next(0, 5));
            var page = random.Next(3) == 0 ? null : generator.Page();
            var matches = byId.Where(spec.IsSatisfiedBy).ToList();
            nonEmpty += matches.Count > 0 ? 1 : 0;

            List<OrderId> expected;
            List<OrderId> fromMemory;
            List<OrderId> fromTested;
            if (page is null)
            {
                expected = [.. matches.Select(o => o.Id)];
                fromMemory = Sorted(await memoryUow.Orders.List(spec));
                fromTested = Sorted(await testedUow.Orders.List(spec));
            }
            else
            {
                paged++;
                expected = [.. page.ApplyTo(matches).Select(o => o.Id)];
                var memoryPage = await memoryUow.Orders.Page(spec, page);
                var testedPage = await testedUow.Orders.Page(spec, page);
                fromMemory = [.. memoryPage.Items.Select(o => o.Id)];
                fromTested = [.. testedPage.Items.Select(o => o.Id)];
                Check("page total (in-memory)", memoryPage.TotalCount, matches.Count);
                Check($"page total ({tested.Name})", testedPage.TotalCount, matches.Count);
            }

            Check("ids (in-memory)", fromMemory, expected);
            Check($"ids ({tested.Name})", fromTested, expected);
            Check("count (in-memory)", await memoryUow.Orders.Count(spec), matches.Count);
            Check($"count ({tested.Name})", await testedUow.Orders.Count(spec), matches.Count);
            Check($"exists ({tested.Name})", await testedUow.Orders.Exists(spec), matches.Count > 0);

            void Check<T>(string what, T actual, T wanted)
            {
                var same = actual is IEnumerable<OrderId> a && wanted is IEnumerable<OrderId> w ? a.SequenceEqual(w) : Equals(actual, wanted);
                if (!same)
                {
                    mismatchesByKind[what] = mismatchesByKind.GetValueOrDefault(what) + 1;
                }

                if (!same && mismatches.Count < 20)
                {
                    mismatches.Add($"#{n} {what}: got {Show(actual)}, expected {Show(wanted)}\n  spec: {spec}\n  page: {page?.ToString() ?? "none"}");
                }
                else if (!same)
                {
                    mismatches.Add(string.Empty);
                }
            }
        }

        var summary = string.Join(", ", mismatchesByKind.Select(k => $"{k.Key}: {k.Value}"));
        TestContext.Out.WriteLine($"seed {seed}: {SpecificationCount} specifications ({paged} paged, {nonEmpty} with matches) over {OrderCount} orders, {mismatches.Count} mismatches {summary}");
        Assert.That(nonEmpty, Is.GreaterThan(SpecificationCount / 4), "the generator must produce specifications that match something");
        Assert.That(mismatches, Is.Empty, () => $"seed {seed} (rerun with BLOOM_SEED={seed}); {mismatches.Count} mismatches ({summary}), the first ones:\n" + string.Join('\n', mismatches.Where(m => m.Length > 0)));

        static List<OrderId> Sorted(IEnumerable<Order> orders) => [.. orders.Select(o => o.Id).OrderBy(id => id.Value.ToString("D"), StringComparer.Ordinal)];

        static string Show(object? value) => value is IEnumerable<OrderId> ids
            ? "[" + string.Join(", ", ids.Select(id => id.Value.ToString("D")[^6..])) + "]"
            : value?.ToString() ?? "null";
    }
}

[TestFixture]
public sealed class SqliteSpecificationDifferential : SpecificationDifferential
{
    protected override async Task<StoreAdapter> CreateAdapterAsync() => await SqliteStoreAdapter.CreateAsync();
}
