using Bloom.Messaging;
using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// The SQLite <see cref="IOutboxStore"/>: the <c>bloom_outbox</c>, <c>bloom_dead_letters</c> and <c>bloom_inbox</c> tables of the
/// database a <see cref="SqliteAggregateStore"/> writes, so commits store state and messages in one transaction. Thread-safe and
/// safe across processes: every operation opens its own connection, and every write runs in one <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
/// <remarks>
/// <para>
/// <b>Claiming.</b> <see cref="ClaimAsync"/> runs in one write transaction: it reads, then leases with one range <c>UPDATE</c>
/// (<c>lease_owner</c>, <c>lease_until</c>), up to the batch size of undispatched rows that are due (<c>next_attempt_at</c> is null or reached) and not
/// leased (<c>lease_until</c> is null or passed), in rowid order, which is commit order. SQLite admits one writer at a time, so two
/// claims never return the same row while its lease runs; a publisher that dies loses its rows when the lease expires.
/// </para>
/// <para>
/// <b>Ownership.</b> Marking dispatched, recording a failure, dead-lettering and releasing only change rows still leased by the
/// caller: a publisher that stalled past its lease and was taken over changes nothing (its publish is then a duplicate delivery,
/// which consumers deduplicate with the inbox). Marking and releasing change a whole batch with one statement.
/// </para>
/// <para>
/// Microsoft.Data.Sqlite has no asynchronous I/O, so the claim, mark and release paths call it synchronously and return
/// completed tasks (failures are returned as faulted tasks, as before).
/// </para>
/// <para>Instants come from the <see cref="TimeProvider"/> and are stored as UTC ticks.</para>
/// </remarks>
public sealed class SqliteOutboxStore : IOutboxStore
{
    private const string EntryColumns =
        SqliteOutboxSchema.EnvelopeColumns + ", attempts, last_error, created_at, next_attempt_at, lease_owner, lease_until, dispatched_at";

    private readonly SqliteConnectionFactory _factory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the outbox store over the database described by <paramref name="options"/>.</summary>
    /// <param name="options">Validated store options (the same database as the aggregate store).</param>
    /// <param name="timeProvider">The clock for leases, retries and timestamps; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public SqliteOutboxStore(SqliteStoreOptions options, TimeProvider? timeProvider = null)
        : this(new SqliteConnectionFactory(options ?? throw new ArgumentNullException(nameof(options))), timeProvider)
    {
    }

