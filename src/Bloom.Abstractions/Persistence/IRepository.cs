namespace Bloom;

/// <summary>
/// A repository for aggregates of type <typeparamref name="TAggregate"/>: the reads of
/// <see cref="IReadRepository{TAggregate, TId}"/> plus registering new and removed aggregates with the unit of work.
/// A port; generated typed interfaces (<c>IOrderRepository</c>) extend it and the generated adapters implement it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Nothing is written until commit.</b> <see cref="AddAsync"/> and <see cref="Remove"/> only record intent in the unit of work;
/// changes to loaded aggregates are detected at commit. <see cref="IUnitOfWork.CommitAsync"/> then writes every new, changed and
/// removed aggregate in one transaction, each with a version check, and increments each written aggregate's version
/// (<see cref="IAggregateRoot.MarkCommitted"/>). A stale version throws <see cref="ConcurrencyException"/> and nothing is written.
/// </para>
/// <para>There is no <c>Update</c>: an aggregate loaded through this repository is tracked, so changing it is enough.</para>
/// </remarks>
/// <typeparam name="TAggregate">The aggregate root type.</typeparam>
/// <typeparam name="TId">The aggregate's identity type.</typeparam>
public interface IRepository<TAggregate, TId> : IReadRepository<TAggregate, TId>
    where TAggregate : class, IAggregateRoot<TId>
    where TId : notnull
{
    /// <summary>Registers a new aggregate to be inserted at commit; from now on it is tracked and found by id in this unit of work.</summary>
    /// <param name="aggregate">The new aggregate (version 0).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the aggregate is registered (normally synchronously; no I/O is required).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Another instance with the same id is already tracked in this unit of work.</exception>
    /// <remarks>An id that already exists in the store is detected at commit, which then fails and writes nothing.</remarks>
    ValueTask AddAsync(TAggregate aggregate, CancellationToken cancellationToken);

    /// <summary>Registers several new aggregates, as <see cref="AddAsync"/> does for each, in order.</summary>
    /// <param name="aggregates">The new aggregates.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when all are registered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="aggregates"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Two instances with one id would be tracked; none of the batch is registered.</exception>
    ValueTask AddRangeAsync(IEnumerable<TAggregate> aggregates, CancellationToken cancellationToken);

    /// <summary>
    /// Registers an aggregate to be deleted at commit (with a version check). It is no longer found by id in this unit of work.
    /// Removing an aggregate added in this unit of work simply cancels the add.
    /// </summary>
    /// <param name="aggregate">The aggregate, loaded or added through this unit of work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The aggregate is not tracked by this unit of work (load it through this unit of work first).</exception>
    void Remove(TAggregate aggregate);

    /// <summary>Registers several aggregates to be deleted at commit, as <see cref="Remove"/> does for each.</summary>
    /// <param name="aggregates">The aggregates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="aggregates"/> or one of its items is <see langword="null"/>.</exception>
    void RemoveRange(IEnumerable<TAggregate> aggregates);
}
