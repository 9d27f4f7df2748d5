using Bloom.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Bloom.RabbitMQ;

/// <summary>
/// Publishes messages to RabbitMQ, for the outbox publisher: one connection and one channel with publisher confirms, a durable
/// topic exchange (<see cref="RabbitMqOptions.Exchange"/>, declared once per channel), persistent messages routed by their event
/// type name, and <c>mandatory</c> publishing. <see cref="PublishAsync"/> completes only when the broker has confirmed the message
/// and routed it to at least one queue, so the outbox marks a message dispatched only when it is safely queued.
/// </summary>
/// <remarks>
/// <para>An unroutable message (no queue bound for its event type: no consumer declared yet) is returned by the broker and
/// reported as <see cref="MessageNotAcceptedException"/>, as is a broker nack; the outbox keeps the message and retries it.
/// Connection failures surface as the client's exceptions and are retried the same way. The connection recovers by itself; a
/// channel closed by an error is replaced on the next publish.</para>
/// <para>Thread-safe: concurrent publishes share the channel, each awaiting its own confirm.</para>
/// </remarks>
public sealed class RabbitMqTransport : IMessageTransport, IAsyncDisposable, IDisposable
{
    private readonly RabbitMqOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;
    private bool _disposed;

    /// <summary>Creates the transport; it connects on the first publish.</summary>
    /// <param name="options">The broker and exchange.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The options are inconsistent (see <see cref="RabbitMqOptions.Validate"/>).</exception>
    public RabbitMqTransport(RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <inheritdoc />
    public string Name => "rabbitmq";

    /// <summary>The options this transport publishes with.</summary>
    public RabbitMqOptions Options => _options;

    /// <inheritdoc />
    /// <exception cref="MessageNotAcceptedException">The broker nacked the message, or returned it because no queue is bound for its event type.</exception>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public async Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var channel = await GetChannelAsync(cancellationToken).ConfigureAwait(false);
        var properties = RabbitMqMessages.CreateProperties(envelope);
        try
        {
            await channel.BasicPublishAsync(_options.Exchange, envelope.EventType, mandatory: true, properties, envelope.Payload, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (PublishException ex) when (ex.IsReturn)
        {
            throw new MessageNotAcceptedException(
                $"RabbitMQ could not route message {envelope.MessageId} ({envelope.EventType}): no queue is bound to exchange '{_options.Exchange}' " +
                $"for routing key '{envelope.EventType}'. It stays in the outbox and is retried; declare a consumer for the event type " +
                "(AddRabbitMqConsumer) or bind a queue to the exchange.",
                ex);
        }
        catch (PublishException ex)
        {
            throw new MessageNotAcceptedException(
                $"RabbitMQ did not accept message {envelope.MessageId} ({envelope.EventType}): the broker nacked it (for example a full queue that rejects publishes). It stays in the outbox and is retried.",
                ex);
        }
        catch (AlreadyClosedException)
        {
            await DropChannelAsync(channel).ConfigureAwait(false);
            throw;
        }
        catch (OperationInterruptedException)
        {
            await DropChannelAsync(channel).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the connection, blocking (for containers disposed synchronously); prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Closes the channel and the connection.</summary>
    /// <returns>A task that completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await RabbitMqConnector.CloseQuietlyAsync(_channel).ConfigureAwait(false);
            await RabbitMqConnector.CloseQuietlyAsync(_connection).ConfigureAwait(false);
            _channel = null;
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        var channel = Volatile.Read(ref _channel);
        if (channel is { IsOpen: true })
        {
            return channel;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_channel is { IsOpen: true })
            {
                return _channel;
            }

            await RabbitMqConnector.CloseQuietlyAsync(_channel).ConfigureAwait(false);
            _channel = null;
            if (_connection is not { IsOpen: true })
            {
                await RabbitMqConnector.CloseQuietlyAsync(_connection).ConfigureAwait(false);
                _connection = null;
                _connection = await RabbitMqConnector.ConnectAsync(_options, "publisher", cancellationToken).ConfigureAwait(false);
            }

            var created = await RabbitMqConnector.CreateConfirmingChannelAsync(_connection, cancellationToken).ConfigureAwait(false);
            try
            {
                await RabbitMqTopology.DeclareExchangeAsync(created, _options, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await RabbitMqConnector.CloseQuietlyAsync(created).ConfigureAwait(false);
                throw;
            }

            Volatile.Write(ref _channel, created);
            return created;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DropChannelAsync(IChannel channel)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_channel, channel))
            {
                _channel = null;
                await RabbitMqConnector.CloseQuietlyAsync(channel).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
