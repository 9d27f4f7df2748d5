using Microsoft.Extensions.DependencyInjection;

namespace Bloom.Messaging;

/// <summary>
/// The default <see cref="IMessageTransport"/>: delivers outbox messages to this process's event handlers. Each message is unwrapped
/// with the <see cref="EventEnvelopeSerializer"/> and dispatched through the <see cref="IEventDispatcher"/> of a new DI scope (so
/// scoped handlers and units of work are fresh per message); the scope's <see cref="MessageContext"/> carries the envelope.
/// </summary>
/// <remarks>
/// The publish is confirmed when every handler completed. A message that cannot be unwrapped (unknown type, newer schema,
/// corrupt payload) or whose handlers failed (<see cref="EventDispatchException"/>, after each handler's own retries) is a failed
/// publish: the <see cref="OutboxPublisher"/> retries it and eventually dead-letters it. A retry runs <b>every</b> handler of the
/// event again, including those that succeeded: make handlers idempotent, or record their effects with the inbox
/// (<c>unitOfWork.MarkHandled(messageContext.MessageId, "HandlerName")</c>), which turns a repeated effect into a
/// <see cref="Persistence.DuplicateMessageException"/>.
/// </remarks>
public sealed class InProcessTransport : IMessageTransport
{
    private readonly IServiceScopeFactory _scopes;
    private readonly EventEnvelopeSerializer _serializer;

    /// <summary>Creates the transport.</summary>
    /// <param name="scopes">Creates the DI scope each message is handled in; it must provide an <see cref="IEventDispatcher"/>.</param>
    /// <param name="serializer">Reads events out of envelopes; its registry must know every event type in the outbox.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public InProcessTransport(IServiceScopeFactory scopes, EventEnvelopeSerializer serializer)
    {
        _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
    }

    /// <inheritdoc />
    /// <value><c>in-process</c>.</value>
    public string Name => "in-process";

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The event type is not registered with the serializer.</exception>
    /// <exception cref="InvalidOperationException">The envelope cannot be read (schema mismatch), or the scope has no <see cref="IEventDispatcher"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The payload is not valid for the event type.</exception>
    /// <exception cref="EventDispatchException">One or more handlers failed.</exception>
    public async Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        cancellationToken.ThrowIfCancellationRequested();
        var domainEvent = _serializer.Unwrap(envelope);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            services.GetService<MessageContext>()?.Set(envelope);
            var dispatcher = services.GetService<IEventDispatcher>() ?? throw new InvalidOperationException(
                "The in-process transport found no IEventDispatcher to deliver outbox messages to. Register the event handlers " +
                "(the generated AddBloom does) or choose another transport.");
            await dispatcher.DispatchAsync(domainEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
