using System.Globalization;
using Bloom.Persistence;

namespace Bloom.Sqlite.Tests.Stores;

[NonParallelizable]
public sealed class SqliteStoreSessionQueryTests : StoreTestBase
{
    private static Specification<Ledger> Where(System.Linq.Expressions.Expression<Func<Ledger, bool>> predicate) => Specification<Ledger>.Where(predicate);

    private static List<decimal> Amounts(IEnumerable<StoredRow> rows) => [.. rows.Select(r => (decimal)r.Values[4]!)];

    private static List<string> AmountTexts(IEnumerable<StoredRow> rows) => [.. rows.Select(r => ((decimal)r.Values[4]!).ToString(CultureInfo.InvariantCulture))];

    private void SeedAmounts(params string[] amounts)
    {
        Commit([.. amounts.Select(a => Insert(Ledger.Sample(amount: decimal.Parse(a, CultureInfo.InvariantCulture))))]);
    }

    [Test]
    public void Decimal_comparisons_in_SQL_are_numeric()
    {
        SeedAmounts("10", "9.5", "100", "1.50");
        using var session = Store.OpenSession();
        Assert.Multiple(() =>
        {
            Assert.That(Amounts(session.Query(Ledgers, Where(x => x.Amount > 9m), null, 0)), Is.EquivalentTo(new[] { 10m, 9.5m, 100m }));
            Assert.That(Amounts(session.Query(Ledgers, Where(x => x.Amount < 10m), null, 0)), Is.EquivalentTo(new[] { 9.5m, 1.5m }));
            Assert.That(Amounts(session.Query(Ledgers, Where(x => x.Amount >= 10.00m), null, 0)), Is.EquivalentTo(new[] { 10m, 100m }));
            Assert.That(AmountTexts(session.Query(Ledgers, Where(x => x.Amount == 1.5m), null, 0)), Is.EqualTo(new[] { "1.50" }), "1.5 = 1.50");
            Assert.That(Amounts(session.Query(Ledgers, Where(x => x.Amount != 1.500m), null, 0)), Has.Count.EqualTo(3));
            var wanted = new[] { 1.5m, 100.0m };
            Assert.That(Amounts(session.Query(Ledgers, Where(x => wanted.Contains(x.Amount)), null, 0)), Is.EquivalentTo(new[] { 1.5m, 100m }), "IN");
            Assert.That(session.Count(Ledgers, Where(x => x.Amount > 9)), Is.EqualTo(3), "an int constant converts to decimal");
        });
    }

    [Test]
    public void Ordering_by_a_decimal_is_numeric_in_both_directions()
    {
        SeedAmounts("10", "9.5", "100", "1.50", "-2", "0.001");
        using var session = Store.OpenSession();
        var ascending = session.Query(Ledgers, null, PageRequest.Of<Ledger>(1, 10).OrderBy(x => x.Amount), 0);
        var descending = session.Query(Ledgers, null, PageRequest.Of<Ledger>(1, 10).OrderByDescending(x => x.Amount), 0);
        Assert.Multiple(() =>
        {
            Assert.That(AmountTexts(ascending), Is.EqualTo(new[] { "-2", "0.001", "1.50", "9.5", "10", "100" }));
            Assert.That(AmountTexts(descending), Is.EqualTo(new[] { "100", "10", "9.5", "1.50", "0.001", "-2" }));
        });
    }

    [Test]
    public void Nullable_decimals_compare_numerically_and_null_sorts_first()
    {
        var rows = new[] { (decimal?)null, 20m, 3m, null, 3.0m }.Select(a => { var l = Ledger.Sample(); l.MaybeAmount = a; return l; }).ToList();
        Commit([.. rows.Select(Insert)]);
        using var session = Store.OpenSession();
        var page = session.Query(Ledgers, null, PageRequest.Of<Ledger>(1, 10).OrderBy(x => x.MaybeAmount), 0);
        Assert.Multiple(() =>
        {
            Assert.That(page.Select(r => r.Values[12]), Is.EqualTo(new object?[] { null, null, 3m, 3m, 20m }));
            Assert.That(session.Count(Ledgers, Where(x => x.MaybeAmount == 3m)), Is.EqualTo(2));
            Assert.That(session.Count(Ledgers, Where(x => x.MaybeAmount == null)), Is.EqualTo(2));
            Assert.That(session.Count(Ledgers, Where(x => x.MaybeAmount > 4m)), Is.EqualTo(1));
        });
    }

