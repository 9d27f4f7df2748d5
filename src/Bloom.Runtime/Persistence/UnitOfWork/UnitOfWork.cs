namespace Bloom.Persistence;

/// <summary>
/// The generic unit of work generated <c>[UnitOfWork]</c> implementations derive from: owns one <see cref="IStoreSession"/>, the
/// repositories created for it (each with its identity map), and commits all their changes in one store transaction.
/// Semantics are those documented on <see cref="IUnitOfWork"/>. Not thread-safe.
/// </summary>
public abstract class UnitOfWork : IUnitOfWork, ISyncUnitOfWork
{
    private readonly List<ITrackingRepository> _repositories = [];
    private IStoreSession? _session;
    private bool _disposed;

    /// <summary>Initialises a unit of work over <paramref name="store"/>.</summary>
    /// <param name="store">The store; a session is opened on first use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is <see langword="null"/>.</exception>
    protected UnitOfWork(IAggregateStore store)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>The store this unit of work reads and writes.</summary>
    public IAggregateStore Store { get; }

    /// <summary>The session, opened on first use.</summary>
    internal IStoreSession Session
    {
        get
        {
            ThrowIfDisposed();
            return _session ??= Store.OpenSession();
        }
    }

    /// <inheritdoc />
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var writes = CollectWrites();
        if (writes.Count > 0)
        {
            await Session.CommitAsync(writes, cancellationToken).ConfigureAwait(false);
        }

        AcceptCommit();
    }

    /// <inheritdoc />
    public void Commit()
    {
        ThrowIfDisposed();
        var writes = CollectWrites();
        if (writes.Count > 0)
        {
            Session.Commit(writes);
        }

        AcceptCommit();
    }

    /// <inheritdoc />
    public Task RollbackAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Rollback();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Rollback()
    {
        ThrowIfDisposed();
        foreach (var repository in _repositories)
        {
            repository.Reset();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var repository in _repositories)
        {
            repository.Reset();
        }

        _session?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var repository in _repositories)
        {
            repository.Reset();
        }

        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Called by <see cref="Repository{TAggregate, TId}"/>'s constructor.</summary>
    internal void Register(ITrackingRepository repository)
    {
        ThrowIfDisposed();
        _repositories.Add(repository);
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> when disposed.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private List<RowWrite> CollectWrites()
    {
        var writes = new List<RowWrite>();
        foreach (var repository in _repositories)
        {
            repository.CollectWrites(writes);
        }

        return writes;
    }

    private void AcceptCommit()
    {
        foreach (var repository in _repositories)
        {
            repository.AcceptCommit();
        }
    }
}

/// <summary>What the unit of work needs from each of its repositories.</summary>
internal interface ITrackingRepository
{
    /// <summary>Appends the writes the tracked aggregates need (inserts, changed rows, deletes).</summary>
    void CollectWrites(List<RowWrite> writes);

    /// <summary>Records a successful commit of the writes last collected.</summary>
    void AcceptCommit();

    /// <summary>Forgets every tracked aggregate.</summary>
    void Reset();
}
