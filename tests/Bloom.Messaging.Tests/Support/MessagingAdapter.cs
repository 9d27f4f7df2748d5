using Bloom.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Bloom.Messaging.Tests.Support;

/// <summary>
/// One store under test with its outbox: the aggregate store (with the test domain's tables), the outbox store over the same
/// database, and a fake clock both read. Every suite is an abstract fixture with one tiny subclass per adapter.
/// </summary>
public abstract class MessagingAdapter : IAsyncDisposable
{
    public static IReadOnlyCollection<AggregateMapping> Mappings { get; } = [Account.Mapping];

    public static EventEnvelopeSerializer Serializer { get; } = new(BloomDomainEvents.Registry);

    /// <summary>The clock of the stores and publishers; starts at 2030-01-01 and moves only when a test advances it.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public abstract string Name { get; }

    public abstract IAggregateStore Store { get; }

    /// <summary>The outbox store over <see cref="Store"/>'s database.</summary>
    public abstract IOutboxStore Outbox { get; }

    /// <summary>Another outbox store instance over the same database, as a second publisher process would have.</summary>
    public abstract IOutboxStore OpenOutbox();

    /// <summary>A unit of work that writes committed events to the outbox (no in-process dispatch).</summary>
    public BankUow Begin() => new(new UnitOfWorkServices(Store, null, Serializer));

    /// <summary>A unit of work without outbox (for handlers' own writes).</summary>
    public BankUow BeginWithoutOutbox() => new(new UnitOfWorkServices(Store));

    public abstract ValueTask DisposeAsync();
}

public sealed class InMemoryMessagingAdapter : MessagingAdapter
{
    private readonly InMemoryAggregateStore _store;

    private InMemoryMessagingAdapter()
    {
        _store = new InMemoryAggregateStore { TimeProvider = Time };
        Outbox = _store.CreateOutboxStore(Time);
    }

    public override string Name => "in-memory";

    public override IAggregateStore Store => _store;

    public override IOutboxStore Outbox { get; }

    public override IOutboxStore OpenOutbox() => new InMemoryOutboxStore(_store, Time);

    public static async Task<InMemoryMessagingAdapter> CreateAsync()
    {
        var adapter = new InMemoryMessagingAdapter();
        await adapter._store.EnsureSchemaAsync(Mappings, CancellationToken.None);
        await adapter.Outbox.EnsureSchemaAsync(CancellationToken.None);
        return adapter;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A real SQLite file in a fresh temp directory, deleted on dispose.</summary>
public sealed class SqliteMessagingAdapter : MessagingAdapter
{
    private readonly string _directory;

    private SqliteMessagingAdapter(string directory)
    {
        _directory = directory;
        Options = new SqliteStoreOptions($"Data Source={DatabasePath};Pooling=False");
        SqliteStore = new SqliteAggregateStore(Options) { TimeProvider = Time };
        Outbox = SqliteStore.CreateOutboxStore(Time);
    }

    public override string Name => "sqlite";

    public SqliteStoreOptions Options { get; }

    public string DatabasePath => Path.Combine(_directory, "store.db");

    public SqliteAggregateStore SqliteStore { get; }

    public override IAggregateStore Store => SqliteStore;

    public override IOutboxStore Outbox { get; }

    /// <summary>A new connection factory and store: nothing shared with <see cref="Outbox"/> but the file.</summary>
    public override IOutboxStore OpenOutbox() => new SqliteOutboxStore(new SqliteStoreOptions(Options.ConnectionString), Time);

    public static async Task<SqliteMessagingAdapter> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bloom-messaging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var adapter = new SqliteMessagingAdapter(directory);
        await adapter.SqliteStore.EnsureSchemaAsync(Mappings, CancellationToken.None);
        return adapter;
    }

    public async Task<SqliteConnection> OpenConnectionAsync() => await SqliteStore.ConnectionFactory.OpenAsync();

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
