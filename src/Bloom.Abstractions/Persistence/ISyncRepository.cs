namespace Bloom;

/// <summary>
/// The synchronous repository: the reads of <see cref="ISyncReadRepository{TAggregate, TId}"/> plus registering new and removed
/// aggregates with an <see cref="ISyncUnitOfWork"/>. Same semantics as <see cref="IRepository{TAggregate, TId}"/>:
/// nothing is written until <see cref="ISyncUnitOfWork.Commit"/>, which writes everything in one transaction with version checks.
/// </summary>
/// <typeparam name="TAggregate">The aggregate root type.</typeparam>
/// <typeparam name="TId">The aggregate's identity type.</typeparam>
public interface ISyncRepository<TAggregate, TId> : ISyncReadRepository<TAggregate, TId>
    where TAggregate : class, IAggregateRoot<TId>
    where TId : notnull
{
    /// <summary>Registers a new aggregate to be inserted at commit; from now on it is tracked and found by id in this unit of work.</summary>
    /// <param name="aggregate">The new aggregate (version 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Another instance with the same id is already tracked in this unit of work.</exception>
    void Add(TAggregate aggregate);

    /// <summary>Registers several new aggregates, as <see cref="Add"/> does for each, in order.</summary>
    /// <param name="aggregates">The new aggregates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="aggregates"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Two instances with one id would be tracked; none of the batch is registered.</exception>
    void AddRange(IEnumerable<TAggregate> aggregates);

    /// <summary>Registers an aggregate to be deleted at commit (with a version check); removing one added in this unit of work cancels the add.</summary>
    /// <param name="aggregate">The aggregate, loaded or added through this unit of work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The aggregate is not tracked by this unit of work (load it through this unit of work first).</exception>
    void Remove(TAggregate aggregate);

    /// <summary>Registers several aggregates to be deleted at commit, as <see cref="Remove"/> does for each.</summary>
    /// <param name="aggregates">The aggregates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="aggregates"/> or one of its items is <see langword="null"/>.</exception>
    void RemoveRange(IEnumerable<TAggregate> aggregates);
}
