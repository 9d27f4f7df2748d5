namespace Bloom.Messaging;

/// <summary>
/// The message being handled in the current DI scope, set by the transport that delivers it (<see cref="InProcessTransport"/>,
/// a broker consumer) before the handlers run. Handlers inject it to read the message id, for the inbox
/// (<c>unitOfWork.MarkHandled(context.MessageId, "MyHandler")</c>), and the correlation id, to pass on. Scoped: one per message.
/// </summary>
public sealed class MessageContext
{
    /// <summary>The envelope being handled, or <see langword="null"/> outside message handling (e.g. a handler run directly after a commit).</summary>
    public EventEnvelope? Envelope { get; private set; }

    /// <summary>The message id being handled.</summary>
    /// <exception cref="InvalidOperationException">No message is being handled in this scope.</exception>
    public Guid MessageId => Envelope?.MessageId ?? throw new InvalidOperationException(
        "No message is being handled in this scope: MessageContext is set by a transport (the outbox's in-process transport, a broker consumer) before it runs handlers.");

    /// <summary>Sets the envelope being handled; transports call this once per scope.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">A different envelope was already set in this scope.</exception>
    public void Set(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (Envelope is not null && Envelope.MessageId != envelope.MessageId)
        {
            throw new InvalidOperationException(
                $"This scope is already handling message {Envelope.MessageId}; handle message {envelope.MessageId} in a new scope.");
        }

        Envelope = envelope;
    }
}
