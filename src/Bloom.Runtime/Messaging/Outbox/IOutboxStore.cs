namespace Bloom.Messaging;

/// <summary>
/// The outbox and dead-letter tables of one database: a port (SQLite now, PostgreSQL later). Messages are written by a unit of
/// work's commit (<see cref="Persistence.CommitBatch"/>); a publisher claims due ones under a lease, publishes them, and marks them
/// dispatched, retried or dead-lettered. All members are thread-safe.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Creates the outbox, dead-letter and inbox tables when missing. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the tables exist.</returns>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> undispatched messages that are due (next attempt time reached) and not leased by
    /// another live publisher (or whose lease expired), oldest first, leasing them to <paramref name="owner"/> for
    /// <paramref name="lease"/>. Two publishers never hold the same message at once.
    /// </summary>
    /// <param name="owner">The claiming publisher's unique id.</param>
    /// <param name="batchSize">The most messages to claim.</param>
    /// <param name="lease">How long the claim lasts; a publisher that dies loses its messages after this.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed messages, oldest first.</returns>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int batchSize, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks messages dispatched (after the transport confirmed them). Only messages still leased by <paramref name="owner"/> change.</summary>
    /// <param name="owner">The publisher.</param>
    /// <param name="messageIds">The confirmed messages.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task MarkDispatchedAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed publish: increments the attempt count, keeps the error, releases the lease and schedules the next attempt.
    /// Only a message still leased by <paramref name="owner"/> changes (a publisher whose lease was taken over records nothing).
    /// </summary>
    /// <param name="owner">The publisher.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="error">What went wrong (exception type and message).</param>
    /// <param name="nextAttemptAt">When the message is due again.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task RecordFailureAsync(string owner, Guid messageId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a message that failed its last attempt to the dead-letter table, with its attempts (counting this last one) and last
    /// error, in one transaction. Only a message still leased by <paramref name="owner"/> moves.
    /// </summary>
    /// <param name="owner">The publisher.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="error">The last error.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when moved.</returns>
    Task MoveToDeadLetterAsync(string owner, Guid messageId, string error, CancellationToken cancellationToken);

    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="max">The most to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dead letters.</returns>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a dead letter back to the outbox, due now with its attempt count reset (after the cause was fixed), in one transaction.
    /// It keeps its message id, so consumers that already handled it deduplicate it; it is published after the messages already waiting.
    /// </summary>
    /// <param name="messageId">The message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the dead letter existed and was requeued.</returns>
    Task<bool> ReplayDeadLetterAsync(Guid messageId, CancellationToken cancellationToken);

    /// <summary>Counts undispatched outbox messages (for health checks and tests).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gives up <paramref name="owner"/>'s leases on messages it claimed but did not publish (a publisher that stops), so another
    /// publisher can claim them at once instead of after the lease expires. No attempt is counted. Messages no longer leased by
    /// <paramref name="owner"/> are left alone.
    /// </summary>
    /// <param name="owner">The publisher.</param>
    /// <param name="messageIds">The messages to release.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task ReleaseAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken);

    /// <summary>
    /// Looks a message up by id in the outbox and the dead-letter table: whether it committed (an ambiguous commit is resolved by
    /// asking this, RELIABILITY pitfall 9), and whether it is pending, dispatched or dead-lettered.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message's state, or <see langword="null"/> when the store has no such message (never committed, or purged).</returns>
    Task<OutboxEntry?> FindAsync(Guid messageId, CancellationToken cancellationToken);

    /// <summary>Deletes dispatched outbox messages dispatched before <paramref name="dispatchedBefore"/> (retention). Pending messages are never deleted.</summary>
    /// <param name="dispatchedBefore">Messages dispatched strictly before this instant are deleted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many messages were deleted.</returns>
    Task<int> PurgeDispatchedAsync(DateTimeOffset dispatchedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes inbox entries recorded before <paramref name="handledBefore"/>. This ends the deduplication window of those messages: a
    /// redelivery after the purge is handled again. Keep entries longer than the longest redelivery delay, including dead-letter
    /// replays (the publisher's default retention is 7 days).
    /// </summary>
    /// <param name="handledBefore">Entries recorded strictly before this instant are deleted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many entries were deleted.</returns>
    Task<int> PurgeInboxAsync(DateTimeOffset handledBefore, CancellationToken cancellationToken);
}

