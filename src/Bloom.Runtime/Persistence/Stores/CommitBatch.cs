using Bloom.Messaging;

namespace Bloom.Persistence;

/// <summary>A message a consumer has handled, recorded in the same transaction as the handler's own writes (idempotent consumers).</summary>
/// <param name="MessageId">The message id (the envelope's <see cref="EventEnvelope.MessageId"/>).</param>
/// <param name="Consumer">The consumer's stable name; two consumers of one message each handle it once.</param>
public sealed record InboxEntry(Guid MessageId, string Consumer);

/// <summary>
/// Everything one commit writes atomically: aggregate rows, outbox messages (the events the commit raised) and inbox entries
/// (the messages the commit handled).
/// </summary>
/// <param name="Writes">The aggregate row writes.</param>
/// <param name="Outbox">The messages to publish after the commit, in order.</param>
/// <param name="Inbox">The handled messages to record; a message already recorded for its consumer fails the commit with <see cref="DuplicateMessageException"/>.</param>
public sealed record CommitBatch(IReadOnlyList<RowWrite> Writes, IReadOnlyList<EventEnvelope> Outbox, IReadOnlyList<InboxEntry> Inbox)
{
    /// <summary>Whether the batch writes nothing.</summary>
    public bool IsEmpty => Writes.Count == 0 && Outbox.Count == 0 && Inbox.Count == 0;
}

/// <summary>
/// The message was already handled by this consumer (its inbox entry exists): the commit that would have applied it again wrote
/// nothing. A consumer treats this as success and acknowledges the redelivery.
/// </summary>
public sealed class DuplicateMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="consumer">The consumer.</param>
    public DuplicateMessageException(Guid messageId, string consumer)
        : base($"Message {messageId} was already handled by consumer '{consumer}'; this delivery is a duplicate and nothing was written. Acknowledge it.")
    {
        MessageId = messageId;
        Consumer = consumer;
    }

    /// <summary>The message id.</summary>
    public Guid MessageId { get; }

    /// <summary>The consumer.</summary>
    public string Consumer { get; }
}
