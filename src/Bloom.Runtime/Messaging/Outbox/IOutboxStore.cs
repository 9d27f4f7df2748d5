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

    /// <summary>Records a failed publish: increments the attempt count, keeps the error, releases the lease and schedules the next attempt.</summary>
    /// <param name="owner">The publisher.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="error">What went wrong (exception type and message).</param>
    /// <param name="nextAttemptAt">When the message is due again.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task RecordFailureAsync(string owner, Guid messageId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Moves a message that failed its last attempt to the dead-letter table, with its attempts and last error, in one transaction.</summary>
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

    /// <summary>Moves a dead letter back to the outbox, due now with its attempt count reset (after the cause was fixed).</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the dead letter existed and was requeued.</returns>
    Task<bool> ReplayDeadLetterAsync(Guid messageId, CancellationToken cancellationToken);

    /// <summary>Counts undispatched outbox messages (for health checks and tests).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
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