/// <summary>Where a message is in its life.</summary>
public enum OutboxMessageStatus
{
    /// <summary>In the outbox, not yet confirmed by the transport (possibly leased or waiting for a retry).</summary>
    Pending,

    /// <summary>Confirmed by the transport and marked dispatched.</summary>
    Dispatched,

    /// <summary>Moved to the dead-letter table after its last failed attempt.</summary>
    DeadLettered,
}

/// <summary>The stored state of one message (see <see cref="IOutboxStore.FindAsync"/>).</summary>
/// <param name="Envelope">The message.</param>
/// <param name="Status">Pending, dispatched or dead-lettered.</param>
/// <param name="Attempts">Failed publish attempts so far (for a dead letter: all of them, including the last).</param>
/// <param name="LastError">The last failed attempt's error, or <see langword="null"/>.</param>
/// <param name="CreatedAt">When the commit that wrote it stored it.</param>
/// <param name="NextAttemptAt">When a pending message that failed is due again; <see langword="null"/> when due at once (never failed) or not pending.</param>
/// <param name="LeaseOwner">The publisher holding the message, or <see langword="null"/>.</param>
/// <param name="LeaseUntil">When that lease expires, or <see langword="null"/>.</param>
/// <param name="CompletedAt">When it was marked dispatched or dead-lettered; <see langword="null"/> while pending.</param>
public sealed record OutboxEntry(
    EventEnvelope Envelope,
    OutboxMessageStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset? CompletedAt);

/// <summary>
/// An <see cref="Persistence.IAggregateStore"/> that keeps the outbox, dead-letter and inbox tables in its own database, so a
/// commit writes state and messages atomically. <c>b.UseOutbox()</c> asks the chosen store for its <see cref="IOutboxStore"/>
/// through this interface (no reflection, and the order of <c>UseSqlite</c> and <c>UseOutbox</c> does not matter).
/// </summary>
public interface IOutboxCapableStore
{
    /// <summary>Creates the outbox store over this store's database.</summary>
    /// <param name="timeProvider">The clock leases, retries and timestamps are read from.</param>
    /// <returns>The outbox store; thread-safe, one per database is enough.</returns>
    IOutboxStore CreateOutboxStore(TimeProvider timeProvider);
}

/// <summary>A claimed outbox message.</summary>
/// <param name="Envelope">The message.</param>
/// <param name="Attempts">Publish attempts made before this claim.</param>
public sealed record OutboxMessage(EventEnvelope Envelope, int Attempts);

/// <summary>A message that failed every publish attempt.</summary>
/// <param name="Envelope">The message.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="LastError">The last attempt's error.</param>
/// <param name="DeadLetteredAt">When it was moved here.</param>
public sealed record DeadLetter(EventEnvelope Envelope, int Attempts, string LastError, DateTimeOffset DeadLetteredAt);

/// <summary>
/// Sends messages out of the process (RabbitMQ) or to the in-process handlers. <see cref="PublishAsync"/> completes only when
/// the message is safely accepted (broker confirm, routed to at least one queue); otherwise it throws and the outbox retries.
/// </summary>
public interface IMessageTransport
{
    /// <summary>A short name for logs, e.g. <c>in-process</c> or <c>rabbitmq</c>.</summary>
    string Name { get; }

    /// <summary>Publishes one message and waits for its confirmation.</summary>
    /// <param name="envelope">The message.</param>
    /// <param name="cancellationToken">Cancels the publish (the message then stays in the outbox).</param>
    /// <returns>A task that completes when the message was accepted.</returns>
    /// <exception cref="MessageNotAcceptedException">The transport rejected the message (nacked, unroutable).</exception>
    Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>The transport did not accept a message (a broker nack, or no queue was bound to route it to); it stays in the outbox.</summary>
public sealed class MessageNotAcceptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the message was not accepted.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public MessageNotAcceptedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
