using Bloom.Messaging;
using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// The fixed tables of the outbox, the dead letters and the inbox, and the conversions between their rows and
/// <see cref="EventEnvelope"/>s. Instants are <c>INTEGER</c> UTC ticks (as the aggregate tables store them), ids lower-case
/// <c>D</c>-format <c>TEXT</c>, payloads <c>BLOB</c>. Every table is <c>STRICT</c>.
/// </summary>
internal static class SqliteOutboxSchema
{
    /// <summary>The columns that hold an envelope, in the order <see cref="ReadEnvelope"/> reads them.</summary>
    public const string EnvelopeColumns = "message_id, event_id, event_type, schema_version, occurred_at, correlation_id, causation_id, payload";

    /// <summary>
    /// <c>CREATE … IF NOT EXISTS</c> for the three tables and their indexes. The outbox is an ordinary rowid table: the rowid
    /// is the commit order (SQLite has one writer at a time), which is the order messages are claimed in. The partial index holds
    /// only undispatched rows, in rowid order, so claiming never scans dispatched ones.
    /// </summary>
    public static readonly string[] CreateStatements =
    [
        """
        CREATE TABLE IF NOT EXISTS bloom_outbox (
            message_id TEXT NOT NULL PRIMARY KEY,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            occurred_at INTEGER NOT NULL,
            correlation_id TEXT,
            causation_id TEXT,
            payload BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER,
            lease_owner TEXT,
            lease_until INTEGER,
            dispatched_at INTEGER,
            last_error TEXT
        ) STRICT
        """,
        "CREATE INDEX IF NOT EXISTS bloom_outbox_pending ON bloom_outbox (dispatched_at) WHERE dispatched_at IS NULL",
        "CREATE INDEX IF NOT EXISTS bloom_outbox_dispatched ON bloom_outbox (dispatched_at) WHERE dispatched_at IS NOT NULL",
        """
        CREATE TABLE IF NOT EXISTS bloom_dead_letters (
            message_id TEXT NOT NULL PRIMARY KEY,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            occurred_at INTEGER NOT NULL,
            correlation_id TEXT,
            causation_id TEXT,
            payload BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT NOT NULL,
            dead_lettered_at INTEGER NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS bloom_inbox (
            message_id TEXT NOT NULL,
            consumer TEXT NOT NULL,
            processed_at INTEGER NOT NULL,
            PRIMARY KEY (message_id, consumer)
        ) STRICT
        """,
        "CREATE INDEX IF NOT EXISTS bloom_inbox_processed_at ON bloom_inbox (processed_at)",
    ];

    /// <summary>The outbox insert a commit runs per message; parameters <c>$p0</c>…<c>$p8</c> (envelope, then created at).</summary>
    public const string InsertOutboxSql =
        "INSERT INTO bloom_outbox (" + EnvelopeColumns + ", created_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)";

    /// <summary>The inbox insert a commit runs per handled message.</summary>
    public const string InsertInboxSql = "INSERT INTO bloom_inbox (message_id, consumer, processed_at) VALUES ($p0, $p1, $p2)";

    // SQLITE_CONSTRAINT_PRIMARYKEY: (19 | 6 << 8).
    public const int PrimaryKeyConstraint = 1555;

    /// <summary>Runs <see cref="CreateStatements"/> in <paramref name="transaction"/>.</summary>
    public static void Create(SqliteWriteTransaction transaction)
    {
        foreach (var sql in CreateStatements)
        {
            using var command = transaction.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    public static string ToText(Guid id) => id.ToString("D");

    /// <summary>Adds <c>$p0</c>…<c>$p{count-1}</c> to <paramref name="command"/>, unbound.</summary>
    public static void AddParameters(SqliteCommand command, int count)
    {
        for (var i = 0; i < count; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value));
        }
    }

    /// <summary>Binds an envelope to parameters <paramref name="first"/>…<paramref name="first"/>+7 in <see cref="EnvelopeColumns"/> order.</summary>
    public static void BindEnvelope(SqliteParameterCollection parameters, int first, EventEnvelope envelope)
    {
        parameters[first].Value = ToText(envelope.MessageId);
        parameters[first + 1].Value = ToText(envelope.EventId);
        parameters[first + 2].Value = envelope.EventType;
        parameters[first + 3].Value = (long)envelope.SchemaVersion;
        parameters[first + 4].Value = ToTicks(envelope.OccurredAt);
        parameters[first + 5].Value = (object?)envelope.CorrelationId ?? DBNull.Value;
        parameters[first + 6].Value = (object?)envelope.CausationId ?? DBNull.Value;
        parameters[first + 7].Value = envelope.Payload.ToArray();
    }

    /// <summary>Reads an envelope from columns <paramref name="first"/>…<paramref name="first"/>+7 (<see cref="EnvelopeColumns"/> order).</summary>
    public static EventEnvelope ReadEnvelope(SqliteDataReader reader, int first) => new(
        Guid.Parse(reader.GetString(first)),
        Guid.Parse(reader.GetString(first + 1)),
        reader.GetString(first + 2),
        checked((int)reader.GetInt64(first + 3)),
        FromTicks(reader.GetInt64(first + 4)),
        (byte[])reader.GetValue(first + 7),
        reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6));

    public static long? NullableInt64(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Whether <paramref name="exception"/> says one of the messaging tables is missing.</summary>
    public static bool IsMissingTable(SqliteException exception) =>
        exception.SqliteErrorCode == 1 && exception.Message.Contains("no such table: bloom_", StringComparison.Ordinal);

    public static InvalidOperationException MissingTables(SqliteException exception) => new(
        "The outbox/inbox tables (bloom_outbox, bloom_dead_letters, bloom_inbox) do not exist in this database; nothing was written. " +
        "Create them at startup with BloomSchema.EnsureCreatedAsync (SqliteAggregateStore.EnsureSchemaAsync) or IOutboxStore.EnsureSchemaAsync.",
        exception);
}
