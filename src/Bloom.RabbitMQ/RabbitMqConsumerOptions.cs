using Bloom.Messaging;
using Bloom.Persistence;

namespace Bloom.RabbitMQ;

/// <summary>
/// One consumer: its stable name (the inbox key's consumer part and, by default, its queue), the event types it subscribes to,
/// how it opens the unit of work its handlers write through, and how often a failing message is retried before it is
/// dead-lettered. Passed to <see cref="RabbitMqConsumer"/>, usually through <c>b.AddRabbitMqConsumer(name, o =&gt; ...)</c>.
/// </summary>
public sealed class RabbitMqConsumerOptions
{
    /// <summary>Creates options for the consumer <paramref name="name"/>.</summary>
    /// <param name="name">
    /// The consumer's stable name. It keys the inbox (message id, consumer): renaming a consumer makes it handle every message
    /// again, and two consumers with different names each handle a message once. Letters, digits, <c>.</c>, <c>-</c> and <c>_</c>.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, longer than 200 characters or has other characters.</exception>
    public RabbitMqConsumerOptions(string name)
    {
        Name = RabbitMqTopology.CheckName(name, nameof(name));
    }

    /// <summary>The consumer's stable name (see the constructor).</summary>
    public string Name { get; }

    /// <summary>The queue the consumer reads; its <see cref="Name"/> when not set. Every process that runs this consumer shares the queue (competing consumers).</summary>
    public string? Queue { get; set; }

    /// <summary>The queue actually used: <see cref="Queue"/> or <see cref="Name"/>.</summary>
    public string QueueName => Queue ?? Name;

    /// <summary>
    /// The stable event type names (<see cref="DomainEventType.Name"/>) the queue is bound to, as topic routing keys: exact names,
    /// or patterns with <c>*</c> (one dot-separated word) and <c>#</c> (any words). At least one is required.
    /// </summary>
    public IList<string> EventTypes { get; } = new List<string>();

    /// <summary>
    /// Returns the scope's unit of work, the one the handlers resolve too, e.g.
    /// <c>sp =&gt; (UnitOfWork)sp.GetRequiredService&lt;IShopUnitOfWork&gt;()</c> (generated units of work derive from
    /// <see cref="Persistence.UnitOfWork"/>). The consumer marks the message handled on it before the handlers run and commits it
    /// after they succeed, so the inbox entry and the handlers' writes commit in one transaction. Required.
    /// </summary>
    public Func<IServiceProvider, UnitOfWork>? UnitOfWork { get; set; }

    /// <summary>
    /// Handles one message instead of the event dispatcher, when set: called inside the message's DI scope with the scope's
    /// provider, the event and its envelope (also available to handlers as the scoped <see cref="RabbitMqMessageContext"/>).
    /// When <see langword="null"/>, the event goes to <see cref="Dispatcher"/>.
    /// </summary>
    public Func<RabbitMqMessageContext, CancellationToken, ValueTask>? Handler { get; set; }

    /// <summary>
    /// Returns the dispatcher that delivers the event to its handlers, given the scope's provider. When <see langword="null"/>, the
    /// scope's <see cref="IEventDispatcher"/> (<c>AddBloom</c> registers it scoped, so scoped handlers share the scope's unit of
    /// work), or else a <see cref="SequentialEventDispatcher"/> over the scope and the registered <see cref="EventHandlerMap"/>.
    /// </summary>
    public Func<IServiceProvider, IEventDispatcher>? Dispatcher { get; set; }

    /// <summary>The serializer that reads the events; when <see langword="null"/> the registered <see cref="EventEnvelopeSerializer"/>.</summary>
    public EventEnvelopeSerializer? Serializer { get; set; }

    /// <summary>
    /// How many deliveries a message gets before the consumer gives up and dead-letters it with its last error: 1 means no retry.
    /// Defaults to 5. A message that cannot be read (poison) is dead-lettered at once. The queue's broker-side
    /// <c>x-delivery-limit</c> is set to this value too, as a backstop for consumers that crash while handling a message.
    /// </summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>
    /// How long the consumer waits before it returns a failed message to the queue for its next delivery. Defaults to 200 ms.
    /// The wait holds one of the consumer's delivery slots (<see cref="ConcurrentDeliveries"/>).
    /// </summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The prefetch of this consumer's channel; <see cref="RabbitMqOptions.Prefetch"/> when <see langword="null"/>.</summary>
    public ushort? Prefetch { get; set; }

    /// <summary>How many messages this consumer handles at once (each in its own DI scope and unit of work). Defaults to 1; at least 1.</summary>
    public ushort ConcurrentDeliveries { get; set; } = 1;

    /// <summary>
    /// Extra queue arguments, added to Bloom's (<c>x-queue-type: quorum</c>, <c>x-dead-letter-exchange</c>,
    /// <c>x-dead-letter-routing-key</c>, <c>x-delivery-limit</c>); an entry with a <see langword="null"/> value removes Bloom's.
    /// The result passes <see cref="RabbitMqTopology.Validate"/>: a delivery limit without a dead-letter exchange is refused.
    /// Changing arguments of an existing queue fails at declaration (RabbitMQ's <c>PRECONDITION_FAILED</c>).
    /// </summary>
    public IDictionary<string, object?> QueueArguments { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Checks the options.</summary>
    /// <exception cref="InvalidOperationException">No event type, no unit of work, a bad count, or a topology that could drop messages.</exception>
    public void Validate()
    {
        if (EventTypes.Count == 0)
        {
            throw new InvalidOperationException($"RabbitMQ consumer '{Name}' subscribes to no event type: add the stable event type names to EventTypes.");
        }

        foreach (var type in EventTypes)
        {
            if (string.IsNullOrWhiteSpace(type) || type.Length > 255)
            {
                throw new InvalidOperationException($"RabbitMQ consumer '{Name}' has the event type '{type}'; a routing key must be non-blank and at most 255 characters.");
            }
        }

        if (UnitOfWork is null)
        {
            throw new InvalidOperationException(
                $"RabbitMQ consumer '{Name}' has no UnitOfWork: set it to return the scope's unit of work (e.g. sp => (UnitOfWork)sp.GetRequiredService<IShopUnitOfWork>()), " +
                "so the inbox entry commits with the handlers' writes.");
        }

        if (MaxDeliveries < 1)
        {
            throw new InvalidOperationException($"RabbitMQ consumer '{Name}' has MaxDeliveries = {MaxDeliveries}; it must be 1 or more.");
        }

        if (ConcurrentDeliveries < 1)
        {
            throw new InvalidOperationException($"RabbitMQ consumer '{Name}' has ConcurrentDeliveries = 0; it must be 1 or more.");
        }

        if (Prefetch == 0)
        {
            throw new InvalidOperationException($"RabbitMQ consumer '{Name}' has Prefetch = 0 (unlimited); use 1 or more.");
        }

        if (RedeliveryDelay < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"RabbitMQ consumer '{Name}' has a negative RedeliveryDelay.");
        }

        RabbitMqTopology.CheckName(QueueName, nameof(Queue));
    }
}
