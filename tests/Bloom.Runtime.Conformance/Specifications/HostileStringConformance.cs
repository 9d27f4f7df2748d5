using Bloom.Specifications;

namespace Bloom.Runtime.Conformance.Specifications;

/// <summary>
/// RELIABILITY.md T8, hostile strings: every corpus value without U+0000 is stored (as an order's reference and note, and as a
/// counter's string-backed id), read back exactly, and found by equality, <c>StartsWith</c> and <c>Contains</c>, which return
/// exactly the literal (ordinal) matches; over-long LIKE patterns are rejected with <see cref="UntranslatableSpecificationException"/>.
/// Values with U+0000 are refused by both stores — at commit (nothing written) and as query values — because Microsoft.Data.Sqlite
/// binds long text NUL-terminated and would silently cut it.
/// </summary>
public abstract class HostileStringConformance
{
    protected abstract Task<StoreAdapter> CreateAdapterAsync();

    [Test]
    public async Task Hostile_strings_are_stored_exactly_and_matched_literally()
    {
        var seed = Seeds.Resolve(5150);
        var corpus = HostileStrings.Build(new Random(seed));
        Assert.That(corpus, Has.Count.GreaterThanOrEqualTo(500));
        var withNul = corpus.Where(static c => c.Value.Contains('\0', StringComparison.Ordinal)).ToList();
        Assert.That(withNul, Is.Not.Empty, "the corpus holds NUL");
        corpus = corpus.Except(withNul).ToList();
        var orders = corpus.Select((c, i) => Order.Create(OrderId.New(), OrderSamples.Draft(i, c.Value) with { Note = c.Value })).ToList();
        var counters = corpus.Where((_, i) => i % 5 == 0).Select(c => Counter.Start(new CounterName(c.Value))).ToList();

        await using var adapter = await CreateAdapterAsync();
        await using (var seeding = new Uow(new ShopUow(adapter.Store), Api.Async))
        {
            await seeding.Orders.AddRange(orders);
            await seeding.Counters.AddRange(counters);
            await seeding.Commit();
        }

        var failures = new List<string>();
        var queries = 0;
        var rejected = 0;
        await using var uow = new Uow(new ShopUow(adapter.Store), Api.Sync);

        foreach (var (value, _) in withNul)
        {
            await using (var refused = new Uow(new ShopUow(adapter.Store), Api.Async))
            {
                await refused.Orders.Add(Order.Create(OrderId.New(), OrderSamples.Draft(1, value)));
                try
                {
                    await refused.Commit();
                    failures.Add($"commit of {Show(value)}: expected InvalidOperationException (NUL), it was stored");
                }
                catch (InvalidOperationException)
                {
                    rejected++;
                }
            }

            try
            {
                await uow.Orders.List(Specification<Order>.Where(o => o.Reference == value));
                failures.Add($"== {Show(value)}: expected UntranslatableSpecificationException (NUL)");
            }
            catch (UntranslatableSpecificationException)
            {
                rejected++;
            }
        }

        if (await uow.Orders.Count(null) != orders.Count)
        {
            failures.Add("a refused NUL commit wrote a row");
        }

        foreach (var original in orders)
        {
            var loaded = await uow.Orders.Get(original.Id);
            if (!string.Equals(loaded.Reference, original.Reference, StringComparison.Ordinal) || !string.Equals(loaded.Note, original.Note, StringComparison.Ordinal))
            {
                failures.Add($"round trip of {Show(original.Reference)} read back {Show(loaded.Reference)}");
            }
        }

        foreach (var counter in counters)
        {
            if (await uow.Counters.Find(counter.Id) is null)
            {
                failures.Add($"counter id {Show(counter.Id.Value)} not found by id");
            }
        }

        foreach (var (value, _) in corpus)
        {
            await Expect($"== {Show(value)}", Specification<Order>.Where(o => o.Reference == value), o => o.Reference == value, false);
            await Expect($"Note == {Show(value)}", Specification<Order>.Where(o => o.Note == value), o => o.Note == value, false);
            await Expect($"StartsWith {Show(value)}", Specification<Order>.Where(o => o.Reference.StartsWith(value, StringComparison.Ordinal)), o => o.Reference.StartsWith(value, StringComparison.Ordinal), HostileStrings.UntranslatableInLike(value, contains: false));
            await Expect($"Contains {Show(value)}", Specification<Order>.Where(o => o.Reference.Contains(value)), o => o.Reference.Contains(value, StringComparison.Ordinal), HostileStrings.UntranslatableInLike(value, contains: true));
            if (value.Length > 1000)
            {
                var prefix = value[..1000];
                await Expect($"StartsWith 1000-char prefix of {Show(value)}", Specification<Order>.Where(o => o.Reference.StartsWith(prefix, StringComparison.Ordinal)), o => o.Reference.StartsWith(prefix, StringComparison.Ordinal), HostileStrings.UntranslatableInLike(prefix, contains: false));
            }
        }

        TestContext.Out.WriteLine($"seed {seed}: {corpus.Count} values, {queries} queries on {adapter.Name}, {rejected} rejected as untranslatable, {failures.Count} failures");
        Assert.That(rejected, Is.GreaterThan(0), "the corpus holds NUL and over-long patterns");
        Assert.That(failures, Is.Empty, () => $"seed {seed} (rerun with BLOOM_SEED={seed}):\n" + string.Join('\n', failures.Take(20)));

        async Task Expect(string what, Specification<Order> spec, Func<Order, bool> oracle, bool untranslatable)
        {
            queries++;
            var expected = orders.Where(oracle).Select(o => o.Id).OrderBy(id => id.Value).ToList();
            try
            {
                var actual = (await uow.Orders.List(spec)).Select(o => o.Id).OrderBy(id => id.Value).ToList();
                var count = await uow.Orders.Count(spec);
                if (untranslatable)
                {
                    failures.Add($"{what}: expected UntranslatableSpecificationException, got {actual.Count} rows");
                }
                else if (!actual.SequenceEqual(expected) || count != expected.Count)
                {
                    failures.Add($"{what}: {actual.Count} rows (count {count}), expected {expected.Count}");
                }
                else if (expected.Count == 0)
                {
                    failures.Add($"{what}: the oracle matched nothing, so the check proves nothing");
                }
            }
            catch (UntranslatableSpecificationException) when (untranslatable)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                failures.Add($"{what}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static string Show(string? value) =>
        value is null ? "null" : value.Length > 40 ? $"<{value.Length} chars: {Escape(value[..40])}…>" : $"\"{Escape(value)}\"";

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c < ' ' || c is '\u007f' or > '\u00ff' ? $"\\u{(int)c:x4}" : c.ToString()));
}

[TestFixture]
public sealed class InMemoryHostileStringConformance : HostileStringConformance
{
    protected override async Task<StoreAdapter> CreateAdapterAsync() => await InMemoryStoreAdapter.CreateAsync();
}

[TestFixture]
public sealed class SqliteHostileStringConformance : HostileStringConformance
{
    protected override async Task<StoreAdapter> CreateAdapterAsync() => await SqliteStoreAdapter.CreateAsync();
}

/// <summary>
/// RELIABILITY.md T8 oracle 1: no corpus value reaches the SQL text. Each value's sentinel must be absent from the translated
/// <c>WHERE</c> and <c>ORDER BY</c> text, and present among the parameters (so the check is not vacuous).
/// </summary>
public sealed class HostileStringTranslation
{
    [Test]
    public void No_value_ever_appears_in_the_sql_text()
    {
        var seed = Seeds.Resolve(5150);
        var corpus = HostileStrings.Build(new Random(seed));
        var mapping = new AggregateSpecificationMapping<Order>(Order.Mapping, (_, v) => v);
        var page = PageRequest.Of<Order>(2, 25).OrderByDescending(o => o.Reference).ThenBy(o => o.Total.Currency);
        var leaks = new List<string>();
        var translated = 0;

        foreach (var (value, sentinel) in corpus)
        {
            var email = new EmailAddress("a@" + value);
            var sku = new Sku(value);
            string[] list = [value, "x" + value];
            var specs = new List<Specification<Order>>
            {
                Specification<Order>.Where(o => o.Reference == value),
                Specification<Order>.Where(o => o.Note != value),
                Specification<Order>.Where(o => !(o.Total.Currency == value) || o.Priority > 3),
                Specification<Order>.Where(o => o.Email == email),
                Specification<Order>.Where(o => o.FeaturedSku == sku),
                Specification<Order>.Where(o => list.Contains(o.Reference)),
                Specification<Order>.Where(o => o.Reference.StartsWith(value, StringComparison.Ordinal)),
                Specification<Order>.Where(o => o.Note != null && o.Note.EndsWith(value, StringComparison.Ordinal)),
                Specification<Order>.Where(o => !o.Reference.Contains(value)),
            };

            foreach (var spec in specs)
            {
                SqlQuery query;
                try
                {
                    query = SqlSpecificationTranslator.Default.Translate(spec, mapping, page);
                }
                catch (UntranslatableSpecificationException) when (value.Contains('\0', StringComparison.Ordinal) || value.Length > 20_000)
                {
                    continue; // documented: NUL and over-long LIKE patterns are rejected before any SQL exists
                }

                translated++;
                if (query.Where.Contains(sentinel, StringComparison.Ordinal) || query.OrderBy.Contains(sentinel, StringComparison.Ordinal))
                {
                    leaks.Add($"{spec}: {query.Where} {query.OrderBy}");
                }

                if (!query.Parameters.Any(p => p is string s && s.Contains(sentinel, StringComparison.Ordinal)))
                {
                    leaks.Add($"{spec}: the value is not among the parameters, so this check would prove nothing");
                }
            }
        }

        TestContext.Out.WriteLine($"seed {seed}: {translated} translations of {corpus.Count} values, {leaks.Count} leaks");
        Assert.That(translated, Is.GreaterThan(corpus.Count * 8));
        Assert.That(leaks, Is.Empty, () => $"seed {seed}:\n" + string.Join('\n', leaks.Take(10)));
    }
}
