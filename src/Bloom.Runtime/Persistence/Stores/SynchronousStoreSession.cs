namespace Bloom.Persistence;

/// <summary>
/// Base class for sessions over engines without asynchronous I/O (in-memory, SQLite): each asynchronous method checks its
/// cancellation token and then runs its synchronous twin, so an adapter implements only the synchronous half.
/// </summary>
public abstract class SynchronousStoreSession : IStoreSession
{
    /// <inheritdoc />
    public abstract StoredRow? Load<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, TId id)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <inheritdoc />
    public abstract List<StoredRow> Query<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, PageRequest<TAggregate>? page, int limit)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <inheritdoc />
    public abstract long Count<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull;

    /// <inheritdoc />
    public abstract void Commit(IReadOnlyList<RowWrite> writes);

    /// <inheritdoc />
    /// <remarks>This base writes row-only batches; a store that keeps an outbox and an inbox overrides it.</remarks>
    public virtual void Commit(CommitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Outbox.Count > 0 || batch.Inbox.Count > 0)
        {
            throw new NotSupportedException($"{GetType().Name} keeps no outbox or inbox; use a store that does (SQLite, in-memory) or disable the outbox.");
        }

        Commit(batch.Writes);
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(CommitBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Commit(batch);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public abstract void Dispose();

    /// <inheritdoc />
    public ValueTask<StoredRow?> LoadAsync<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, TId id, CancellationToken cancellationToken)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<StoredRow?>(Load(mapping, id));
    }

    /// <inheritdoc />
    public ValueTask<List<StoredRow>> QueryAsync<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, PageRequest<TAggregate>? page, int limit, CancellationToken cancellationToken)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<List<StoredRow>>(Query(mapping, specification, page, limit));
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, CancellationToken cancellationToken)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<long>(Count(mapping, specification));
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Commit(writes);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
