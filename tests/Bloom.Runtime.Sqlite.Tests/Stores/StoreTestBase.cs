using System.Text;
using Bloom.Persistence;

namespace Bloom.Sqlite.Tests.Stores;

/// <summary>A real database file per test (see <see cref="SqliteTestBase"/>), a store over it and row helpers.</summary>
public abstract class StoreTestBase : SqliteTestBase
{
    protected static readonly LedgerMapping Ledgers = LedgerMapping.Instance;
    protected static readonly CounterMapping Counters = CounterMapping.Instance;

    protected SqliteAggregateStore Store { get; private set; } = null!;

    [SetUp]
    public async Task CreateStore()
    {
        Store = new SqliteAggregateStore(Factory());
        await Store.EnsureSchemaAsync([Ledgers, Counters], CancellationToken.None);
    }

    protected static RowWrite Insert(Ledger ledger) =>
        new(Ledgers, RowWriteKind.Insert, ledger.Id, Ledgers.Capture(ledger), 0, ledger.Id);

    protected static RowWrite Update(Ledger ledger, long expectedVersion) =>
        new(Ledgers, RowWriteKind.Update, ledger.Id, Ledgers.Capture(ledger), expectedVersion, ledger.Id);

    protected static RowWrite Delete(Guid id, long expectedVersion) =>
        new(Ledgers, RowWriteKind.Delete, id, null, expectedVersion, id);

    protected static RowWrite Insert(Counter counter) =>
        new(Counters, RowWriteKind.Insert, counter.Id, Counters.Capture(counter), 0, counter.Id);

    protected static RowWrite Update(Counter counter, long expectedVersion) =>
        new(Counters, RowWriteKind.Update, counter.Id, Counters.Capture(counter), expectedVersion, counter.Id);

    protected void Commit(params RowWrite[] writes)
    {
        using var session = Store.OpenSession();
        session.Commit(writes);
    }

    protected StoredRow? LoadLedger(Guid id)
    {
        using var session = Store.OpenSession();
        return session.Load(Ledgers, id);
    }

    /// <summary>Every row of every table, each value with its SQLite storage class (<c>quote()</c>), in rowid order.</summary>
    protected async Task<string> DumpAsync()
    {
        await using var connection = await Factory().OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = "SELECT name FROM pragma_table_info($t)";
                info.Parameters.AddWithValue("$t", table);
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            dump.Append("# ").AppendLine(table);
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"quote(\"{c}\")"))} FROM \"{table}\" ORDER BY rowid";
            await using var rowReader = await rows.ExecuteReaderAsync();
            while (await rowReader.ReadAsync())
            {
                dump.AppendLine(rowReader.GetString(0));
            }
        }

        return dump.ToString();
    }
}
