using System.Globalization;
using System.Text.Json;
using Bloom.Messaging;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Bloom.RabbitMQ;

/// <summary>
/// A hosted consumer for one consumer name: declares its quorum queue (bound to the events exchange for its event types) with a
/// dead-letter queue, and handles each delivery exactly once in effect, even when the broker delivers it several times.
/// </summary>
/// <remarks>
/// <para>For each delivery, with manual acknowledgements:</para>
/// <list type="number">
/// <item>The message is read and its event deserialized. A message that cannot be (poison: missing metadata, unknown event type,
/// schema mismatch, bad JSON) is dead-lettered at once.</item>
/// <item>A DI scope is created; the scope's unit of work (<see cref="RabbitMqConsumerOptions.UnitOfWork"/>) is told the message is
/// handled by this consumer (<see cref="UnitOfWork.MarkHandled"/>), the scoped <see cref="RabbitMqMessageContext"/> and
/// <see cref="MessageContext"/> are filled, and
/// the event goes to the handlers (<see cref="RabbitMqConsumerOptions.Handler"/> or the dispatcher), which write through the same
/// scoped unit of work.</item>
/// <item>The unit of work commits the handlers' writes and the inbox entry (message id, consumer) in one transaction; then the
/// message is acknowledged. A crash between commit and acknowledgement redelivers the message, and its commit then fails with
/// <see cref="DuplicateMessageException"/>, writing nothing: the consumer acknowledges it as already handled.</item>
/// <item>When the handlers or the commit fail, the message is returned to the queue (after
/// <see cref="RabbitMqConsumerOptions.RedeliveryDelay"/>) until its <see cref="RabbitMqConsumerOptions.MaxDeliveries"/>-th
/// delivery fails; that one is published to the dead-letter queue with the error in its headers (<see cref="RabbitMqHeaders"/>)
/// and then acknowledged. The delivery number comes from the quorum queue's <c>x-delivery-count</c>.</item>
/// </list>
/// <para>Guarantee: at-least-once delivery, exactly-once effects for the writes that go through the unit of work (one database).
/// Work outside it (e-mail, HTTP calls) can run more than once.</para>
/// </remarks>
public sealed partial class RabbitMqConsumer : BackgroundService
{
    private const int MaxErrorLength = 4000;
    private const ushort PreconditionFailed = 406;

    private readonly IServiceProvider _services;
    private readonly RabbitMqOptions _options;
    private readonly RabbitMqConsumerOptions _consumer;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventEnvelopeSerializer? _serializer;
    private long _handled;
    private long _duplicates;
    private long _retried;
    private long _deadLettered;

    /// <summary>Creates the consumer; it connects when the host starts it.</summary>
    /// <param name="services">The application's root provider: message scopes are created from it.</param>
    /// <param name="options">The broker options.</param>
    /// <param name="consumer">The consumer's options.</param>
    /// <param name="logger">Where failures are logged; none when omitted.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The options are invalid (see <see cref="RabbitMqConsumerOptions.Validate"/>).</exception>
    /// <exception cref="RabbitMqTopologyException">The queue's arguments fail the topology check (<see cref="RabbitMqTopology.Validate"/>).</exception>
    public RabbitMqConsumer(IServiceProvider services, RabbitMqOptions options, RabbitMqConsumerOptions consumer, ILogger<RabbitMqConsumer>? logger = null)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _consumer = consumer ?? throw new ArgumentNullException(nameof(consumer));
        options.Validate();
        consumer.Validate();
        RabbitMqTopology.Validate(consumer.QueueName, RabbitMqTopology.QueueArguments(options, consumer));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The consumer's stable name.</summary>
    public string Name => _consumer.Name;

    /// <summary>The consumer's options.</summary>
    public RabbitMqConsumerOptions Options => _consumer;

    /// <summary>
    /// Completes when the consumer has declared its topology and started consuming (so events published from then on reach its
    /// queue); faults when the topology was refused.
    /// </summary>
    public Task Ready => _ready.Task;