    [Test]
    public void Paging_breaks_ties_by_id_so_pages_are_deterministic_and_disjoint()
    {
        // Seven rows share amount 5, three share 7: the sort key alone would leave the order within ties to SQLite.
        var ledgers = Enumerable.Range(0, 10).Select(i => Ledger.Sample(amount: i < 7 ? 5m : 7m)).ToList();
        Commit([.. Enumerable.Reverse(ledgers).Select(Insert)]);
        var expected = ledgers
            .OrderBy(l => l.Amount)
            .ThenBy(l => l.Id.ToString("D"), StringComparer.Ordinal)
            .Select(l => l.Id)
            .ToList();

        using var session = Store.OpenSession();
        for (var run = 0; run < 2; run++)
        {
            var seen = new List<Guid>();
            for (var page = 1; page <= 4; page++)
            {
                seen.AddRange(session.Query(Ledgers, null, PageRequest.Of<Ledger>(page, 3).OrderBy(x => x.Amount), 0).Select(r => (Guid)r.Values[0]!));
            }

            Assert.That(seen, Is.EqualTo(expected), $"run {run}");
        }

        var descending = ledgers
            .OrderByDescending(l => l.Amount)
            .ThenBy(l => l.Id.ToString("D"), StringComparer.Ordinal)
            .Select(l => l.Id)
            .Take(4)
            .ToList();
        Assert.That(
            session.Query(Ledgers, null, PageRequest.Of<Ledger>(1, 4).OrderByDescending(x => x.Amount), 0).Select(r => (Guid)r.Values[0]!),
            Is.EqualTo(descending),
            "the id tie-breaker stays ascending");
    }

    [Test]
    public void An_unordered_page_is_ordered_by_id()
    {
        var ledgers = Enumerable.Range(0, 5).Select(_ => Ledger.Sample()).ToList();
        Commit([.. ledgers.Select(Insert)]);
        using var session = Store.OpenSession();
        var ids = session.Query(Ledgers, null, PageRequest.Of(2, 2), 0).Select(r => (Guid)r.Values[0]!);
        Assert.That(ids, Is.EqualTo(ledgers.Select(l => l.Id).OrderBy(g => g.ToString("D"), StringComparer.Ordinal).Skip(2).Take(2)));
    }

    [Test]
    public void Integer_ids_page_in_numeric_order()
    {
        Commit([.. new long[] { 10, 2, 33, 1, 7 }.Select(id => Insert(new Counter { Id = id, Value = 0 }))]);
        using var session = Store.OpenSession();
        Assert.That(
            session.Query(Counters, null, PageRequest.Of(1, 4), 0).Select(r => r.Values[0]),
            Is.EqualTo(new object[] { 1L, 2L, 7L, 10L }));
    }

