namespace Bloom;

/// <summary>
/// A business transaction: tracks the aggregates its repositories load and register, and writes all their changes at once.
/// A port; <c>[UnitOfWork]</c> partial interfaces extend it with one typed repository property per aggregate
/// (<c>IShopUnitOfWork.Orders</c>) and the generated adapters implement it. Create one per operation with
/// <see cref="IUnitOfWorkFactory{TUnitOfWork}.Begin"/> and dispose it when done. Not thread-safe: use it from one logical flow.
/// </summary>
/// <remarks>
/// <para><b>Identity map.</b> Within one unit of work the same id always yields the same aggregate instance.</para>
/// <para>
/// <b>Commit.</b> <see cref="CommitAsync"/> writes every added, changed and removed aggregate (and, where configured, outbox and
/// event-store rows) in one database transaction. Each update and delete checks the version the aggregate was loaded with; on
/// success every written aggregate's version is incremented and its pending events are cleared
/// (<see cref="IAggregateRoot.MarkCommitted"/>). If any version is stale the commit throws <see cref="ConcurrencyException"/>
/// and nothing at all is written; any other failure likewise leaves the store exactly as it was. After a failed commit,
/// dispose this unit of work and retry in a new one (reload, re-apply, commit).
/// After a successful commit the unit of work stays usable, and a further commit writes only later changes.
/// </para>
/// <para>
/// <b>Rollback and dispose.</b> <see cref="RollbackAsync"/> discards every pending change and forgets the tracked aggregates.
/// Disposing without committing rolls back: nothing pending is written. Disposing more than once does nothing.
/// </para>
/// </remarks>
public interface IUnitOfWork : IAsyncDisposable, IDisposable
{
    /// <summary>Writes all pending changes in one transaction; see the remarks on <see cref="IUnitOfWork"/>.</summary>
    /// <param name="cancellationToken">Cancels the commit; a cancelled commit writes nothing.</param>
    /// <returns>A task that completes when the transaction has committed.</returns>
    /// <exception cref="ConcurrencyException">An aggregate was changed or deleted concurrently; nothing was written.</exception>
    /// <exception cref="ObjectDisposedException">The unit of work was disposed.</exception>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Discards every pending change and forgets the tracked aggregates; nothing is written.</summary>
    /// <param name="cancellationToken">Cancels the rollback.</param>
    /// <returns>A task that completes when the changes are discarded.</returns>
    /// <exception cref="ObjectDisposedException">The unit of work was disposed.</exception>
    Task RollbackAsync(CancellationToken cancellationToken);
}
