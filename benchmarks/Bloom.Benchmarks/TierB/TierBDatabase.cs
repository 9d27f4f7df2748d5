using Bloom.Persistence;
using Bloom.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bloom.Benchmarks.TierB;

/// <summary>
/// The one database file every Tier B variant uses: a temp folder, WAL + <c>synchronous=NORMAL</c> (BENCHMARKS.md, Tier B),
/// a 5 s busy timeout, foreign keys and case-sensitive LIKE. Every connection of every variant (raw, Bloom, Dapper, EF Core)
/// comes from the same <see cref="SqliteConnectionFactory"/>, so all of them run with the same PRAGMAs and the BLOOM_DECIMAL
/// collation; the table is the one <see cref="SqliteAggregateStore.EnsureSchemaAsync"/> creates from the generated mapping.
/// </summary>
internal sealed class TierBDatabase : IDisposable
{
    private TierBDatabase(string folder, SqliteConnectionFactory factory, SqliteAggregateStore store)
    {
        Folder = folder;
        Factory = factory;
        Store = store;
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "tier-b.db");

    public SqliteConnectionFactory Factory { get; }

    public SqliteAggregateStore Store { get; }

    public static TierBDatabase Create(SqliteSynchronousMode synchronous)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bloom-tier-b-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var options = new SqliteStoreOptions($"Data Source={System.IO.Path.Combine(folder, "tier-b.db")}")
        {
            Synchronous = synchronous,
            BusyTimeout = TimeSpan.FromSeconds(5),
        };
        var factory = new SqliteConnectionFactory(options);
        var store = new SqliteAggregateStore(factory);
        store.EnsureSchemaAsync([Item.Mapping], CancellationToken.None).GetAwaiter().GetResult();
        return new TierBDatabase(folder, factory, store);
    }

    public string Settings => $"file DB in a temp folder, journal_mode=WAL, synchronous={Factory.Options.Synchronous.ToString().ToUpperInvariant()}, busy_timeout={Factory.Options.BusyTimeout.TotalMilliseconds:0} ms, foreign_keys=ON, case_sensitive_like=ON (every connection from the store's SqliteConnectionFactory)";

    public static string CreateTableSql => SqliteAggregateStore.GetCreateTableSql(Item.Mapping);

    /// <summary>Empties the table and truncates the WAL, so every insert pass starts from the same state.</summary>
    public void Truncate()
    {
        using var connection = Factory.Open();
        Execute(connection, "DELETE FROM \"item\"");
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    public long Count()
    {
        using var connection = Factory.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"item\"";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Fills the table with <paramref name="items"/> (raw inserts, version 1) after emptying it.</summary>
    public void Populate(IReadOnlyList<Item> items)
    {
        Truncate();
        using var connection = Factory.Open();
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            using var insert = RawInsert.Prepare(connection, transaction);
            foreach (var item in items)
            {
                insert.Execute(item);
            }

            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        Execute(connection, "ANALYZE");
    }

    /// <summary>
    /// <paramref name="count"/> new items; every second one is <see cref="ItemStatus.Active"/> (B4's specification selects half of
    /// the table). Ids are <c>ItemId.New()</c> (time-ordered version 7 Guids), as an application creates them.
    /// </summary>
    public static List<Item> NewItems(int count, int seed)
    {
        var random = new Random(seed);
        var items = new List<Item>(count);
        for (var i = 0; i < count; i++)
        {
            var status = i % 2 == 0 ? ItemStatus.Active : (i % 4 == 1 ? ItemStatus.Draft : ItemStatus.Retired);
            items.Add(Item.Create(
                ItemId.New(),
                "SKU-" + random.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Widget " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                random.Next(0, 1_000),
                Math.Round((decimal)random.NextDouble() * 500m, 2),
                status));
        }

        return items;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The baseline's insert: one prepared command, parameters bound by hand from the aggregate (physical values as the store writes them).</summary>
internal sealed class RawInsert : IDisposable
{
    private static readonly object One = 1L;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _sku;
    private readonly SqliteParameter _name;
    private readonly SqliteParameter _quantity;
    private readonly SqliteParameter _price;
    private readonly SqliteParameter _status;

    private RawInsert(SqliteCommand command)
    {
        _command = command;
        _id = command.Parameters.Add("@p0", SqliteType.Text);
        _sku = command.Parameters.Add("@p1", SqliteType.Text);
        _name = command.Parameters.Add("@p2", SqliteType.Text);
        _quantity = command.Parameters.Add("@p3", SqliteType.Integer);
        _price = command.Parameters.Add("@p4", SqliteType.Text);
        _status = command.Parameters.Add("@p5", SqliteType.Integer);
        command.Parameters.Add("@version", SqliteType.Integer).Value = One;
    }

    public static RawInsert Prepare(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ItemSql.Insert;
        var insert = new RawInsert(command);
        command.Prepare();
        return insert;
    }

    public void Execute(Item item)
    {
        _id.Value = ItemSql.Id(item.Id);
        _sku.Value = item.Sku;
        _name.Value = item.Name;
        _quantity.Value = (long)item.Quantity;
        _price.Value = ItemSql.Price(item.Price);
        _status.Value = (long)item.Status;
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}

/// <summary>Helpers the Bloom "parts" rows use to call the store session directly (no unit of work).</summary>
internal static class StoreParts
{
    public static RowWrite Insert(Item item) =>
        new(Item.Mapping, RowWriteKind.Insert, Item.Mapping.IdToStorage(item.Id), Item.Mapping.Capture(item), 0, item.Id);

    public static RowWrite Update(Item item, long expectedVersion) =>
        new(Item.Mapping, RowWriteKind.Update, Item.Mapping.IdToStorage(item.Id), Item.Mapping.Capture(item), expectedVersion, item.Id);
}
