using Bloom.Messaging;

namespace Bloom.RabbitMQ;

/// <summary>
/// The message a <see cref="RabbitMqConsumer"/> is handling, registered as a scoped service: handlers that need the envelope
/// (message id, correlation, causation) or the delivery attempt inject it. Filled by the consumer before any handler runs.
/// </summary>
public sealed class RabbitMqMessageContext
{
    private EventEnvelope? _envelope;
    private IDomainEvent? _event;
    private IServiceProvider? _services;
    private string? _consumer;

    /// <summary>The scope's service provider.</summary>
    /// <exception cref="InvalidOperationException">Read outside a consumer's message scope.</exception>
    public IServiceProvider Services => _services ?? throw NotInitialized();

    /// <summary>The consuming consumer's stable name.</summary>
    /// <exception cref="InvalidOperationException">Read outside a consumer's message scope.</exception>
    public string Consumer => _consumer ?? throw NotInitialized();

    /// <summary>The message.</summary>
    /// <exception cref="InvalidOperationException">Read outside a consumer's message scope.</exception>
    public EventEnvelope Envelope => _envelope ?? throw NotInitialized();

    /// <summary>The event the message carries.</summary>
    /// <exception cref="InvalidOperationException">Read outside a consumer's message scope.</exception>
    public IDomainEvent Event => _event ?? throw NotInitialized();

    /// <summary>Which delivery of the message this is: 1 for the first, more after failed attempts (from the queue's delivery count).</summary>
    public int Attempt { get; private set; }

    /// <summary>Whether the broker flagged the delivery as a redelivery (an earlier delivery was not acknowledged).</summary>
    public bool Redelivered { get; private set; }

    /// <summary>Whether a consumer has filled this context.</summary>
    public bool IsInitialized => _envelope is not null;

    internal void Initialize(IServiceProvider services, string consumer, EventEnvelope envelope, IDomainEvent domainEvent, int attempt, bool redelivered)
    {
        _services = services;
        _consumer = consumer;
        _envelope = envelope;
        _event = domainEvent;
        Attempt = attempt;
        Redelivered = redelivered;
    }

    private static InvalidOperationException NotInitialized() =>
        new("RabbitMqMessageContext is only filled inside a RabbitMQ consumer's message scope; it was resolved elsewhere.");
}