    [Test]
    public void Count_and_limit()
    {
        SeedAmounts("1", "2", "3", "4", "5");
        using var session = Store.OpenSession();
        Assert.Multiple(() =>
        {
            Assert.That(session.Count(Ledgers, null), Is.EqualTo(5));
            Assert.That(session.Count(Ledgers, Where(x => x.Amount >= 3m)), Is.EqualTo(3));
            Assert.That(session.Count(Ledgers, Where(x => x.Amount > 100m)), Is.EqualTo(0));
            Assert.That(session.Count(Counters, null), Is.EqualTo(0));
            Assert.That(session.Query(Ledgers, null, null, 2), Has.Count.EqualTo(2));
            Assert.That(session.Query(Ledgers, Where(x => x.Amount >= 3m), null, 1), Has.Count.EqualTo(1));
            Assert.That(session.Query(Ledgers, null, null, 0), Has.Count.EqualTo(5));
            Assert.That(session.Query(Ledgers, null, PageRequest.Of(1, 2), 1), Has.Count.EqualTo(2), "limit is ignored with a page");
            Assert.That(() => session.Query(Ledgers, null, null, -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Query_returns_logical_values_and_versions()
    {
        var ledger = Ledger.Sample(amount: 3.10m);
        Commit(Insert(ledger));
        Commit(Update(ledger, 1));
        using var session = Store.OpenSession();
        var row = session.Query(Ledgers, Where(x => x.Id == ledger.Id), null, 0).Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.Version, Is.EqualTo(2));
            Assert.That(row.Values, Is.EqualTo(session.Load(Ledgers, ledger.Id)!.Value.Values));
            Assert.That(((decimal)row.Values[4]!).ToString(CultureInfo.InvariantCulture), Is.EqualTo("3.10"));
        });
    }

    [Test]
    public void Specifications_over_every_queryable_storage_type()
    {
        var a = Ledger.Sample(amount: 1m);
        a.Flag = true;
        a.Status = LedgerStatus.Closed;
        a.Ratio = 0.5;
        a.Count = 3;
        a.Name = "Alpha";
        a.At = new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.FromHours(2));   // 08:00 UTC
        a.When = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        a.Note = "n";
        a.MaybeFlag = true;
        a.MaybeReference = Guid.Parse("11111111-1111-1111-1111-111111111111");

        var b = Ledger.Sample(amount: 2m);
        b.Flag = false;
        b.Status = LedgerStatus.Open;
        b.Ratio = 1.5f;
        b.Count = 10;
        b.Name = "alpha";
        b.At = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);            // 09:00 UTC
        b.When = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Commit(Insert(a), Insert(b));

        var cutoff = new DateTimeOffset(2024, 1, 1, 3, 30, 0, TimeSpan.FromHours(-5)); // 08:30 UTC
        var statuses = new[] { LedgerStatus.Closed, LedgerStatus.Archived };
        using var session = Store.OpenSession();
        Guid Only(Specification<Ledger> spec) => (Guid)session.Query(Ledgers, spec, null, 0).Single().Values[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(Only(Where(x => x.Flag)), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => !x.Flag)), Is.EqualTo(b.Id));
            Assert.That(Only(Where(x => x.Status == LedgerStatus.Closed)), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => statuses.Contains(x.Status))), Is.EqualTo(a.Id), "enum array: binds to MemoryExtensions.Contains(span, item, comparer: null)");
            Assert.That(Only(Where(x => !statuses.Contains(x.Status))), Is.EqualTo(b.Id));
            Assert.That(Only(Where(x => statuses.ToList().Contains(x.Status))), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => x.Ratio > 1.0)), Is.EqualTo(b.Id));
            Assert.That(Only(Where(x => x.Count < 5)), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => x.Name == "Alpha")), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => x.Name.StartsWith("al", StringComparison.Ordinal))), Is.EqualTo(b.Id));
            Assert.That(Only(Where(x => x.At < cutoff)), Is.EqualTo(a.Id), "DateTimeOffset compares instants");
            Assert.That(Only(Where(x => x.When > new DateTime(2024, 6, 1))), Is.EqualTo(b.Id));
            Assert.That(Only(Where(x => x.Id == b.Id)), Is.EqualTo(b.Id));
            Assert.That(Only(Where(x => x.Note != null)), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => x.MaybeFlag == true)), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => x.MaybeReference == Guid.Parse("11111111-1111-1111-1111-111111111111"))), Is.EqualTo(a.Id));
            Assert.That(Only(Where(x => x.Note != "n")), Is.EqualTo(b.Id), "C# semantics: null != \"n\"");
        });
    }

    [Test]
    public void An_untranslatable_specification_throws_before_any_IO()
    {
        using var session = (SqliteStoreSession)Store.OpenSession();
        Assert.Multiple(() =>
        {
            Assert.That(() => session.Query(Ledgers, Where(x => x.Document == "{}"), null, 0), Throws.InstanceOf<UntranslatableSpecificationException>(), "JSON columns are not queryable");
            Assert.That(() => session.Count(Ledgers, Where(x => x.Name.Length > 2)), Throws.InstanceOf<UntranslatableSpecificationException>());
            Assert.That(() => session.Query(Ledgers, null, PageRequest.Of<Ledger>(1, 2).OrderBy(x => x.Document), 0), Throws.InstanceOf<UntranslatableSpecificationException>());
        });
        Assert.That(session.Connection, Is.Null);
    }

    [Test]
    public void Repeated_queries_of_one_shape_with_different_values_give_the_right_rows()
    {
        SeedAmounts("1", "2", "3", "4", "5", "6");
        using var session = Store.OpenSession();
        for (var threshold = 0; threshold <= 6; threshold++)
        {
            var t = (decimal)threshold;
            Assert.That(session.Query(Ledgers, Where(x => x.Amount > t), null, 0), Has.Count.EqualTo(6 - threshold));
            Assert.That(session.Count(Ledgers, Where(x => x.Amount > t)), Is.EqualTo(6 - threshold));
        }
    }

    [Test]
    public void The_decimal_collation_is_registered_on_pooled_connections_too()
    {
        var pooled = new SqliteAggregateStore(new SqliteStoreOptions($"Data Source={DatabasePath};Pooling=True"));
        SeedAmounts("10", "9");
        for (var i = 0; i < 3; i++)
        {
            using var session = pooled.OpenSession();
            Assert.That(
                AmountTexts(session.Query(Ledgers, null, PageRequest.Of<Ledger>(1, 5).OrderBy(x => x.Amount), 0)),
                Is.EqualTo(new[] { "9", "10" }));
        }
    }
}
