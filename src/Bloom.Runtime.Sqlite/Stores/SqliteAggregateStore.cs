using Bloom.Messaging;
using Bloom.Persistence;
using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// The SQLite <see cref="IAggregateStore"/>: one table per aggregate mapping in one database file. Thread-safe; register one per
/// database as a singleton. Each <see cref="OpenSession"/> gets its own connection (see <see cref="SqliteStoreSession"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Tables.</b> <see cref="EnsureSchemaAsync"/> creates, for each mapping, a table whose first column is the id (the
/// <c>PRIMARY KEY</c>), then <c>"version" INTEGER NOT NULL</c>, then the other columns, each <c>NOT NULL</c> unless the column
/// is nullable (see <see cref="GetCreateTableSql"/>). Tables are <c>STRICT</c>: SQLite rejects a value of the wrong storage class
/// instead of silently storing it, so a mapping bug cannot corrupt a row. Tables are ordinary rowid tables (not
/// <c>WITHOUT ROWID</c>): aggregate rows can be large (JSON columns), where rowid tables do better.
/// </para>
/// <para>
/// <b>Physical types.</b> <see cref="StorageType.Boolean"/> → <c>INTEGER</c> 0/1; <see cref="StorageType.Int64"/> →
/// <c>INTEGER</c>; <see cref="StorageType.Double"/> → <c>REAL</c>; <see cref="StorageType.Decimal"/> → <c>TEXT COLLATE BLOOM_DECIMAL</c>
/// holding <c>decimal.ToString(CultureInfo.InvariantCulture)</c> (the scale is kept, <c>1.50</c> reads back as <c>1.50</c>; the
/// collation, registered on every connection by <see cref="SqliteConnectionFactory"/>, makes <c>=</c>, <c>&lt;</c>, <c>IN</c> and
/// <c>ORDER BY</c> numeric); <see cref="StorageType.String"/> and <see cref="StorageType.Json"/> → <c>TEXT</c>;
/// <see cref="StorageType.Guid"/> → <c>TEXT</c> in lower-case <c>D</c> format; <see cref="StorageType.DateTimeOffset"/> →
/// <c>INTEGER</c> UTC ticks, read back with offset zero (the same instant; the original offset is not kept);
/// <see cref="StorageType.DateTime"/> → <c>INTEGER</c> ticks, read back as <see cref="DateTimeKind.Utc"/>.
/// </para>
/// <para>
/// <see cref="double.NaN"/> cannot be stored: SQLite has no NaN (it would become NULL), so Microsoft.Data.Sqlite refuses to bind it
/// and the commit fails with <see cref="InvalidOperationException"/>, writing nothing. Infinities are stored.
/// </para>
/// <para>
/// Requires SQLite 3.37 or later (<c>STRICT</c>); the bundled <c>e_sqlite3</c> of Microsoft.Data.Sqlite qualifies.
/// </para>
/// <para>
/// <b>Messages.</b> The same database keeps the outbox, dead-letter and inbox tables (<see cref="SqliteOutboxStore"/>), which
/// <see cref="EnsureSchemaAsync"/> also creates, so a commit writes state, outbox messages and inbox entries in one transaction.
/// </para>
/// </remarks>
public sealed class SqliteAggregateStore : IAggregateStore, IOutboxCapableStore
{
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Creates a store over the database described by <paramref name="options"/>.</summary>
    /// <param name="options">Validated store options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public SqliteAggregateStore(SqliteStoreOptions options)
        : this(new SqliteConnectionFactory(options ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <summary>Creates a store whose sessions open connections with <paramref name="connectionFactory"/>.</summary>
    /// <param name="connectionFactory">The connection factory (shared with other SQLite components of the same database).</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public SqliteAggregateStore(SqliteConnectionFactory connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        ConnectionFactory = connectionFactory;
    }

    /// <inheritdoc />
    /// <value><c>sqlite</c>.</value>
    public string Name => "sqlite";

    /// <summary>The factory every session opens its connection with.</summary>
    public SqliteConnectionFactory ConnectionFactory { get; }

    /// <summary>
    /// The clock that stamps outbox messages (<c>created_at</c>) and inbox entries (<c>processed_at</c>) written by commits;
    /// <see cref="TimeProvider.System"/> by default.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }

    /// <inheritdoc />
    /// <returns>A <see cref="SqliteOutboxStore"/> over this store's database (sharing its connection factory).</returns>
    public IOutboxStore CreateOutboxStore(TimeProvider timeProvider) => new SqliteOutboxStore(ConnectionFactory, timeProvider);

    /// <summary>
    /// The <c>CREATE TABLE IF NOT EXISTS … STRICT</c> statement <see cref="EnsureSchemaAsync"/> runs for <paramref name="mapping"/>,
    /// e.g. for migrations written by hand.
    /// </summary>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <returns>The statement, without a trailing semicolon.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mapping"/> is <see langword="null"/>.</exception>
    public static string GetCreateTableSql(AggregateMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return SqliteMappingPlan.For(mapping).CreateTableSql;
    }

    /// <inheritdoc />
    /// <returns>A new <see cref="SqliteStoreSession"/>; no connection is opened until its first read or commit.</returns>
    public IStoreSession OpenSession() => new SqliteStoreSession(ConnectionFactory, _timeProvider);

    /// <inheritdoc />
    /// <remarks>
    /// Runs every <c>CREATE TABLE IF NOT EXISTS</c> in one <c>BEGIN IMMEDIATE</c> transaction, so concurrent starts do not race.
    /// An existing table is never altered; it is checked to have every column the mapping needs (and <c>version</c>).
    /// The outbox, dead-letter and inbox tables are created too (always, even for no mappings), as
    /// <see cref="SqliteOutboxStore.EnsureSchemaAsync"/> creates them.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="mappings"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two mappings use the same table with different definitions.</exception>
    /// <exception cref="InvalidOperationException">A table exists but lacks columns of its mapping; nothing was created.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled before the transaction began.</exception>
    public async Task EnsureSchemaAsync(IReadOnlyCollection<AggregateMapping> mappings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        cancellationToken.ThrowIfCancellationRequested();

        var plans = new Dictionary<string, SqliteMappingPlan>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in mappings)
        {
            ArgumentNullException.ThrowIfNull(mapping, nameof(mappings));
            var plan = SqliteMappingPlan.For(mapping);
            if (plans.TryGetValue(mapping.Table, out var other))
            {
                if (!string.Equals(other.CreateTableSql, plan.CreateTableSql, StringComparison.Ordinal))
                {
                    throw new ArgumentException(
                        $"{other.Mapping.AggregateName} and {mapping.AggregateName} are both stored in table '{mapping.Table}' with different columns. Give one of them its own table ([Aggregate(Table = ...)]).",
                        nameof(mappings));
                }

                continue;
            }

            plans.Add(mapping.Table, plan);
        }

        await using var connection = await ConnectionFactory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await SqliteWriteTransaction.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        SqliteOutboxSchema.Create(transaction);
        foreach (var plan in plans.Values)
        {
            await using (var create = transaction.CreateCommand())
            {
                create.CommandText = plan.CreateTableSql;
                await create.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await VerifyColumnsAsync(transaction, plan).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Checks that an existing table has every column the mapping reads and writes.</summary>
    private static async Task VerifyColumnsAsync(SqliteWriteTransaction transaction, SqliteMappingPlan plan)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = transaction.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info($table)";
            info.Parameters.AddWithValue("$table", plan.Mapping.Table);
            await using var reader = await info.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                existing.Add(reader.GetString(0));
            }
        }

        var missing = plan.ColumnNames.Append("version").Where(name => !existing.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Table '{plan.Mapping.Table}' exists but lacks the column(s) {string.Join(", ", missing.Select(m => "'" + m + "'"))} that {plan.Mapping.AggregateName} needs. " +
                "The store never alters existing tables: add the columns with a migration (GetCreateTableSql shows the expected definition).");
        }
    }
}
