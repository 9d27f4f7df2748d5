namespace Bloom;

/// <summary>
/// The synchronous business transaction, for callers without an async context. Same semantics as <see cref="IUnitOfWork"/>:
/// identity map, one transaction per <see cref="Commit"/> with version checks (<see cref="ConcurrencyException"/> on a stale
/// version, nothing written), versions incremented on success, and disposing without committing rolls back.
/// </summary>
public interface ISyncUnitOfWork : IDisposable
{
    /// <summary>Writes all pending changes in one transaction.</summary>
    /// <exception cref="ConcurrencyException">An aggregate was changed or deleted concurrently; nothing was written.</exception>
    /// <exception cref="ObjectDisposedException">The unit of work was disposed.</exception>
    void Commit();

    /// <summary>Discards every pending change and forgets the tracked aggregates; nothing is written.</summary>
    /// <exception cref="ObjectDisposedException">The unit of work was disposed.</exception>
    void Rollback();
}
