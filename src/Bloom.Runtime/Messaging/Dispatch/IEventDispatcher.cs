namespace Bloom.Messaging;

/// <summary>
/// Delivers domain events to their in-process handlers. The unit of work calls it after a successful commit; transports call it
/// for messages they receive. Two registries implement it: <see cref="SequentialEventDispatcher"/> (handlers one after another,
/// in registration order) and <see cref="ConcurrentEventDispatcher"/> (the handlers of an event concurrently).
/// Both isolate failures: every handler runs (with its retry policy) even when another fails, and the failures are thrown
/// together afterwards as one <see cref="EventDispatchException"/>.
/// </summary>
public interface IEventDispatcher
{
    /// <summary>Delivers <paramref name="events"/>, in order, each to all its handlers.</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels the delivery (a cancelled handler is not retried and is reported as cancelled).</param>
    /// <returns>A task that completes when every handler finished; it completes synchronously when all of them did.</returns>
    /// <exception cref="EventDispatchException">One or more handlers failed after their retries.</exception>
    ValueTask DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);

    /// <summary>Delivers one event to all its handlers.</summary>
    /// <param name="domainEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when every handler finished.</returns>
    /// <exception cref="EventDispatchException">One or more handlers failed after their retries.</exception>
    ValueTask DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);

    /// <summary>Delivers <paramref name="events"/> synchronously (for <see cref="ISyncUnitOfWork"/>): handlers run one after another.</summary>
    /// <param name="events">The events.</param>
    /// <exception cref="EventDispatchException">One or more handlers failed after their retries.</exception>
    void Dispatch(IReadOnlyList<IDomainEvent> events);
}