    /// <summary>Creates the outbox store over the database <paramref name="connectionFactory"/> opens.</summary>
    /// <param name="connectionFactory">The connection factory, normally the aggregate store's <see cref="SqliteAggregateStore.ConnectionFactory"/>.</param>
    /// <param name="timeProvider">The clock for leases, retries and timestamps; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public SqliteOutboxStore(SqliteConnectionFactory connectionFactory, TimeProvider? timeProvider = null)
    {
        _factory = connectionFactory ?? throw new ArgumentNullException(nameof(connectionFactory));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The statements <see cref="EnsureSchemaAsync"/> runs (<c>CREATE TABLE/INDEX IF NOT EXISTS</c>, without trailing semicolons), for
    /// migrations written by hand.
    /// </summary>
    public static IReadOnlyList<string> CreateSchemaSql => SqliteOutboxSchema.CreateStatements;

    /// <inheritdoc />
    /// <remarks>One <c>BEGIN IMMEDIATE</c> transaction; never alters existing tables.</remarks>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await SqliteWriteTransaction.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        SqliteOutboxSchema.Create(transaction);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1 or <paramref name="lease"/> is not positive.</exception>
    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite has no asynchronous I/O: its async methods run synchronously and only add a state machine and
        // allocations per call and per row. The work runs synchronously; errors still surface through the returned task.
        try
        {
            return Task.FromResult(Claim(owner, batchSize, lease, cancellationToken));
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<OutboxMessage>>(ex.CancellationToken.IsCancellationRequested ? ex.CancellationToken : cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<IReadOnlyList<OutboxMessage>>(ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>One statement for the whole batch (the ids bound as one JSON array), in one <c>BEGIN IMMEDIATE</c> transaction.</remarks>
    public Task MarkDispatchedAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken) =>
        UpdateOwnedAsync(
            "UPDATE bloom_outbox SET dispatched_at = $now, lease_owner = NULL, lease_until = NULL " + OwnedByIdsFilter,
            owner,
            messageIds,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>One statement for the whole batch (the ids bound as one JSON array), in one <c>BEGIN IMMEDIATE</c> transaction.</remarks>
    public Task ReleaseAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken) =>
        UpdateOwnedAsync(
            "UPDATE bloom_outbox SET lease_owner = NULL, lease_until = NULL " + OwnedByIdsFilter,
            owner,
            messageIds,
            cancellationToken);

    /// <inheritdoc />
    public async Task RecordFailureAsync(string owner, Guid messageId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();

        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await SqliteWriteTransaction.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var command = transaction.CreateCommand())
        {
            command.CommandText =
                "UPDATE bloom_outbox SET attempts = attempts + 1, last_error = $error, next_attempt_at = $next, lease_owner = NULL, lease_until = NULL " +
                "WHERE message_id = $id AND lease_owner = $owner AND dispatched_at IS NULL";
            command.Parameters.AddWithValue("$error", error);
            command.Parameters.AddWithValue("$next", SqliteOutboxSchema.ToTicks(nextAttemptAt));
            command.Parameters.AddWithValue("$id", SqliteOutboxSchema.ToText(messageId));
            command.Parameters.AddWithValue("$owner", owner);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The message is already in the dead-letter table (nothing moved).</exception>
    public async Task MoveToDeadLetterAsync(string owner, Guid messageId, string error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();

        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await SqliteWriteTransaction.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var id = SqliteOutboxSchema.ToText(messageId);
        int moved;
        await using (var insert = transaction.CreateCommand())
        {
            insert.CommandText =
                "INSERT INTO bloom_dead_letters (" + SqliteOutboxSchema.EnvelopeColumns + ", created_at, attempts, last_error, dead_lettered_at) " +
                "SELECT " + SqliteOutboxSchema.EnvelopeColumns + ", created_at, attempts + 1, $error, $now FROM bloom_outbox " +
                "WHERE message_id = $id AND lease_owner = $owner AND dispatched_at IS NULL";
            insert.Parameters.AddWithValue("$error", error);
            insert.Parameters.AddWithValue("$now", SqliteOutboxSchema.ToTicks(_timeProvider.GetUtcNow()));
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$owner", owner);
            try
            {
                moved = await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteOutboxSchema.PrimaryKeyConstraint)
            {
                throw new InvalidOperationException($"Message {messageId} is already in the dead-letter table; it was not moved again.", ex);
            }
        }

        if (moved == 0)
        {
            // Not ours any more (taken over, or already dispatched): leave it alone.
            return;
        }

        await using (var delete = transaction.CreateCommand())
        {
            delete.CommandText = "DELETE FROM bloom_outbox WHERE message_id = $id";
            delete.Parameters.AddWithValue("$id", id);
            await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than 1.</exception>
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();

        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT " + SqliteOutboxSchema.EnvelopeColumns + ", attempts, last_error, dead_lettered_at FROM bloom_dead_letters " +
            "ORDER BY dead_lettered_at, rowid LIMIT $max";
        command.Parameters.AddWithValue("$max", (long)max);
        var result = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            result.Add(new DeadLetter(
                SqliteOutboxSchema.ReadEnvelope(reader, 0),
                checked((int)reader.GetInt64(8)),
                reader.GetString(9),
                SqliteOutboxSchema.FromTicks(reader.GetInt64(10))));
        }

        return result;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A message with the same id is in the outbox (nothing moved).</exception>
    public async Task<bool> ReplayDeadLetterAsync(Guid messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await SqliteWriteTransaction.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var id = SqliteOutboxSchema.ToText(messageId);
        int moved;
        await using (var insert = transaction.CreateCommand())
        {
            insert.CommandText =
                "INSERT INTO bloom_outbox (" + SqliteOutboxSchema.EnvelopeColumns + ", created_at, attempts, last_error) " +
                "SELECT " + SqliteOutboxSchema.EnvelopeColumns + ", created_at, 0, last_error FROM bloom_dead_letters WHERE message_id = $id";
            insert.Parameters.AddWithValue("$id", id);
            try
            {
                moved = await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteOutboxSchema.PrimaryKeyConstraint)
            {
                throw new InvalidOperationException(
                    $"Message {messageId} is already in the outbox; nothing was written. Every message needs a new id: wrap each event once with EventEnvelopeSerializer.Wrap.",
                    ex);
            }
        }

        if (moved == 0)
        {
            return false;
        }

        await using (var delete = transaction.CreateCommand())
        {
            delete.CommandText = "DELETE FROM bloom_dead_letters WHERE message_id = $id";
            delete.Parameters.AddWithValue("$id", id);
            await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM bloom_outbox WHERE dispatched_at IS NULL";
        return (long)(await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<OutboxEntry?> FindAsync(Guid messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        var id = SqliteOutboxSchema.ToText(messageId);
        await using (var outbox = connection.CreateCommand())
        {
            outbox.CommandText = "SELECT " + EntryColumns + " FROM bloom_outbox WHERE message_id = $id";
            outbox.Parameters.AddWithValue("$id", id);
            await using var reader = await outbox.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            if (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var dispatchedAt = SqliteOutboxSchema.NullableInt64(reader, 14);
                return new OutboxEntry(
                    SqliteOutboxSchema.ReadEnvelope(reader, 0),
                    dispatchedAt is null ? OutboxMessageStatus.Pending : OutboxMessageStatus.Dispatched,
                    checked((int)reader.GetInt64(8)),
                    SqliteOutboxSchema.NullableString(reader, 9),
                    SqliteOutboxSchema.FromTicks(reader.GetInt64(10)),
                    Instant(SqliteOutboxSchema.NullableInt64(reader, 11)),
                    SqliteOutboxSchema.NullableString(reader, 12),
                    Instant(SqliteOutboxSchema.NullableInt64(reader, 13)),
                    Instant(dispatchedAt));
            }
        }

        await using var dead = connection.CreateCommand();
        dead.CommandText =
            "SELECT " + SqliteOutboxSchema.EnvelopeColumns + ", attempts, last_error, created_at, dead_lettered_at FROM bloom_dead_letters WHERE message_id = $id";
        dead.Parameters.AddWithValue("$id", id);
        await using var deadReader = await dead.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        if (!await deadReader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            return null;
        }

        return new OutboxEntry(
            SqliteOutboxSchema.ReadEnvelope(deadReader, 0),
            OutboxMessageStatus.DeadLettered,
            checked((int)deadReader.GetInt64(8)),
            deadReader.GetString(9),
            SqliteOutboxSchema.FromTicks(deadReader.GetInt64(10)),
            null,
            null,
            null,
            SqliteOutboxSchema.FromTicks(deadReader.GetInt64(11)));
    }

    /// <inheritdoc />
    public Task<int> PurgeDispatchedAsync(DateTimeOffset dispatchedBefore, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM bloom_outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < $before", dispatchedBefore, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeInboxAsync(DateTimeOffset handledBefore, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM bloom_inbox WHERE processed_at < $before", handledBefore, cancellationToken);

    private static DateTimeOffset? Instant(long? ticks) => ticks is { } value ? SqliteOutboxSchema.FromTicks(value) : null;

    private async Task<int> DeleteAsync(string sql, DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await SqliteWriteTransaction.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        int deleted;
        await using (var command = transaction.CreateCommand())
        {
            command.CommandText = sql;
            command.Parameters.AddWithValue("$before", SqliteOutboxSchema.ToTicks(before));
            deleted = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>
    /// The rows of a batch still leased by <c>$owner</c> and undispatched, by id (<c>$ids</c>: a JSON array of ids). The unary
    /// <c>+</c> keeps the planner off the partial pending index (which would scan every pending row): each id is looked up in the
    /// primary key.
    /// </summary>
    private const string OwnedByIdsFilter =
        "WHERE message_id IN (SELECT value FROM json_each($ids)) AND lease_owner = $owner AND +dispatched_at IS NULL";

    /// <summary>Due (no next attempt time, or reached) and not leased (no lease, or expired) at <c>$now</c>.</summary>
    private const string DueAndUnleased =
        "(next_attempt_at IS NULL OR next_attempt_at <= $now) AND (lease_until IS NULL OR lease_until <= $now)";

    private IReadOnlyList<OutboxMessage> Claim(string owner, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero, "lease");
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = _factory.Open();
        using var transaction = SqliteWriteTransaction.Begin(connection);

        // The clock is read once the write lock is held, so a claim never uses an instant older than the previous claim's.
        var now = _timeProvider.GetUtcNow();
        var nowTicks = SqliteOutboxSchema.ToTicks(now);
        var claimed = new List<OutboxMessage>(Math.Min(batchSize, 1024));
        long first = 0, last = 0;

        // Read the batch in commit order through the pending index, then lease it with one range UPDATE. Both run under the
        // write lock, so the rows of [first, last] that are still due and unleased are exactly the rows read: the first
        // batchSize of them in rowid order. (Cheaper than UPDATE … RETURNING, which stages every returned row.)
        using (var select = transaction.CreateCommand())
        {
            select.CommandText =
                "SELECT rowid, attempts, " + SqliteOutboxSchema.EnvelopeColumns + " FROM bloom_outbox " +
                "WHERE dispatched_at IS NULL AND " + DueAndUnleased + " ORDER BY rowid LIMIT $limit";
            select.Parameters.AddWithValue("$now", nowTicks);
            select.Parameters.AddWithValue("$limit", (long)batchSize);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                last = reader.GetInt64(0);
                if (claimed.Count == 0)
                {
                    first = last;
                }

                claimed.Add(new OutboxMessage(SqliteOutboxSchema.ReadEnvelope(reader, 2), checked((int)reader.GetInt64(1))));
            }
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        using (var lease = transaction.CreateCommand())
        {
            // The unary + keeps the planner on the rowid range instead of the partial pending index.
            lease.CommandText =
                "UPDATE bloom_outbox SET lease_owner = $owner, lease_until = $until " +
                "WHERE rowid BETWEEN $first AND $last AND +dispatched_at IS NULL AND " + DueAndUnleased;
            lease.Parameters.AddWithValue("$owner", owner);
            lease.Parameters.AddWithValue("$until", SqliteOutboxSchema.ToTicks(now + leaseDuration));
            lease.Parameters.AddWithValue("$now", nowTicks);
            lease.Parameters.AddWithValue("$first", first);
            lease.Parameters.AddWithValue("$last", last);
            var leased = lease.ExecuteNonQuery();
            if (leased != claimed.Count)
            {
                // Cannot happen under the write lock; never hand out rows that are not leased (disposing rolls back).
                throw new InvalidOperationException($"The outbox claim read {claimed.Count} message(s) but leased {leased}; nothing was claimed.");
            }
        }

        transaction.Commit();
        var messages = claimed.ToArray();
        return messages;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (parameters <c>$ids</c>, <c>$owner</c> and optionally <c>$now</c>) once for all
    /// <paramref name="messageIds"/>, in one write transaction.
    /// </summary>
    private Task UpdateOwnedAsync(string sql, string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(owner);
            ArgumentNullException.ThrowIfNull(messageIds);
            cancellationToken.ThrowIfCancellationRequested();
            if (messageIds.Count == 0)
            {
                return Task.CompletedTask;
            }

            var ids = IdsAsJson(messageIds);
            using var connection = _factory.Open();
            using var transaction = SqliteWriteTransaction.Begin(connection);
            using (var command = transaction.CreateCommand())
            {
                command.CommandText = sql;
                command.Parameters.AddWithValue("$ids", ids);
                command.Parameters.AddWithValue("$owner", owner);
                if (sql.Contains("$now", StringComparison.Ordinal))
                {
                    command.Parameters.AddWithValue("$now", SqliteOutboxSchema.ToTicks(_timeProvider.GetUtcNow()));
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return Task.CompletedTask;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(ex.CancellationToken.IsCancellationRequested ? ex.CancellationToken : cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>The ids as a JSON array of lower-case <c>D</c>-format strings (<c>["…","…"]</c>), the form the tables store.</summary>
    private static string IdsAsJson(IReadOnlyList<Guid> messageIds)
    {
        // Each id: a quote, 36 characters, a quote, and a comma (the last one's becomes the closing bracket).
        const int PerId = 39;
        return string.Create(1 + (PerId * messageIds.Count), messageIds, static (span, ids) =>
        {
            span[0] = '[';
            var at = 1;
            for (var i = 0; i < ids.Count; i++)
            {
                span[at] = '"';
                ids[i].TryFormat(span.Slice(at + 1, 36), out _, "D");
                span[at + 37] = '"';
                span[at + 38] = i == ids.Count - 1 ? ']' : ',';
                at += PerId;
            }
        });
    }
}
