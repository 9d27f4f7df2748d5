using Bloom.Persistence;
using Bloom.Sqlite;

// In the DI namespace, like AddBloom itself, so `services.AddBloom(b => b.UseSqlite(...))` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses SQLite (<see cref="SqliteAggregateStore"/>, the embedded default) as Bloom's aggregate store.</summary>
public static class SqliteBloomBuilderExtensions
{
    /// <summary>
    /// Stores aggregates in the SQLite database file named by <paramref name="connectionString"/>, with the default settings
    /// (WAL, 5 s busy timeout, <c>synchronous=FULL</c>). The store is a singleton; call
    /// <see cref="BloomSchema.EnsureCreatedAsync"/> once at startup to create the tables (the outbox, dead-letter and inbox tables
    /// too). The same database keeps the outbox: add <c>b.UseOutbox()</c> to publish committed events reliably.
    /// </summary>
    /// <param name="builder">The builder passed to <c>AddBloom</c>.</param>
    /// <param name="connectionString">A connection string whose <c>Data Source</c> is a file, e.g. <c>Data Source=shop.db</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is blank, malformed, or names an in-memory database.</exception>
    public static BloomBuilder UseSqlite(this BloomBuilder builder, string connectionString) =>
        builder.UseSqlite(new SqliteStoreOptions(connectionString));

    /// <summary>
    /// Stores aggregates in SQLite with explicit settings, e.g.
    /// <c>b.UseSqlite(new SqliteStoreOptions("Data Source=shop.db") { Synchronous = SqliteSynchronousMode.Normal })</c>.
    /// </summary>
    /// <param name="builder">The builder passed to <c>AddBloom</c>.</param>
    /// <param name="options">The validated store options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static BloomBuilder UseSqlite(this BloomBuilder builder, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.UseStore(provider => new SqliteAggregateStore(options)
        {
            // Stamps outbox messages and inbox entries with the application's clock (the one leases and retention use).
            TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System,
        });
    }
}
