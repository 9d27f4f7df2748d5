using RabbitMQ.Client;

namespace Bloom.RabbitMQ;

/// <summary>
/// The exchanges, queues and bindings Bloom declares, and the check that refuses a topology that could silently drop messages.
/// </summary>
/// <remarks>
/// <para><b>Events</b>: a durable <c>topic</c> exchange (<see cref="RabbitMqOptions.Exchange"/>); a message's routing key is its
/// event type name.</para>
/// <para><b>Consumer queues</b>: one durable <b>quorum</b> queue per consumer name, bound to the exchange once per subscribed event
/// type. Quorum queues are replicated, survive broker restarts, and count deliveries (<c>x-delivery-count</c>), which is what the
/// consumer's retry limit relies on; classic queues do not count deliveries, so Bloom does not use them.</para>
/// <para><b>Dead letters</b>: a durable <c>direct</c> exchange (<see cref="RabbitMqOptions.DeadLetterExchange"/>) and, per consumer
/// queue, a durable quorum queue <c>&lt;queue&gt;.dead-letter</c> bound to it by the queue's name. The consumer queue names the
/// exchange and routing key as its own dead-letter target, with <c>x-delivery-limit</c> as a broker-side backstop and the
/// <c>at-least-once</c> dead-letter strategy, so even messages the broker dead-letters by itself are not lost on the way.</para>
/// </remarks>
public static class RabbitMqTopology
{
    /// <summary>The queue type Bloom declares.</summary>
    public const string QueueType = "quorum";

    /// <summary>The dead-letter queue of <paramref name="queue"/>: <c>&lt;queue&gt;.dead-letter</c>.</summary>
    /// <param name="queue">The consumer queue.</param>
    /// <returns>The dead-letter queue's name.</returns>
    public static string DeadLetterQueueName(string queue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        return queue + ".dead-letter";
    }

    /// <summary>The arguments Bloom declares a consumer's queue with, after <see cref="RabbitMqConsumerOptions.QueueArguments"/> are applied.</summary>
    /// <param name="options">The broker options.</param>
    /// <param name="consumer">The consumer.</param>
    /// <returns>The queue arguments.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static Dictionary<string, object?> QueueArguments(RabbitMqOptions options, RabbitMqConsumerOptions consumer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consumer);
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["x-queue-type"] = QueueType,
            ["x-dead-letter-exchange"] = options.DeadLetterExchange,
            ["x-dead-letter-routing-key"] = consumer.QueueName,
            ["x-dead-letter-strategy"] = "at-least-once",
            ["x-overflow"] = "reject-publish", // required by the at-least-once strategy
            ["x-delivery-limit"] = consumer.MaxDeliveries,
        };
        foreach (var (key, value) in consumer.QueueArguments)
        {
            if (value is null)
            {
                arguments.Remove(key);
            }
            else
            {
                arguments[key] = value;
            }
        }

        return arguments;
    }

    /// <summary>
    /// The topology check: fails when a queue's arguments would let RabbitMQ drop messages silently. A quorum queue with a
    /// <c>x-delivery-limit</c> but no <c>x-dead-letter-exchange</c> <b>drops</b> a message once its limit is reached; Bloom
    /// refuses to declare such a queue.
    /// </summary>
    /// <param name="queue">The queue's name, for the message.</param>
    /// <param name="arguments">The queue's arguments.</param>
    /// <exception cref="ArgumentNullException"><paramref name="arguments"/> is <see langword="null"/>.</exception>
    /// <exception cref="RabbitMqTopologyException">The queue has a delivery limit and no dead-letter exchange.</exception>
    public static void Validate(string queue, IReadOnlyDictionary<string, object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var hasLimit = arguments.TryGetValue("x-delivery-limit", out var limit) && limit is not null;
        var deadLetterExchange = arguments.TryGetValue("x-dead-letter-exchange", out var dlx) ? dlx as string : null;
        if (hasLimit && string.IsNullOrWhiteSpace(deadLetterExchange))
        {
            throw new RabbitMqTopologyException(
                $"Queue '{queue}' has a delivery limit (x-delivery-limit = {limit}) but no dead-letter exchange (x-dead-letter-exchange): " +
                "RabbitMQ would silently drop every message that reaches the limit. Give the queue a dead-letter exchange, or remove the limit.");
        }
    }

    /// <summary>Declares the durable topic exchange events are published to. Idempotent.</summary>
    /// <param name="channel">An open channel.</param>
    /// <param name="options">The broker options.</param>
    /// <param name="cancellationToken">Cancels the declaration.</param>
    /// <returns>A task that completes when declared.</returns>
    public static Task DeclareExchangeAsync(IChannel channel, RabbitMqOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        return channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Declares everything a consumer needs: the events exchange, the dead-letter exchange, the consumer's dead-letter queue and its
    /// binding, and the consumer's quorum queue with one binding per subscribed event type. Runs <see cref="Validate"/> first.
    /// Idempotent (as long as the queue's arguments do not change).
    /// </summary>
    /// <param name="channel">An open channel.</param>
    /// <param name="options">The broker options.</param>
    /// <param name="consumer">The consumer.</param>
    /// <param name="cancellationToken">Cancels the declaration.</param>
    /// <returns>A task that completes when declared.</returns>
    /// <exception cref="RabbitMqTopologyException">The queue arguments fail the topology check; nothing was declared.</exception>
    public static async Task DeclareConsumerAsync(IChannel channel, RabbitMqOptions options, RabbitMqConsumerOptions consumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consumer);
        var queue = consumer.QueueName;
        var arguments = QueueArguments(options, consumer);
        Validate(queue, arguments);

        await DeclareExchangeAsync(channel, options, cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(options.DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, arguments: null, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

        var deadLetterQueue = DeadLetterQueueName(queue);
        await channel.QueueDeclareAsync(
                deadLetterQueue,
                durable: true,
                exclusive: false,
                autoDelete: false,
                arguments: new Dictionary<string, object?>(StringComparer.Ordinal) { ["x-queue-type"] = QueueType },
                cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await channel.QueueBindAsync(deadLetterQueue, options.DeadLetterExchange, queue, arguments: null, cancellationToken: cancellationToken).ConfigureAwait(false);

        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: arguments, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        foreach (var eventType in consumer.EventTypes)
        {
            await channel.QueueBindAsync(queue, options.Exchange, eventType, arguments: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks a consumer or queue name: non-blank, at most 200 characters, letters, digits, '.', '-', '_' only.</summary>
    internal static string CheckName(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        if (name.Length > 200)
        {
            throw new ArgumentException($"The name '{name}' is longer than 200 characters.", parameterName);
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-' and not '_')
            {
                throw new ArgumentException(
                    $"The name '{name}' has the character '{c}'; consumer and queue names may only use ASCII letters, digits, '.', '-' and '_'.",
                    parameterName);
            }
        }

        return name;
    }
}

/// <summary>
/// A RabbitMQ topology Bloom refuses to declare because it could lose messages silently, or one the broker refused (an existing
/// queue or exchange declared with other arguments or type: <c>PRECONDITION_FAILED</c>). A consumer stops on it instead of retrying.
/// </summary>
public sealed class RabbitMqTopologyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public RabbitMqTopologyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the broker's refusal as its cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="inner">The broker's error.</param>
    public RabbitMqTopologyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
