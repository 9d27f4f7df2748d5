using Bloom.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bloom.Runtime.Conformance.Support;

/// <summary>
/// One store under test: creates it with the test domain's tables and cleans up after it. Every conformance suite is an
/// abstract fixture with one tiny subclass per adapter; a new adapter (PostgreSQL, …) adds a subclass of this type and
/// one subclass of each suite.
/// </summary>
public abstract class StoreAdapter : IAsyncDisposable
{
    /// <summary>The tables every store gets.</summary>
    public static IReadOnlyCollection<AggregateMapping> Mappings { get; } = [Order.Mapping, Customer.Mapping, Counter.Mapping, Reading.Mapping];

    public abstract string Name { get; }

    /// <summary>The store, with <see cref="Mappings"/> ensured.</summary>
    public abstract IAggregateStore Store { get; }

    public abstract ValueTask DisposeAsync();
}

public sealed class InMemoryStoreAdapter : StoreAdapter
{
    private readonly InMemoryAggregateStore _store = new();

    private InMemoryStoreAdapter()
    {
    }

    public override string Name => "in-memory";

    public override IAggregateStore Store => _store;

    public static async Task<InMemoryStoreAdapter> CreateAsync()
    {
        var adapter = new InMemoryStoreAdapter();
        await adapter._store.EnsureSchemaAsync(Mappings, CancellationToken.None);
        return adapter;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A real SQLite file in a fresh temp directory, deleted on dispose.</summary>
public sealed class SqliteStoreAdapter : StoreAdapter
{
    private readonly string _directory;

    private SqliteStoreAdapter(string directory, SqliteAggregateStore store)
    {
        _directory = directory;
        SqliteStore = store;
    }

    public override string Name => "sqlite";

    public override IAggregateStore Store => SqliteStore;

    public SqliteAggregateStore SqliteStore { get; }

    public string DatabasePath => Path.Combine(_directory, "store.db");

    public static async Task<SqliteStoreAdapter> CreateAsync(TimeSpan? busyTimeout = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bloom-conformance-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var options = new SqliteStoreOptions($"Data Source={Path.Combine(directory, "store.db")};Pooling=False")
        {
            BusyTimeout = busyTimeout ?? SqliteStoreOptions.DefaultBusyTimeout,
        };
        var adapter = new SqliteStoreAdapter(directory, new SqliteAggregateStore(options));
        await adapter.SqliteStore.EnsureSchemaAsync(Mappings, CancellationToken.None);
        return adapter;
    }

    /// <summary>A store over a file in a directory that does not exist: opening a connection fails.</summary>
    public IAggregateStore CreateUnreachableStore() =>
        new SqliteAggregateStore(new SqliteStoreOptions(
            $"Data Source={Path.Combine(_directory, "missing-" + Guid.NewGuid().ToString("N"), "store.db")};Mode=ReadWrite;Pooling=False"));

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
