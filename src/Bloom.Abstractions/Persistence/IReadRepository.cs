namespace Bloom;

/// <summary>
/// The read side of a repository: loads aggregates of type <typeparamref name="TAggregate"/> by id or by
/// <see cref="Specification{T}"/>. A port; the generated in-memory and SQL adapters implement it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Unit of work and identity map.</b> A repository belongs to one unit of work (<see cref="IUnitOfWork"/>). Within it, every
/// load of the same id returns the same instance, whether it came from <see cref="GetAsync"/>, <see cref="FindAsync"/> or a
/// query: a row already loaded is not materialised again, so in-memory changes to it are never overwritten by a later read.
/// An aggregate added in this unit of work is found by id before commit; one removed is not.
/// </para>
/// <para>
/// <b>Queries read the store.</b> Specification queries (<see cref="ListAsync(Specification{TAggregate}, CancellationToken)"/>,
/// <see cref="PageAsync"/>, <see cref="CountAsync"/>, <see cref="ExistsAsync"/>, <see cref="FirstOrDefaultAsync"/>) are evaluated
/// against the stored (committed) state: aggregates added or changed in this unit of work are reflected only after
/// <see cref="IUnitOfWork.CommitAsync"/> (counts included). One exception: an aggregate removed in this unit of work is not handed
/// out again by list and page queries (it is still counted until commit). The in-memory adapter keeps the same rules.
/// </para>
/// <para>
/// <b>Translation.</b> A SQL adapter translates the specification's expression to a parameterised <c>WHERE</c> clause and the
/// page's sort keys to <c>ORDER BY</c> over mapped columns. An expression it cannot translate throws
/// <see cref="UntranslatableSpecificationException"/> before any SQL runs.
/// </para>
/// </remarks>
/// <typeparam name="TAggregate">The aggregate root type.</typeparam>
/// <typeparam name="TId">The aggregate's identity type.</typeparam>
public interface IReadRepository<TAggregate, TId>
    where TAggregate : class, IAggregateRoot<TId>
    where TId : notnull
{
    /// <summary>Loads the aggregate with <paramref name="id"/>, which must exist.</summary>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate; the instance already tracked by the unit of work when it was loaded before.</returns>
    /// <exception cref="AggregateNotFoundException">No aggregate has <paramref name="id"/> (or it was removed in this unit of work).</exception>
    ValueTask<TAggregate> GetAsync(TId id, CancellationToken cancellationToken);

    /// <summary>Loads the aggregate with <paramref name="id"/> when it exists.</summary>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate, or <see langword="null"/> when absent (or removed in this unit of work).</returns>
    ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken);

    /// <summary>Loads every stored aggregate of this type. Prefer a specification or <see cref="PageAsync"/> for large tables.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>All stored aggregates, in no particular order.</returns>
    Task<IReadOnlyList<TAggregate>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Loads every stored aggregate that satisfies <paramref name="specification"/>.</summary>
    /// <param name="specification">The filter.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The matching aggregates, in no particular order (use <see cref="PageAsync"/> for an order).</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    Task<IReadOnlyList<TAggregate>> ListAsync(Specification<TAggregate> specification, CancellationToken cancellationToken);

    /// <summary>Loads one stored aggregate that satisfies <paramref name="specification"/>, if any. Which one, when several match, is up to the store.</summary>
    /// <param name="specification">The filter.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A matching aggregate, or <see langword="null"/> when none matches.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    Task<TAggregate?> FirstOrDefaultAsync(Specification<TAggregate> specification, CancellationToken cancellationToken);

    /// <summary>
    /// Loads one page of the stored aggregates that satisfy <paramref name="specification"/>, ordered by the request's sort keys,
    /// together with the total number of matches. Pass <see cref="Specification{T}.All"/> to page through everything.
    /// </summary>
    /// <param name="specification">The filter.</param>
    /// <param name="page">Which page, and the order (<c>PageRequest.Of(1, 20)</c> converts implicitly).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page; past the last page its items are empty and its total count is still correct.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification or a sort key; nothing was read.</exception>
    Task<Page<TAggregate>> PageAsync(Specification<TAggregate> specification, PageRequest<TAggregate> page, CancellationToken cancellationToken);

    /// <summary>Counts the stored aggregates that satisfy <paramref name="specification"/>, or all of them when it is <see langword="null"/>.</summary>
    /// <param name="specification">The filter, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count; no aggregate is materialised.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    Task<long> CountAsync(Specification<TAggregate>? specification, CancellationToken cancellationToken);

    /// <summary>Tells whether any stored aggregate satisfies <paramref name="specification"/>.</summary>
    /// <param name="specification">The filter.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when at least one matches; no aggregate is materialised.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    Task<bool> ExistsAsync(Specification<TAggregate> specification, CancellationToken cancellationToken);
}
