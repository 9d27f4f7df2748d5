using System.Text.RegularExpressions;
using Bloom.Persistence;
using SQLitePCL;

namespace Bloom.Sqlite.Tests.Stores;

[NonParallelizable]
public sealed class SqliteStoreSessionCommitTests : StoreTestBase
{
    [Test]
    public void Insert_update_delete_bump_and_check_the_version()
    {
        var ledger = Ledger.Sample();
        Commit(Insert(ledger));
        Assert.That(LoadLedger(ledger.Id)!.Value.Version, Is.EqualTo(1));

        ledger.Name = "renamed";
        ledger.Amount = 2.25m;
        Commit(Update(ledger, expectedVersion: 1));
        var row = LoadLedger(ledger.Id)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(row.Version, Is.EqualTo(2));
            Assert.That(row.Values[5], Is.EqualTo("renamed"));
            Assert.That(row.Values[4], Is.EqualTo(2.25m));
        });

        Commit(Delete(ledger.Id, expectedVersion: 2));
        Assert.That(LoadLedger(ledger.Id), Is.Null);
    }

    [Test]
    public void An_empty_commit_does_nothing_and_opens_no_connection()
    {
        using var session = (SqliteStoreSession)Store.OpenSession();
        session.Commit([]);
        Assert.That(session.Connection, Is.Null);
    }

    [Test]
    public async Task Inserting_an_existing_id_is_a_ConcurrencyException_with_the_stored_version_and_changes_nothing()
    {
        var ledger = Ledger.Sample();
        Commit(Insert(ledger));
        ledger.Name = "v2";
        Commit(Update(ledger, 1));
        var before = await DumpAsync();

        var duplicate = Ledger.Sample(ledger.Id, amount: 99m);
        var ex = Assert.Throws<ConcurrencyException>(() => Commit(Insert(duplicate)));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.AggregateType, Is.EqualTo("Ledger"));
            Assert.That(ex.Id, Is.EqualTo(ledger.Id));
            Assert.That(ex.ExpectedVersion, Is.EqualTo(0));
            Assert.That(ex.ActualVersion, Is.EqualTo(2));
            Assert.That(await DumpAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Inserting_an_existing_integer_id_is_a_ConcurrencyException_too()
    {
        Commit(Insert(new Counter { Id = 5, Value = 1 }));
        var before = await DumpAsync();
        var ex = Assert.Throws<ConcurrencyException>(() => Commit(Insert(new Counter { Id = 5, Value = 2 })));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.AggregateType, Is.EqualTo("Counter"));
            Assert.That(ex.Id, Is.EqualTo(5L));
            Assert.That(ex.ActualVersion, Is.EqualTo(1));
            Assert.That(await DumpAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public void The_session_stays_usable_after_a_conflict()
    {
        var ledger = Ledger.Sample();
        using var session = Store.OpenSession();
        session.Commit([Insert(ledger)]);
        Assert.Throws<ConcurrencyException>(() => session.Commit([Insert(ledger)]));
        Assert.Throws<ConcurrencyException>(() => session.Commit([Update(ledger, 7)]));

        var other = Ledger.Sample();
        session.Commit([Insert(other), Update(ledger, 1)]);
        Assert.Multiple(() =>
        {
            Assert.That(session.Load(Ledgers, other.Id)!.Value.Version, Is.EqualTo(1));
            Assert.That(session.Load(Ledgers, ledger.Id)!.Value.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_stale_update_is_a_ConcurrencyException_with_expected_and_actual_versions()
    {
        var ledger = Ledger.Sample();
        Commit(Insert(ledger));
        Commit(Update(ledger, 1));
        Commit(Update(ledger, 2));
        var before = await DumpAsync();

        ledger.Name = "stale";
        var ex = Assert.Throws<ConcurrencyException>(() => Commit(Update(ledger, 1)));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.ExpectedVersion, Is.EqualTo(1));
            Assert.That(ex.ActualVersion, Is.EqualTo(3));
            Assert.That(ex.Id, Is.EqualTo(ledger.Id));
            Assert.That(await DumpAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public void Updating_or_deleting_a_row_that_is_gone_reports_no_actual_version()
    {
        var ledger = Ledger.Sample();
        Commit(Insert(ledger));
        Commit(Delete(ledger.Id, 1));

        var update = Assert.Throws<ConcurrencyException>(() => Commit(Update(ledger, 1)));
        var delete = Assert.Throws<ConcurrencyException>(() => Commit(Delete(ledger.Id, 1)));
        Assert.Multiple(() =>
        {
            Assert.That(update!.ExpectedVersion, Is.EqualTo(1));
            Assert.That(update.ActualVersion, Is.Null);
            Assert.That(delete!.ExpectedVersion, Is.EqualTo(1));
            Assert.That(delete.ActualVersion, Is.Null);
        });
    }

    [Test]
    public async Task A_stale_delete_is_a_ConcurrencyException_and_keeps_the_row()
    {
        var ledger = Ledger.Sample();
        Commit(Insert(ledger));
        Commit(Update(ledger, 1));
        var before = await DumpAsync();

        var ex = Assert.Throws<ConcurrencyException>(() => Commit(Delete(ledger.Id, 1)));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.ExpectedVersion, Is.EqualTo(1));
            Assert.That(ex.ActualVersion, Is.EqualTo(2));
            Assert.That(await DumpAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_commit_that_fails_on_its_third_write_leaves_the_database_byte_for_byte_as_before()
    {
        var a = Ledger.Sample(amount: 1m);
        var b = Ledger.Sample(amount: 2m);
        var c = Ledger.Sample(amount: 3m);
        Commit(Insert(a), Insert(b), Insert(c), Insert(new Counter { Id = 1, Value = 10 }));
        Commit(Update(b, 1));
        var before = await DumpAsync();

        a.Name = "changed";
        var fresh = Ledger.Sample(amount: 4m);
        var ex = Assert.Throws<ConcurrencyException>(() => Commit(
            Update(a, 1),                               // ok
            Insert(fresh),                              // ok
            Update(b, 1),                               // stale: b is at version 2
            Update(new Counter { Id = 1, Value = 11 }, 1),
            Delete(c.Id, 1)));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.Id, Is.EqualTo(b.Id));
            Assert.That(ex.ActualVersion, Is.EqualTo(2));
            Assert.That(await DumpAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_database_error_mid_commit_rolls_back_everything_and_is_rethrown()
    {
        var a = Ledger.Sample();
        Commit(Insert(a));
        var before = await DumpAsync();

        var broken = Ledger.Sample();
        var values = Ledgers.Capture(broken);
        values[5] = null;   // "name" is NOT NULL
        a.Name = "changed";
        var ex = Assert.Throws<SqliteException>(() => Commit(
            Update(a, 1),
            new RowWrite(Ledgers, RowWriteKind.Insert, broken.Id, values, 0, broken.Id)));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.SqliteErrorCode, Is.EqualTo(19), "SQLITE_CONSTRAINT (NOT NULL)");
            Assert.That(await DumpAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_value_of_the_wrong_logical_type_fails_before_writing_and_names_the_column()
    {
        var a = Ledger.Sample();
        Commit(Insert(a));
        var before = await DumpAsync();

        var values = Ledgers.Capture(a);
        values[2] = 42;   // an int where the mapping promised a long
        var ex = Assert.Throws<InvalidCastException>(() => Commit(
            Insert(Ledger.Sample()),
            new RowWrite(Ledgers, RowWriteKind.Update, a.Id, values, 1, a.Id)));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.Message, Does.Contain("'count'").And.Contain("Int64"));
            Assert.That(await DumpAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task NaN_cannot_be_stored_and_fails_the_whole_commit_while_infinities_round_trip()
    {
        var before = await DumpAsync();
        var nan = Ledger.Sample();
        nan.Ratio = double.NaN;
        Assert.Throws<InvalidOperationException>(() => Commit(Insert(Ledger.Sample()), Insert(nan)));
        Assert.That(await DumpAsync(), Is.EqualTo(before));

        var infinite = Ledger.Sample();
        infinite.Ratio = double.PositiveInfinity;
        infinite.MaybeRatio = double.NegativeInfinity;
        Commit(Insert(infinite));
        var row = LoadLedger(infinite.Id)!.Value;
        Assert.That(new[] { row.Values[3], row.Values[15] }, Is.EqualTo(new object[] { double.PositiveInfinity, double.NegativeInfinity }));
    }

    [Test]
    public void An_insert_must_expect_version_zero()
    {
        var a = Ledger.Sample();
        Assert.Throws<ArgumentException>(() => Commit(new RowWrite(Ledgers, RowWriteKind.Insert, a.Id, Ledgers.Capture(a), 3, a.Id)));
        Assert.That(LoadLedger(a.Id), Is.Null);
    }

    [Test]
    public void A_write_with_the_wrong_number_of_values_is_rejected()
    {
        var a = Ledger.Sample();
        Assert.Throws<ArgumentException>(() => Commit(new RowWrite(Ledgers, RowWriteKind.Insert, a.Id, [a.Id], 0, a.Id)));
        Assert.Throws<ArgumentException>(() => Commit(new RowWrite(Ledgers, RowWriteKind.Update, a.Id, null, 1, a.Id)));
        Assert.That(LoadLedger(a.Id), Is.Null);
    }

    [Test]
    public async Task A_cancelled_commit_writes_nothing()
    {
        var before = await DumpAsync();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await using var session = Store.OpenSession();
        Assert.That(async () => await session.CommitAsync([Insert(Ledger.Sample()), Insert(new Counter { Id = 1 })], cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await DumpAsync(), Is.EqualTo(before));
    }

    [Test]
    public void Commit_issues_BEGIN_IMMEDIATE_and_never_a_deferred_BEGIN()
    {
        var ledger = Ledger.Sample();
        using var session = (SqliteStoreSession)Store.OpenSession();
        Assert.That(session.Load(Ledgers, ledger.Id), Is.Null);   // opens the connection
        var statements = new List<string>();
        var handle = session.Connection!.Handle;
        raw.sqlite3_trace(handle, (strdelegate_trace)((_, sql) => statements.Add(sql)), null);
        try
        {
            session.Commit([Insert(ledger)]);
            session.Commit([Update(ledger, 1)]);
            Assert.Throws<ConcurrencyException>(() => session.Commit([Update(ledger, 1)]));
        }
        finally
        {
            raw.sqlite3_trace(handle, (strdelegate_trace?)null, null);
        }

        var begins = statements.Where(s => s.TrimStart().StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(begins, Is.EqualTo(Enumerable.Repeat("BEGIN IMMEDIATE;", 3)), string.Join(" | ", statements));
    }

    [Test]
    public void Source_guard_no_deferred_transaction_in_the_sqlite_adapter()
    {
        var root = TestContext.CurrentContext.TestDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Bloom.Toolkit.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.That(root, Is.Not.Null, "repository root");
        var sources = System.IO.Directory.GetFiles(Path.Combine(root!, "src", "Bloom.Runtime.Sqlite"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var offenders = sources.SelectMany(path => DeferredBegins(File.ReadAllText(path)).Select(o => $"{Path.GetFileName(path)}: {o}")).ToList();
        Assert.That(offenders, Is.Empty, "write transactions must start with BEGIN IMMEDIATE (SqliteWriteTransaction)");

        // The guard itself catches what it should and nothing else.
        Assert.Multiple(() =>
        {
            foreach (var bad in new[] { "c.BeginTransaction()", "c.BeginTransaction(IsolationLevel.Serializable)", "x = \"BEGIN\";", "x = \"BEGIN;\";", "x = \"begin deferred;\";", "x = \"BEGIN TRANSACTION;\";" })
            {
                Assert.That(DeferredBegins(bad), Is.Not.Empty, bad);
            }

            foreach (var good in new[] { "c.BeginTransaction(IsolationLevel.Serializable, deferred: false)", "x = \"BEGIN IMMEDIATE;\";", "<see cref=\"Begin\"/>" })
            {
                Assert.That(DeferredBegins(good), Is.Empty, good);
            }
        });
    }

    private static IEnumerable<string> DeferredBegins(string source)
    {
        foreach (Match call in Regex.Matches(source, @"BeginTransaction(Async)?\s*\(([^)]*)\)"))
        {
            if (!call.Groups[2].Value.Contains("deferred: false", StringComparison.Ordinal))
            {
                yield return call.Value;
            }
        }

        // A SQL literal that starts a transaction any other way: "BEGIN", "BEGIN;", "BEGIN DEFERRED …", "BEGIN TRANSACTION …".
        foreach (Match literal in Regex.Matches(source, "(?<!=)\"\\s*BEGIN(\\s*;?\\s*|\\s+(DEFERRED|TRANSACTION)\\b[^\"]*)\"", RegexOptions.IgnoreCase))
        {
            yield return literal.Value;
        }
    }

    [Test]
    public async Task Contending_sessions_never_see_SQLITE_BUSY_and_lose_no_update()
    {
        Commit(Insert(new Counter { Id = 1, Value = 0 }));
        const int Writers = 6;
        const int Increments = 25;
        var conflicts = 0;

        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < Increments; i++)
            {
                while (true)
                {
                    using var session = Store.OpenSession();
                    var row = session.Load(Counters, 1L)!.Value;
                    var counter = Counters.Reconstitute(row.Values, row.Version);
                    counter.Value++;
                    try
                    {
                        // Each commit also inserts a row of its own, so writers contend for the write lock constantly.
                        session.Commit([Update(counter, row.Version), Insert(new Counter { Id = 1000 + (w * Increments) + i, Value = w })]);
                        break;
                    }
                    catch (ConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })).ToArray();

        await Task.WhenAll(tasks);   // any SqliteException (e.g. SQLITE_BUSY) fails the test here

        using var check = Store.OpenSession();
        var final = check.Load(Counters, 1L)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(final.Values[1], Is.EqualTo((long)(Writers * Increments)));
            Assert.That(final.Version, Is.EqualTo(1 + (Writers * Increments)));
            Assert.That(check.Count(Counters, null), Is.EqualTo(1 + (Writers * Increments)));
        });
        TestContext.Out.WriteLine($"{conflicts} optimistic conflicts retried");
    }
}
