namespace Bloom.Persistence;

/// <summary>
/// A database that stores aggregate rows: the port between the generic unit of work and a storage engine (in-memory, SQLite,
/// later PostgreSQL). One instance per database, registered as a singleton; thread-safe. Units of work talk to it through
/// <see cref="IStoreSession"/>s.
/// </summary>
public interface IAggregateStore
{
    /// <summary>A short name for messages and diagnostics, e.g. <c>sqlite</c> or <c>in-memory</c>.</summary>
    string Name { get; }

    /// <summary>Opens a session for one unit of work. Does no I/O; connections open on first use.</summary>
    /// <returns>The session; the caller disposes it.</returns>
    IStoreSession OpenSession();

    /// <summary>
    /// Creates the tables (and indexes) the given mappings need when they do not exist yet. Idempotent; never drops or alters
    /// existing tables. Call it once at startup (<c>BloomSchema.EnsureCreatedAsync</c> does, for the registered aggregates).
    /// </summary>
    /// <param name="mappings">The aggregates' mappings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    Task EnsureSchemaAsync(IReadOnlyCollection<AggregateMapping> mappings, CancellationToken cancellationToken);
}
