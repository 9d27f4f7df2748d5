namespace Bloom.RabbitMQ;

/// <summary>
/// Where and how Bloom talks to RabbitMQ: the broker address, the durable topic exchange events are published to, the
/// dead-letter exchange failed messages go to, and the consumers' prefetch. Shared by <see cref="RabbitMqTransport"/>,
/// every <see cref="RabbitMqConsumer"/> and <see cref="RabbitMqDeadLetters"/>.
/// </summary>
public sealed record RabbitMqOptions
{
    private readonly Uri _uri = new("amqp://guest:guest@127.0.0.1:5672/");
    private readonly string _exchange = "bloom.events";
    private readonly string _deadLetterExchange = "bloom.events.dead-letter";
    private readonly ushort _prefetch = 16;

    /// <summary>
    /// The broker, as an <c>amqp://user:password@host:port/vhost</c> URI. Defaults to the local broker on loopback
    /// (<c>amqp://guest:guest@127.0.0.1:5672/</c>); RabbitMQ lets the <c>guest</c> user in only over loopback.
    /// </summary>
    /// <exception cref="ArgumentException">Set to a relative URI or one whose scheme is not <c>amqp</c> or <c>amqps</c>.</exception>
    public Uri Uri
    {
        get => _uri;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Uri));
            if (!value.IsAbsoluteUri || (value.Scheme != "amqp" && value.Scheme != "amqps"))
            {
                throw new ArgumentException($"The RabbitMQ URI must be an absolute amqp:// or amqps:// URI, but was '{value}'.", nameof(Uri));
            }

            _uri = value;
        }
    }

    /// <summary>
    /// The durable topic exchange events are published to; the routing key of a message is its event type name
    /// (<see cref="Bloom.Messaging.EventEnvelope.EventType"/>). Declared (idempotently) by the transport and by every consumer.
    /// Defaults to <c>bloom.events</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string Exchange
    {
        get => _exchange;
        init => _exchange = NotBlank(value, nameof(Exchange));
    }

    /// <summary>
    /// The durable direct exchange failed messages are sent to, routed by the consumer's queue name to that queue's dead-letter
    /// queue (<c>&lt;queue&gt;.dead-letter</c>). Defaults to <c>bloom.events.dead-letter</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Set to a blank name, or to the same name as <see cref="Exchange"/>.</exception>
    public string DeadLetterExchange
    {
        get => _deadLetterExchange;
        init => _deadLetterExchange = NotBlank(value, nameof(DeadLetterExchange));
    }

    /// <summary>
    /// How many unacknowledged messages the broker hands a consumer channel at once (<c>basic.qos</c>). Defaults to 16; at least 1.
    /// A consumer may override it (<see cref="RabbitMqConsumerOptions.Prefetch"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to 0.</exception>
    public ushort Prefetch
    {
        get => _prefetch;
        init
        {
            ArgumentOutOfRangeException.ThrowIfZero(value, nameof(Prefetch));
            _prefetch = value;
        }
    }

    /// <summary>The connection name shown in the management UI and <c>rabbitmqctl list_connections</c>; <c>bloom</c> by default.</summary>
    public string ClientName { get; init; } = "bloom";

    /// <summary>How long a consumer waits before it tries to connect again after the broker could not be reached. Defaults to 2 seconds.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the combination of settings.</summary>
    /// <exception cref="InvalidOperationException">The exchange and the dead-letter exchange have the same name.</exception>
    public void Validate()
    {
        if (string.Equals(Exchange, DeadLetterExchange, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"RabbitMqOptions.Exchange and DeadLetterExchange are both '{Exchange}'. Dead letters need an exchange of their own, otherwise they would be routed back to the consumers.");
        }
    }

    private static string NotBlank(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }
}
