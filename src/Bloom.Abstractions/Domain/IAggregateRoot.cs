namespace Bloom;

/// <summary>
/// The non-generic view of an aggregate root that persistence and the unit of work use:
/// its persisted version and the domain events raised since it was loaded.
/// </summary>
public interface IAggregateRoot
{
    /// <summary>
    /// The version the aggregate had when it was last loaded or committed; 0 for an aggregate never stored.
    /// Persistence compares it with the stored version to detect concurrent changes.
    /// </summary>
    long Version { get; }

    /// <summary>
    /// The events raised since the aggregate was loaded or last committed, in the order raised. A live view (no copy is made):
    /// <see cref="ClearPendingEvents"/> and <see cref="MarkCommitted"/> empty it, so copy the events first if you need them afterwards.
    /// </summary>
    IReadOnlyList<IDomainEvent> PendingEvents { get; }

    /// <summary>Forgets the pending events (after they were dispatched or stored).</summary>
    void ClearPendingEvents();

    /// <summary>
    /// Records a successful commit: sets <see cref="Version"/> to <paramref name="newVersion"/> and clears the pending events.
    /// Called by the unit of work; domain code does not call it.
    /// </summary>
    /// <param name="newVersion">The version now stored; must not be lower than the current one.</param>
    void MarkCommitted(long newVersion);
}

/// <summary>An aggregate root: the only entry point to a consistency boundary, identified by <typeparamref name="TId"/>.</summary>
/// <typeparam name="TId">The identity type.</typeparam>
public interface IAggregateRoot<out TId> : IAggregateRoot, IEntity<TId>
    where TId : notnull
{
}
