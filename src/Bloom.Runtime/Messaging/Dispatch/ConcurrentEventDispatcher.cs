using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bloom.Messaging;

/// <summary>
/// The async registry: starts all handlers of an event at once and waits for all of them (events themselves are delivered in
/// order). One failing handler does not stop the others; failures are thrown together at the end. When every handler
/// completes synchronously nothing is allocated.
/// </summary>
public sealed class ConcurrentEventDispatcher : IEventDispatcher
{
    private readonly EventHandlerMap _map;
    private readonly HandlerInvoker _invoker;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="services">Resolves the handlers (use a scope's provider for scoped handlers).</param>
    /// <param name="map">The handlers by event type.</param>
    /// <param name="timeProvider">The clock retries wait on; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="logger">Where failed attempts are logged; none when omitted.</param>
    public ConcurrentEventDispatcher(IServiceProvider services, EventHandlerMap map, TimeProvider? timeProvider = null, ILogger<ConcurrentEventDispatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _map = map ?? throw new ArgumentNullException(nameof(map));
        _invoker = new HandlerInvoker(services, timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public ValueTask DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var handlers = _map.For(domainEvent.GetType());
        ValueTask<HandlerFailure?>[]? pending = null;
        for (var i = 0; i < handlers.Length; i++)
        {
            var result = _invoker.InvokeAsync(handlers[i], domainEvent, cancellationToken);
            if (pending is null && result.IsCompletedSuccessfully && result.Result is null)
            {
                continue; // the common case: done already, nothing to keep
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
    public void Dispatch(IReadOnlyList<IDomainEvent> events)
    {
        var pending = DispatchAsync(events, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

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