    /// <summary>Messages handled and committed by this consumer instance.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Deliveries of messages this consumer had already handled (acknowledged without a second effect): the duplicate deliveries seen.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Failed deliveries returned to the queue for another attempt.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Messages sent to the dead-letter queue (poison, or failed on every attempt).</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _serializer = _consumer.Serializer ?? _services.GetRequiredService<EventEnvelopeSerializer>();
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RabbitMqTopologyException ex)
            {
                _ready.TrySetException(ex);
                throw;
            }
            catch (Exception ex)
            {
                LogConnectionFailed(_logger, ex, Name, _options.ReconnectDelay);
                try
                {
                    await Task.Delay(_options.ReconnectDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        _ready.TrySetCanceled(stoppingToken);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        IConnection? connection = null;
        IChannel? channel = null;
        try
        {
            connection = await RabbitMqConnector.ConnectAsync(_options, "consumer:" + Name, stoppingToken).ConfigureAwait(false);
            channel = await RabbitMqConnector.CreateConfirmingChannelAsync(connection, stoppingToken, _consumer.ConcurrentDeliveries).ConfigureAwait(false);
            try
            {
                await RabbitMqTopology.DeclareConsumerAsync(channel, _options, _consumer, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == PreconditionFailed)
            {
                throw new RabbitMqTopologyException(
                    $"RabbitMQ refused the topology of consumer '{Name}': {ex.ShutdownReason.ReplyText}. An exchange or queue with that name exists with " +
                    $"another type or other arguments (Bloom declares quorum queues with a dead-letter exchange and x-delivery-limit = {_consumer.MaxDeliveries}); " +
                    "delete it, or give the consumer another queue name.",
                    ex);
            }

            await channel.BasicQosAsync(0, _consumer.Prefetch ?? _options.Prefetch, global: false, stoppingToken).ConfigureAwait(false);

            // A channel closed by a channel-level error is not recovered (only connection failures are): start over then.
            var broken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var open = connection;
            channel.ChannelShutdownAsync += (_, e) =>
            {
                if (e.Initiator != ShutdownInitiator.Application && open.IsOpen)
                {
                    broken.TrySetResult();
                }

                return Task.CompletedTask;
            };

            var consumer = new AsyncEventingBasicConsumer(channel);
            var consuming = channel;
            consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(consuming, delivery, stoppingToken);
            consumer.UnregisteredAsync += (_, _) =>
            {
                // The broker cancelled the consumer (its queue was deleted, for example): declare everything again.
                if (!stoppingToken.IsCancellationRequested)
                {
                    broken.TrySetResult();
                }

                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(_consumer.QueueName, autoAck: false, consumer, stoppingToken).ConfigureAwait(false);
            _ready.TrySetResult();
            LogStarted(_logger, Name, _consumer.QueueName);

            await broken.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            LogChannelClosed(_logger, Name);
        }
        finally
        {
            await RabbitMqConnector.CloseQuietlyAsync(channel).ConfigureAwait(false);
            await RabbitMqConnector.CloseQuietlyAsync(connection).ConfigureAwait(false);
        }
    }

    private async Task OnReceivedAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var attempt = (int)Math.Min((RabbitMqMessages.GetInt64(delivery.BasicProperties.Headers, RabbitMqHeaders.DeliveryCount) ?? 0) + 1, int.MaxValue);
        EventEnvelope envelope;
        IDomainEvent domainEvent;
        try
        {
            envelope = RabbitMqMessages.ReadEnvelope(delivery.BasicProperties, delivery.Body);
            domainEvent = _serializer!.Unwrap(envelope);
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException or JsonException or NotSupportedException or ArgumentException)
        {
            LogPoison(_logger, ex, Name, delivery.BasicProperties.MessageId);
            await DeadLetterAsync(channel, delivery, "poison", ex, attempt, stoppingToken).ConfigureAwait(false);
            return;
        }

        Exception? failure = null;
        var duplicate = false;
        try
        {
            await HandleAsync(envelope, domainEvent, attempt, delivery.Redelivered, stoppingToken).ConfigureAwait(false);
        }
        catch (DuplicateMessageException)
        {
            duplicate = true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: nothing was committed; closing the channel returns the message to the queue.
            return;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        if (failure is null)
        {
            // Committed (or committed before: a duplicate). A lost acknowledgement only means one more, harmless, duplicate delivery.
            if (await TryAsync(channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken), delivery).ConfigureAwait(false))
            {
                Interlocked.Increment(ref duplicate ? ref _duplicates : ref _handled);
            }

            return;
        }

        if (attempt >= _consumer.MaxDeliveries)
        {
            LogGaveUp(_logger, failure, Name, envelope.MessageId, envelope.EventType, attempt);
            await DeadLetterAsync(channel, delivery, "failed", failure, attempt, stoppingToken).ConfigureAwait(false);
            return;
        }

        LogRetry(_logger, failure, Name, envelope.MessageId, envelope.EventType, attempt, _consumer.MaxDeliveries);
        Interlocked.Increment(ref _retried);
        try
        {
            if (_consumer.RedeliveryDelay > TimeSpan.Zero)
            {
                await Task.Delay(_consumer.RedeliveryDelay, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return; // shutting down: the closing channel returns the message
        }

        await TryAsync(channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken), delivery).ConfigureAwait(false);
    }

    /// <summary>Runs an acknowledgement; a failure (closed channel) is logged, since the broker then redelivers the message anyway.</summary>
    private async Task<bool> TryAsync(ValueTask operation, BasicDeliverEventArgs delivery)
    {
        try
        {
            await operation.ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogAckFailed(_logger, ex, Name, delivery.BasicProperties.MessageId);
            return false;
        }
    }

    private async Task HandleAsync(EventEnvelope envelope, IDomainEvent domainEvent, int attempt, bool redelivered, CancellationToken cancellationToken)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            var context = services.GetService<RabbitMqMessageContext>() ?? new RabbitMqMessageContext();
            context.Initialize(services, Name, envelope, domainEvent, attempt, redelivered);
            services.GetService<MessageContext>()?.Set(envelope);

            var unitOfWork = _consumer.UnitOfWork!(services) ?? throw new InvalidOperationException(
                $"The UnitOfWork factory of RabbitMQ consumer '{Name}' returned null; it must return the scope's unit of work.");
            unitOfWork.MarkHandled(envelope.MessageId, Name);
            unitOfWork.CorrelationId ??= envelope.CorrelationId ?? envelope.MessageId.ToString("D");
            unitOfWork.CausationId ??= envelope.MessageId.ToString("D");

            if (_consumer.Handler is { } handler)
            {
                await handler(context, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ResolveDispatcher(services).DispatchAsync(domainEvent, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EventDispatchException ex)
            {
                // The commit stands (the handlers' writes and the inbox entry are stored); only in-process reactions to the events
                // those writes raised failed. The message is handled: acknowledge it.
                LogAfterCommitHandlersFailed(_logger, ex, Name, envelope.MessageId);
            }
        }
    }

    private IEventDispatcher ResolveDispatcher(IServiceProvider services)
    {
        if (_consumer.Dispatcher is { } factory)
        {
            return factory(services);
        }

        // AddBloom registers the dispatcher scoped, over the scope's provider, so scoped handlers resolve the scope's unit of work.
        if (services.GetService<IEventDispatcher>() is { } dispatcher)
        {
            return dispatcher;
        }

        if (services.GetService<EventHandlerMap>() is { } map)
        {
            return new SequentialEventDispatcher(services, map, services.GetService<TimeProvider>(), services.GetService<ILogger<SequentialEventDispatcher>>());
        }

        throw new InvalidOperationException(
            $"RabbitMQ consumer '{Name}' has no Handler and finds no IEventDispatcher or EventHandlerMap in the container: register the handlers " +
            "(AddBloom with [DomainEventHandler] types), or set the consumer's Handler or Dispatcher.");
    }

    private async Task DeadLetterAsync(IChannel channel, BasicDeliverEventArgs delivery, string reason, Exception error, int attempt, CancellationToken cancellationToken)
    {
        var message = $"{error.GetType().Name}: {error.Message}";
        if (message.Length > MaxErrorLength)
        {
            message = message[..MaxErrorLength];
        }

        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [RabbitMqHeaders.DeadLetterReason] = reason,
            [RabbitMqHeaders.Error] = message,
            [RabbitMqHeaders.ErrorType] = error.GetType().FullName,
            [RabbitMqHeaders.Attempts] = attempt,
            [RabbitMqHeaders.Consumer] = Name,
            [RabbitMqHeaders.DeadLetteredAt] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            [RabbitMqHeaders.OriginalRoutingKey] = delivery.RoutingKey,
        };
        var properties = RabbitMqMessages.Copy(delivery.BasicProperties, headers);
        try
        {
            await channel.BasicPublishAsync(_options.DeadLetterExchange, _consumer.QueueName, mandatory: true, properties, delivery.Body, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not dead-lettered: keep the message in the queue rather than lose it.
            LogDeadLetterFailed(_logger, ex, Name, delivery.BasicProperties.MessageId);
            await TryAsync(channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken), delivery).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            return; // shutting down: the closing channel returns the message
        }

        if (await TryAsync(channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken), delivery).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _deadLettered);
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "RabbitMQ consumer {Consumer} is consuming queue {Queue}")]
    private static partial void LogStarted(ILogger logger, string consumer, string queue);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "RabbitMQ consumer {Consumer} could not connect or lost its channel; retrying in {Delay}")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, string consumer, TimeSpan delay);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "RabbitMQ consumer {Consumer}'s channel was closed or its subscription cancelled by the broker; declaring and subscribing again")]
    private static partial void LogChannelClosed(ILogger logger, string consumer);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "RabbitMQ consumer {Consumer} cannot read message {MessageId}; dead-lettering it")]
    private static partial void LogPoison(ILogger logger, Exception exception, string consumer, string? messageId);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "RabbitMQ consumer {Consumer} failed on message {MessageId} ({EventType}), delivery {Attempt} of {MaxDeliveries}; it will be redelivered")]
    private static partial void LogRetry(ILogger logger, Exception exception, string consumer, Guid messageId, string eventType, int attempt, int maxDeliveries);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "RabbitMQ consumer {Consumer} failed on message {MessageId} ({EventType}) on its last delivery ({Attempt}); dead-lettering it")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string consumer, Guid messageId, string eventType, int attempt);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error, Message = "RabbitMQ consumer {Consumer} could not dead-letter message {MessageId}; it stays in the queue")]
    private static partial void LogDeadLetterFailed(ILogger logger, Exception exception, string consumer, string? messageId);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "RabbitMQ consumer {Consumer} could not acknowledge message {MessageId}; the broker will deliver it again")]
    private static partial void LogAckFailed(ILogger logger, Exception exception, string consumer, string? messageId);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "RabbitMQ consumer {Consumer} committed message {MessageId}, but in-process handlers of the events it raised failed")]
    private static partial void LogAfterCommitHandlersFailed(ILogger logger, Exception exception, string consumer, Guid messageId);
}
