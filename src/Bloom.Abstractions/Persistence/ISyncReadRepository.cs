namespace Bloom;

/// <summary>
/// The synchronous read side of a repository, for callers without an async context (console tools, tests, legacy code).
/// Same semantics as <see cref="IReadRepository{TAggregate, TId}"/>: identity map per unit of work, queries read the stored
/// state, untranslatable specifications fail before any query runs.
/// </summary>
/// <typeparam name="TAggregate">The aggregate root type.</typeparam>
/// <typeparam name="TId">The aggregate's identity type.</typeparam>
public interface ISyncReadRepository<TAggregate, TId>
    where TAggregate : class, IAggregateRoot<TId>
    where TId : notnull
{
    /// <summary>Loads the aggregate with <paramref name="id"/>, which must exist.</summary>
    /// <param name="id">The aggregate's id.</param>
    /// <returns>The aggregate; the tracked instance when it was loaded before in this unit of work.</returns>
    /// <exception cref="AggregateNotFoundException">No aggregate has <paramref name="id"/> (or it was removed in this unit of work).</exception>
    TAggregate Get(TId id);

    /// <summary>Loads the aggregate with <paramref name="id"/> when it exists.</summary>
    /// <param name="id">The aggregate's id.</param>
    /// <returns>The aggregate, or <see langword="null"/> when absent (or removed in this unit of work).</returns>
    TAggregate? Find(TId id);

    /// <summary>Loads every stored aggregate of this type. Prefer a specification or <see cref="Page"/> for large tables.</summary>
    /// <returns>All stored aggregates, in no particular order.</returns>
    IReadOnlyList<TAggregate> List();

    /// <summary>Loads every stored aggregate that satisfies <paramref name="specification"/>.</summary>
    /// <param name="specification">The filter.</param>
    /// <returns>The matching aggregates, in no particular order.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    IReadOnlyList<TAggregate> List(Specification<TAggregate> specification);

    /// <summary>Loads one stored aggregate that satisfies <paramref name="specification"/>, if any. Which one, when several match, is up to the store.</summary>
    /// <param name="specification">The filter.</param>
    /// <returns>A matching aggregate, or <see langword="null"/> when none matches.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    TAggregate? FirstOrDefault(Specification<TAggregate> specification);

    /// <summary>Loads one page of the stored aggregates that satisfy <paramref name="specification"/>, with the total number of matches.</summary>
    /// <param name="specification">The filter (<see cref="Specification{T}.All"/> for everything).</param>
    /// <param name="page">Which page, and the order.</param>
    /// <returns>The page; past the last page its items are empty and its total count is still correct.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification or a sort key; nothing was read.</exception>
    Page<TAggregate> Page(Specification<TAggregate> specification, PageRequest<TAggregate> page);

    /// <summary>Counts the stored aggregates that satisfy <paramref name="specification"/>, or all of them when it is <see langword="null"/>.</summary>
    /// <param name="specification">The filter, or <see langword="null"/> for all.</param>
    /// <returns>The count.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    long Count(Specification<TAggregate>? specification);

    /// <summary>Tells whether any stored aggregate satisfies <paramref name="specification"/>.</summary>
    /// <param name="specification">The filter.</param>
    /// <returns><see langword="true"/> when at least one matches.</returns>
    /// <exception cref="UntranslatableSpecificationException">The store cannot evaluate the specification; nothing was read.</exception>
    bool Exists(Specification<TAggregate> specification);
}
