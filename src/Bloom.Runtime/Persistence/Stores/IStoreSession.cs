namespace Bloom.Persistence;

/// <summary>
/// One unit of work's conversation with an <see cref="IAggregateStore"/>: reads of committed rows and one atomic write per commit.
/// Not thread-safe (a unit of work is used from one logical flow). Async methods honour cancellation; the SQLite adapter runs
/// them synchronously, as Microsoft.Data.Sqlite itself does.
/// </summary>
public interface IStoreSession : IDisposable, IAsyncDisposable
{
    /// <summary>Reads the committed row with the given id.</summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <typeparam name="TId">Its identity type.</typeparam>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <param name="id">The id.</param>
    /// <returns>The row, or <see langword="null"/> when absent.</returns>
    StoredRow? Load<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, TId id)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <inheritdoc cref="Load{TAggregate, TId}"/>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<StoredRow?> LoadAsync<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, TId id, CancellationToken cancellationToken)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <summary>
    /// Reads the committed rows that satisfy <paramref name="specification"/> (all when <see langword="null"/>), ordered by the page's
    /// sort keys then by id, and limited to the page when one is given.
    /// </summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <typeparam name="TId">Its identity type.</typeparam>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <param name="specification">The filter, or <see langword="null"/>.</param>
    /// <param name="page">The page and order, or <see langword="null"/> for all rows in no particular order.</param>
    /// <param name="limit">At most this many rows when there is no page (1 for <c>FirstOrDefault</c>); 0 for no limit.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="UntranslatableSpecificationException">The specification or a sort key cannot be evaluated by the store; nothing was read.</exception>
    List<StoredRow> Query<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, PageRequest<TAggregate>? page, int limit)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <inheritdoc cref="Query{TAggregate, TId}"/>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <param name="specification">The filter, or <see langword="null"/>.</param>
    /// <param name="page">The page and order, or <see langword="null"/>.</param>
    /// <param name="limit">At most this many rows when there is no page; 0 for no limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<List<StoredRow>> QueryAsync<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, PageRequest<TAggregate>? page, int limit, CancellationToken cancellationToken)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <summary>Counts the committed rows that satisfy <paramref name="specification"/> (all when <see langword="null"/>).</summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <typeparam name="TId">Its identity type.</typeparam>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <param name="specification">The filter, or <see langword="null"/>.</param>
    /// <returns>The count.</returns>
    /// <exception cref="UntranslatableSpecificationException">The specification cannot be evaluated by the store; nothing was read.</exception>
    long Count<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <inheritdoc cref="Count{TAggregate, TId}"/>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <param name="specification">The filter, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<long> CountAsync<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, CancellationToken cancellationToken)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <summary>
    /// Applies all <paramref name="writes"/> atomically: inserts (failing with <see cref="ConcurrencyException"/> when the id exists),
    /// updates and deletes guarded by <see cref="RowWrite.ExpectedVersion"/> (failing with <see cref="ConcurrencyException"/>, carrying
    /// the expected and actual versions, when the stored version differs or the row is gone). On any failure nothing is written.
    /// </summary>
    /// <param name="writes">The writes, in order.</param>
    /// <exception cref="ConcurrencyException">A version check failed; nothing was written.</exception>
    void Commit(IReadOnlyList<RowWrite> writes);

    /// <inheritdoc cref="Commit(IReadOnlyList{RowWrite})"/>
    /// <param name="writes">The writes, in order.</param>
    /// <param name="cancellationToken">Cancels the commit before it starts writing; a cancelled commit writes nothing.</param>
    ValueTask CommitAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a whole <see cref="CommitBatch"/> atomically: the row writes as <see cref="Commit(IReadOnlyList{RowWrite})"/> does, plus
    /// its outbox messages and inbox entries in the same transaction. Nothing is written on any failure.
    /// </summary>
    /// <param name="batch">The batch.</param>
    /// <exception cref="ConcurrencyException">A version check failed; nothing was written.</exception>
    /// <exception cref="DuplicateMessageException">An inbox entry already exists; nothing was written.</exception>
    /// <exception cref="NotSupportedException">The batch has outbox or inbox entries and the store keeps neither.</exception>
    void Commit(CommitBatch batch);

    /// <inheritdoc cref="Commit(CommitBatch)"/>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Cancels the commit before it starts writing.</param>
    ValueTask CommitAsync(CommitBatch batch, CancellationToken cancellationToken);
}

/// <summary>A committed row: one logical value per mapped column, and the stored version.</summary>
/// <param name="Values">The values, in column order (the id first).</param>
/// <param name="Version">The stored version (1 after the first commit).</param>
public readonly record struct StoredRow(object?[] Values, long Version);

/// <summary>What a commit does to one row.</summary>
public enum RowWriteKind
{
    /// <summary>Insert a new row at version 1.</summary>
    Insert,

    /// <summary>Replace a row's values when its version is still the expected one, and bump the version.</summary>
    Update,

    /// <summary>Delete a row when its version is still the expected one.</summary>
    Delete,
}

/// <summary>One row change in a commit.</summary>
/// <param name="Mapping">The aggregate's mapping (table and columns).</param>
/// <param name="Kind">Insert, update or delete.</param>
/// <param name="Id">The id's stored value (the first value of the row).</param>
/// <param name="Values">The new values (insert and update); <see langword="null"/> for a delete.</param>
/// <param name="ExpectedVersion">The version the row must have (0 for an insert).</param>
/// <param name="DisplayId">The id as the aggregate knows it, for exception messages.</param>
public sealed record RowWrite(AggregateMapping Mapping, RowWriteKind Kind, object Id, object?[]? Values, long ExpectedVersion, object DisplayId)
{
    /// <summary>The version the row has after the commit (<see cref="ExpectedVersion"/> + 1; unused for a delete).</summary>
    public long NewVersion => ExpectedVersion + 1;
}
