using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bloom.Messaging;

/// <summary>
/// The async registry: starts all handlers of an event at once and waits for all of them (events themselves are delivered in
/// order). One failing handler does not stop the others; failures are thrown together at the end. When every handler
/// completes synchronously nothing is allocated.
/// </summary>
/// <remarks>
/// Each handler is resolved from <c>services</c> the first time this dispatcher delivers to it and reused afterwards (for
/// descriptors with <see cref="EventHandlerDescriptor.Resolve"/>, as generated): once per dispatcher, i.e. once per scope, so a
/// transient handler is reused within a scope.
/// </remarks>
public sealed class ConcurrentEventDispatcher : IEventDispatcher
{
    private readonly HandlerInvoker _invoker;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="services">Resolves the handlers (use a scope's provider for scoped handlers).</param>
    /// <param name="map">The handlers by event type.</param>
    /// <param name="timeProvider">The clock retries wait on; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="logger">Where failed attempts are logged; none when omitted.</param>
    public ConcurrentEventDispatcher(IServiceProvider services, EventHandlerMap map, TimeProvider? timeProvider = null, ILogger<ConcurrentEventDispatcher>? logger = null)
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
        ValueTask<HandlerFailure?>[]? pending = null;
        for (var i = 0; i < handlers.Length; i++)
        {
            // The fast path: call the handler directly; the retry machinery only when it throws or does not complete synchronously.
            ValueTask<HandlerFailure?> result;
            try
            {
                var started = invoker.Start(handlers[i], domainEvent, cancellationToken);
                if (started.IsCompletedSuccessfully)
                {
                    continue; // the common case: done already, nothing to keep
                }

                result = invoker.Awaited(handlers[i], domainEvent, started, cancellationToken);
            }
            catch (Exception ex)
            {
                result = invoker.Retry(handlers[i], domainEvent, ex, cancellationToken);
            }

            pending ??= new ValueTask<HandlerFailure?>[handlers.Length];
            pending[i] = result;
        }

        return pending is null ? default : WaitAll(pending);
    }

    /// <inheritdoc />
    public ValueTask DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken) =>
        EventSequence.DispatchAsync(this, events, cancellationToken);

    /// <inheritdoc />
    public void Dispatch(IReadOnlyList<IDomainEvent> events) => EventSequence.Dispatch(this, events);

    private static async ValueTask WaitAll(ValueTask<HandlerFailure?>[] pending)
    {
        List<HandlerFailure>? failures = null;
        foreach (var task in pending)
        {
            // Default entries are handlers that completed before the first slow one; they succeeded.
            if (await task.ConfigureAwait(false) is { } failure)
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
