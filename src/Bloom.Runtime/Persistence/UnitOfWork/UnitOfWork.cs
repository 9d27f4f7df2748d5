using Bloom.Messaging;

namespace Bloom.Persistence;

/// <summary>
/// The generic unit of work generated <c>[UnitOfWork]</c> implementations derive from: owns one <see cref="IStoreSession"/>, the
/// repositories created for it (each with its identity map), and commits all their changes in one store transaction.
/// Semantics are those documented on <see cref="IUnitOfWork"/>. Not thread-safe.
/// </summary>
public abstract class UnitOfWork : IUnitOfWork, ISyncUnitOfWork
{
    private readonly List<ITrackingRepository> _repositories = [];
    private readonly List<InboxEntry> _inbox = [];
    private readonly IEventDispatcher? _dispatcher;
    private readonly EventEnvelopeSerializer? _outbox;
    private IStoreSession? _session;
    private bool _disposed;

    /// <summary>Initialises a unit of work over <paramref name="store"/>, without event dispatch or outbox.</summary>
    /// <param name="store">The store; a session is opened on first use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is <see langword="null"/>.</exception>
    protected UnitOfWork(IAggregateStore store)
        : this(new UnitOfWorkServices(store ?? throw new ArgumentNullException(nameof(store))))
    {
    }

    /// <summary>Initialises a unit of work with its store, dispatcher and outbox (see <see cref="UnitOfWorkServices"/>).</summary>
    /// <param name="services">The services.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    protected UnitOfWork(UnitOfWorkServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Store = services.Store ?? throw new ArgumentException("UnitOfWorkServices.Store is null.", nameof(services));
        _dispatcher = services.Dispatcher;
        _outbox = services.Outbox;
    }

    /// <summary>The store this unit of work reads and writes.</summary>
    public IAggregateStore Store { get; }

    /// <summary>The correlation id written on the outbox messages of this unit of work's commits (e.g. the request or incoming message id).</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The causation id written on the outbox messages (the id of the message or command that caused this work).</summary>
    public string? CausationId { get; set; }

    /// <summary>
    /// Records that this unit of work handles message <paramref name="messageId"/> for <paramref name="consumer"/>: the next commit
    /// writes the inbox entry in its transaction, and fails with <see cref="DuplicateMessageException"/> (writing nothing) when the
    /// message was already handled by that consumer — so a redelivered message has no second effect.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="consumer">The consumer's stable name.</param>
    public void MarkHandled(Guid messageId, string consumer)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ThrowIfDisposed();
        _inbox.Add(new InboxEntry(messageId, consumer));
    }

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
    /// <exception cref="DuplicateMessageException">A message marked with <see cref="MarkHandled"/> was already handled; nothing was written.</exception>
    /// <exception cref="EventDispatchException">The commit succeeded, but in-process handlers of its events failed.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var (batch, events) = Prepare();
        if (!batch.IsEmpty)
        {
            await Session.CommitAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        AcceptCommit();
        if (_dispatcher is not null && events.Count > 0)
        {
            await _dispatcher.DispatchAsync(events, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="DuplicateMessageException">A message marked with <see cref="MarkHandled"/> was already handled; nothing was written.</exception>
    /// <exception cref="EventDispatchException">The commit succeeded, but in-process handlers of its events failed.</exception>
    public void Commit()
    {
        ThrowIfDisposed();
        var (batch, events) = Prepare();
        if (!batch.IsEmpty)
        {
            Session.Commit(batch);
        }

        AcceptCommit();
        if (_dispatcher is not null && events.Count > 0)
        {
            _dispatcher.Dispatch(events);
        }
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
        _inbox.Clear();
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

    // The rows to write and the events the written aggregates raised (copied: accepting the commit clears them).
    private (CommitBatch Batch, List<IDomainEvent> Events) Prepare()
    {
        var writes = new List<RowWrite>();
        var events = new List<IDomainEvent>();
        foreach (var repository in _repositories)
        {
            repository.CollectWrites(writes, events);
        }

        IReadOnlyList<EventEnvelope> outbox = [];
        if (_outbox is not null && events.Count > 0)
        {
            var envelopes = new EventEnvelope[events.Count];
            for (var i = 0; i < envelopes.Length; i++)
            {
                envelopes[i] = _outbox.Wrap(events[i], CorrelationId, CausationId);
            }

            outbox = envelopes;
        }

        return (new CommitBatch(writes, outbox, _inbox.Count == 0 ? [] : _inbox.ToArray()), events);
    }

    private void AcceptCommit()
    {
        _inbox.Clear();
        foreach (var repository in _repositories)
        {
            repository.AcceptCommit();
        }
    }
}

/// <summary>What the unit of work needs from each of its repositories.</summary>
internal interface ITrackingRepository
{
    /// <summary>Appends the writes the tracked aggregates need (inserts, changed rows, deletes) and the events they raised.</summary>
    void CollectWrites(List<RowWrite> writes, List<IDomainEvent> events);

    /// <summary>Records a successful commit of the writes last collected.</summary>
    void AcceptCommit();

    /// <summary>Forgets every tracked aggregate.</summary>
    void Reset();
}
