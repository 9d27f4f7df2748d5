namespace Bloom;

/// <summary>
/// Handles one kind of domain event synchronously, after the unit of work that raised it committed (or when a transport
/// delivers it). Mark the class <c>[DomainEventHandler]</c>: Bloom generates the handler map and its DI registration.
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    /// <summary>Reacts to <paramref name="domainEvent"/>. Throwing marks this handler's delivery as failed (others still run).</summary>
    /// <param name="domainEvent">The event.</param>
    void Handle(TEvent domainEvent);
}

/// <summary>
/// Handles one kind of domain event asynchronously, after the unit of work that raised it committed (or when a transport
/// delivers it). Mark the class <c>[DomainEventHandler]</c>: Bloom generates the handler map and its DI registration.
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IAsyncDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    /// <summary>Reacts to <paramref name="domainEvent"/>. Throwing marks this handler's delivery as failed (others still run).</summary>
    /// <param name="domainEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <returns>A task that completes when handled; complete it synchronously when there is no I/O (no allocation then).</returns>
    ValueTask HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
