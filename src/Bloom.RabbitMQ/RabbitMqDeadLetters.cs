using System.Globalization;
using RabbitMQ.Client;

namespace Bloom.RabbitMQ;

/// <summary>A message in a consumer's dead-letter queue, with why it got there.</summary>
/// <param name="MessageId">The message id (<c>message_id</c> property); <see langword="null"/> when the message had none.</param>
/// <param name="EventType">The event type name (<c>type</c> property), when any.</param>
/// <param name="Reason"><c>poison</c> (could not be read) or <c>failed</c> (handlers failed on every attempt); <see langword="null"/> when the broker dead-lettered it by itself (delivery limit).</param>
/// <param name="Error">The last error, <c>ExceptionType: message</c>, when the consumer dead-lettered it.</param>
/// <param name="ErrorType">The last exception's full type name, when any.</param>
/// <param name="Attempts">How many deliveries were attempted, when known.</param>
/// <param name="Consumer">The consumer that gave up, when known.</param>
/// <param name="DeadLetteredAt">When it was dead-lettered, when known.</param>
/// <param name="Body">The message body (the event as UTF-8 JSON).</param>
public sealed record RabbitMqDeadLetter(
    string? MessageId,
    string? EventType,
    string? Reason,
    string? Error,
    string? ErrorType,
    int? Attempts,
    string? Consumer,
    DateTimeOffset? DeadLetteredAt,
    ReadOnlyMemory<byte> Body);

/// <summary>
/// Reads and replays the dead-letter queues of <see cref="RabbitMqConsumer"/>s (<c>&lt;queue&gt;.dead-letter</c>). Replaying sends a
/// dead letter back to its consumer's queue only (not through the events exchange, so other consumers do not see it again), with
/// its failure headers removed; the consumer's inbox still deduplicates it. Thread-safe; opens one connection on first use.
/// </summary>
public sealed class RabbitMqDeadLetters : IAsyncDisposable, IDisposable
{
    private static readonly string[] FailureHeaders =
    [
        RabbitMqHeaders.DeadLetterReason, RabbitMqHeaders.Error, RabbitMqHeaders.ErrorType, RabbitMqHeaders.Attempts,
        RabbitMqHeaders.Consumer, RabbitMqHeaders.DeadLetteredAt, RabbitMqHeaders.OriginalRoutingKey, RabbitMqHeaders.Replays,
    ];

    private readonly RabbitMqOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private bool _disposed;

    /// <summary>Creates the reader over the broker in <paramref name="options"/>.</summary>
    /// <param name="options">The broker options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public RabbitMqDeadLetters(RabbitMqOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Counts the messages in a consumer's dead-letter queue.</summary>
    /// <param name="queue">The consumer's queue (its name, unless <see cref="RabbitMqConsumerOptions.Queue"/> was set).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of ready messages.</returns>
    public async Task<long> CountAsync(string queue, CancellationToken cancellationToken)
    {
        var channel = await OpenChannelAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(RabbitMqTopology.DeadLetterQueueName(queue), cancellationToken).ConfigureAwait(false);
            return ok.MessageCount;
        }
        finally
        {
            await RabbitMqConnector.CloseQuietlyAsync(channel).ConfigureAwait(false);
        }
    }

    /// <summary>Reads up to <paramref name="max"/> dead letters without removing them (they are returned to the queue).</summary>
    /// <param name="queue">The consumer's queue.</param>
    /// <param name="max">The most to read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dead letters, oldest first.</returns>
    public async Task<IReadOnlyList<RabbitMqDeadLetter>> PeekAsync(string queue, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var channel = await OpenChannelAsync(cancellationToken).ConfigureAwait(false);
        var letters = new List<RabbitMqDeadLetter>();
        try
        {
            var deadLetterQueue = RabbitMqTopology.DeadLetterQueueName(queue);
            ulong lastTag = 0;
            while (letters.Count < max)
            {
                var result = await channel.BasicGetAsync(deadLetterQueue, autoAck: false, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    break;
                }

                lastTag = result.DeliveryTag;
                letters.Add(ToDeadLetter(result.BasicProperties, result.Body));
            }

            if (lastTag != 0)
            {
                await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await RabbitMqConnector.CloseQuietlyAsync(channel).ConfigureAwait(false);
        }

        return letters;
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> dead letters back to the consumer's queue, oldest first, each published with confirms
    /// before it is removed from the dead-letter queue (a crash in between leaves a copy in both; the inbox makes that harmless).
    /// Fix the cause first: a message that fails again is dead-lettered again after its deliveries.
    /// </summary>
    /// <param name="queue">The consumer's queue.</param>
    /// <param name="max">The most to replay.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were replayed.</returns>
    public async Task<int> ReplayAsync(string queue, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var channel = await OpenChannelAsync(cancellationToken).ConfigureAwait(false);
        var replayed = 0;
        try
        {
            var deadLetterQueue = RabbitMqTopology.DeadLetterQueueName(queue);
            while (replayed < max)
            {
                var result = await channel.BasicGetAsync(deadLetterQueue, autoAck: false, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    break;
                }

                var replays = RabbitMqMessages.GetInt64(result.BasicProperties.Headers, RabbitMqHeaders.Replays) ?? 0;
                var properties = RabbitMqMessages.Copy(
                    result.BasicProperties,
                    new Dictionary<string, object?>(StringComparer.Ordinal) { [RabbitMqHeaders.Replays] = replays + 1 },
                    FailureHeaders);
                await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, result.Body, cancellationToken).ConfigureAwait(false);
                await channel.BasicAckAsync(result.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
                replayed++;
            }
        }
        finally
        {
            await RabbitMqConnector.CloseQuietlyAsync(channel).ConfigureAwait(false);
        }

        return replayed;
    }

    /// <summary>Closes the connection, blocking (for containers disposed synchronously); prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Closes the connection.</summary>
    /// <returns>A task that completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await RabbitMqConnector.CloseQuietlyAsync(_connection).ConfigureAwait(false);
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static RabbitMqDeadLetter ToDeadLetter(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var headers = properties.Headers;
        var at = RabbitMqMessages.GetString(headers, RabbitMqHeaders.DeadLetteredAt);
        var attempts = RabbitMqMessages.GetInt64(headers, RabbitMqHeaders.Attempts);
        return new RabbitMqDeadLetter(
            properties.MessageId,
            properties.Type,
            RabbitMqMessages.GetString(headers, RabbitMqHeaders.DeadLetterReason),
            RabbitMqMessages.GetString(headers, RabbitMqHeaders.Error),
            RabbitMqMessages.GetString(headers, RabbitMqHeaders.ErrorType),
            attempts is null ? null : (int)Math.Min(attempts.Value, int.MaxValue),
            RabbitMqMessages.GetString(headers, RabbitMqHeaders.Consumer),
            at is not null && DateTimeOffset.TryParseExact(at, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null,
            body.ToArray());
    }

    private async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not { IsOpen: true })
            {
                await RabbitMqConnector.CloseQuietlyAsync(_connection).ConfigureAwait(false);
                _connection = null;
                _connection = await RabbitMqConnector.ConnectAsync(_options, "dead-letters", cancellationToken).ConfigureAwait(false);
            }

            return await RabbitMqConnector.CreateConfirmingChannelAsync(_connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
