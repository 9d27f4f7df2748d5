using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// Immutable, validated settings for the SQLite adapter. Every value is checked when it is set, so an
/// instance that exists is usable.
/// </summary>
/// <remarks>
/// <para>
/// The journal mode is always WAL and <c>case_sensitive_like</c> is always ON (the specification translator in
/// <c>Bloom.Runtime</c> relies on ordinal LIKE); neither is configurable.
/// </para>
/// <para>
/// In-memory databases (<c>Data Source=:memory:</c>, <c>Mode=Memory</c>, <c>file::memory:</c> or <c>?mode=memory</c> URIs) and an empty data source (a private
/// temporary database) are rejected: they cannot use WAL and are not shared between connections, so every
/// <see cref="SqliteConnectionFactory.OpenAsync"/> would fail or see a different, empty database.
/// </para>
/// </remarks>
public sealed class SqliteStoreOptions
{
    /// <summary>The default <see cref="BusyTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _busyTimeout = DefaultBusyTimeout;
    private readonly SqliteSynchronousMode _synchronous = SqliteSynchronousMode.Full;

    /// <summary>Creates options for the SQLite database file named by <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">
    /// A Microsoft.Data.Sqlite connection string whose <c>Data Source</c> is a file path, for example
    /// <c>Data Source=shop.db</c>. Its <c>Default Timeout</c> is replaced by one derived from <see cref="BusyTimeout"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The connection string is blank or malformed, has no data source, or names an in-memory database.
    /// </exception>
    public SqliteStoreOptions(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The SQLite connection string must not be blank.", nameof(connectionString));
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"The SQLite connection string is invalid: {ex.Message}", nameof(connectionString), ex);
        }

        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource))
        {
            throw new ArgumentException(
                "The SQLite connection string must name a database file in 'Data Source' (an empty data source is a private temporary database).",
                nameof(connectionString));
        }

        var trimmed = dataSource.Trim();
        var isUri = trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (builder.Mode == SqliteOpenMode.Memory
            || string.Equals(trimmed, ":memory:", StringComparison.OrdinalIgnoreCase)
            || (isUri && (trimmed.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase)
                          || trimmed.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))))
        {
            throw new ArgumentException(
                "In-memory SQLite databases are not supported by the store: they cannot use WAL journaling and are not shared between connections. Use a file path data source.",
                nameof(connectionString));
        }

        ConnectionString = connectionString;
    }

    /// <summary>The connection string as given; it names a database file.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// How long a connection waits for a lock held by another connection before failing with <c>SQLITE_BUSY</c>
    /// (applied as <c>PRAGMA busy_timeout</c>, and as the connection's <c>Default Timeout</c> rounded up to whole
    /// seconds). Defaults to <see cref="DefaultBusyTimeout"/>. Must be between zero and <see cref="int.MaxValue"/> milliseconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or too large.</exception>
    public TimeSpan BusyTimeout
    {
        get => _busyTimeout;
        init
        {
            if (value < TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(BusyTimeout), value, "The busy timeout must be between zero and int.MaxValue milliseconds.");
            }

            _busyTimeout = value;
        }
    }

    /// <summary>The <c>PRAGMA synchronous</c> level; defaults to <see cref="SqliteSynchronousMode.Full"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="SqliteSynchronousMode"/>.</exception>
    public SqliteSynchronousMode Synchronous
    {
        get => _synchronous;
        init
        {
            if (value is not (SqliteSynchronousMode.Full or SqliteSynchronousMode.Normal))
            {
                throw new ArgumentOutOfRangeException(nameof(Synchronous), value, "Unknown synchronous mode.");
            }

            _synchronous = value;
        }
    }
}
