using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// Opens connections to the store's SQLite database with the required PRAGMAs applied to every connection.
/// </summary>
/// <remarks>
/// <para>Each call to <see cref="OpenAsync"/> or <see cref="Open"/> returns a new, caller-owned connection; never share one across threads.
/// The PRAGMAs applied, in order, are:</para>
/// <list type="bullet">
/// <item><description><c>busy_timeout</c> = <see cref="SqliteStoreOptions.BusyTimeout"/>;</description></item>
/// <item><description><c>journal_mode = WAL</c>; the value SQLite reports back must be <c>wal</c>, otherwise an
/// <see cref="InvalidOperationException"/> is thrown and the connection is closed;</description></item>
/// <item><description><c>synchronous</c> = <see cref="SqliteStoreOptions.Synchronous"/> (FULL by default);</description></item>
/// <item><description><c>foreign_keys = ON</c>;</description></item>
/// <item><description><c>case_sensitive_like = ON</c>: the specification translator emits <c>LIKE … ESCAPE</c> and
/// assumes ordinal, case-sensitive matching.</description></item>
/// </list>
/// <para>It then registers the <c>BLOOM_DECIMAL</c> collation, which compares two invariant-culture decimal texts numerically
/// (<c>1.50</c> = <c>1.5</c>, <c>10</c> &gt; <c>9</c>): the aggregate store declares decimal columns <c>TEXT COLLATE BLOOM_DECIMAL</c>,
/// so <c>=</c>, <c>&lt;</c>, <c>IN</c> and <c>ORDER BY</c> on them are numeric. Tools that open the file without it (the
/// <c>sqlite3</c> shell) cannot compare or sort those columns.</para>
/// <para>The connection's <c>Default Timeout</c> (Microsoft.Data.Sqlite's own retry loop for busy statements) is
/// set to the busy timeout rounded up to whole seconds (at least one), so both waits agree.</para>
/// </remarks>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly string _busyTimeoutPragma;

    /// <summary>Creates a factory for the database described by <paramref name="options"/>.</summary>
    /// <param name="options">Validated store options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public SqliteConnectionFactory(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;

        var busyMilliseconds = (int)Math.Ceiling(options.BusyTimeout.TotalMilliseconds);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        _connectionString = builder.ToString();
        _busyTimeoutPragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMilliseconds};");
        var synchronous = options.Synchronous == SqliteSynchronousMode.Normal ? "NORMAL" : "FULL";
        _pragmas = $"PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON;";
    }

    /// <summary>The options this factory was created with.</summary>
    public SqliteStoreOptions Options { get; }

    /// <summary>Opens a new connection and applies the store's PRAGMAs to it.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection owned by the caller (dispose it).</returns>
    /// <exception cref="InvalidOperationException">SQLite did not switch the database to WAL journaling.</exception>
    /// <exception cref="SqliteException">The database could not be opened or a PRAGMA failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Microsoft.Data.Sqlite has no asynchronous I/O: the PRAGMAs would run synchronously either way.
            Configure(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a new connection synchronously and applies the store's PRAGMAs to it (the same work as <see cref="OpenAsync"/>).</summary>
    /// <returns>An open connection owned by the caller (dispose it).</returns>
    /// <exception cref="InvalidOperationException">SQLite did not switch the database to WAL journaling.</exception>
    /// <exception cref="SqliteException">The database could not be opened or a PRAGMA failed.</exception>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Configure(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // PRAGMAs and collations live on the native handle, which connection pooling reuses: configure each physical connection
    // once, not on every pooled open (that saved ~10 µs per unit of work in Tier B). The table holds handles weakly.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = new();

    private void Configure(SqliteConnection connection)
    {
        if (connection.Handle is { } handle)
        {
            if (!_configured.TryGetValue(handle, out _))
            {
                ConfigurePragmas(connection);
                _configured.AddOrUpdate(handle, handle);
            }
        }
        else
        {
            ConfigurePragmas(connection);
        }

        // Decimal columns are invariant TEXT declared COLLATE BLOOM_DECIMAL; the collation must exist on every connection
        // that compares or sorts them (an unknown collation fails the statement with "no such collation sequence").
        // Microsoft.Data.Sqlite drops collations when a connection returns to the pool, so this runs on every open.
        connection.CreateCollation(SqliteValues.DecimalCollation, SqliteValues.CompareDecimalText);
    }

    private void ConfigurePragmas(SqliteConnection connection)
    {
        using (var busy = connection.CreateCommand())
        {
            busy.CommandText = _busyTimeoutPragma;
            busy.ExecuteNonQuery();
        }

        using (var journal = connection.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = Convert.ToString(journal.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite refused WAL journaling for '{connection.DataSource}': PRAGMA journal_mode = WAL returned '{mode ?? "<null>"}'. " +
                    "The store requires a file database on a file system that supports WAL (shared memory), opened read-write.");
            }
        }

        using (var rest = connection.CreateCommand())
        {
            rest.CommandText = _pragmas;
            rest.ExecuteNonQuery();
        }
    }
}
