using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bloom.Messaging;

/// <summary>
/// The sync registry: delivers each event to its handlers one after another, in registration order (a handler sees the effects
/// of the handlers registered before it). A failing handler does not stop the others; failures are thrown together at the end.
/// </summary>
/// <remarks>
/// Each handler is resolved from <c>services</c> the first time this dispatcher delivers to it and reused afterwards (for
/// descriptors with <see cref="EventHandlerDescriptor.Resolve"/>, as generated): once per dispatcher, i.e. once per scope, so a
/// transient handler is reused within a scope. When every handler completes synchronously nothing is allocated.
/// </remarks>
public sealed class SequentialEventDispatcher : IEventDispatcher
{
    private readonly HandlerInvoker _invoker;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="services">Resolves the handlers (use a scope's provider for scoped handlers).</param>
    /// <param name="map">The handlers by event type.</param>
    /// <param name="timeProvider">The clock retries wait on; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="logger">Where failed attempts are logged; none when omitted.</param>
    public SequentialEventDispatcher(IServiceProvider services, EventHandlerMap map, TimeProvider? timeProvider = null, ILogger<SequentialEventDispatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(map);
        _invoker = new HandlerInvoker(services, map, timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public ValueTask DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var invoker = _invoker;
        var handlers = invoker.EntriesFor(domainEvent.GetType());
        for (var i = 0; i < handlers.Length; i++)
        {
            // The fast path: call the handler directly; the retry machinery only when it throws or does not complete synchronously.
            ValueTask pending;
            try
            {
                pending = invoker.Start(handlers[i], domainEvent, cancellationToken);
            }
            catch (Exception ex)
            {
                return Slow(domainEvent, handlers, i, invoker.Retry(handlers[i], domainEvent, ex, cancellationToken), cancellationToken);
            }

            if (!pending.IsCompletedSuccessfully)
            {
                return Slow(domainEvent, handlers, i, invoker.Awaited(handlers[i], domainEvent, pending, cancellationToken), cancellationToken);
            }
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken) =>
        EventSequence.DispatchAsync(this, events, cancellationToken);

    /// <inheritdoc />
    public void Dispatch(IReadOnlyList<IDomainEvent> events) => EventSequence.Dispatch(this, events);

    private async ValueTask Slow(IDomainEvent domainEvent, HandlerEntry[] handlers, int index, ValueTask<HandlerFailure?> current, CancellationToken cancellationToken)
    {
        List<HandlerFailure>? failures = null;
        if (await current.ConfigureAwait(false) is { } first)
        {
            (failures ??= []).Add(first);
        }

        for (var i = index + 1; i < handlers.Length; i++)
        {
            if (await _invoker.InvokeAsync(handlers[i], domainEvent, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                (failures ??= []).Add(failure);
            }
        }

        if (failures is not null)
        {
            throw new EventDispatchException(failures);
        }
    }
}
