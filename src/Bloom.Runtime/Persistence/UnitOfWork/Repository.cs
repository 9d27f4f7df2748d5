namespace Bloom.Persistence;

/// <summary>
/// The generic repository behind every generated typed repository (<c>IOrderRepository</c>): an identity map over one
/// <see cref="UnitOfWork"/>'s store session. Works with any <see cref="IAggregateStore"/> through the aggregate's generated
/// <see cref="AggregateMapping{TAggregate, TId}"/>. Semantics are those documented on <see cref="IRepository{TAggregate, TId}"/>.
/// </summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
/// <typeparam name="TId">Its identity type.</typeparam>
public partial class Repository<TAggregate, TId> : IRepository<TAggregate, TId>, ISyncRepository<TAggregate, TId>, ITrackingRepository
    where TAggregate : class, IPersistentAggregate<TAggregate, TId>
    where TId : notnull
{
    // Keyed by the id's stored value (a boxed Guid, long or string): the same key the store uses.
    private readonly Dictionary<object, Entry> _entries = [];
    private readonly UnitOfWork _unitOfWork;

    /// <summary>Creates the repository and registers it with <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The unit of work it belongs to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is <see langword="null"/>.</exception>
    public Repository(UnitOfWork unitOfWork)
    {
        _unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));
        unitOfWork.Register(this);
    }

    private enum EntryState
    {
        New,
        Loaded,
        Removed,
    }

    /// <summary>The aggregate's generated mapping.</summary>
    protected static AggregateMapping<TAggregate, TId> Mapping => TAggregate.Mapping;

    private IStoreSession Session => _unitOfWork.Session;

    /// <inheritdoc />
    public TAggregate Get(TId id) => Find(id) ?? throw NotFound(id);

    /// <inheritdoc />
    public async ValueTask<TAggregate> GetAsync(TId id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);

    /// <inheritdoc />
    public TAggregate? Find(TId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = Mapping.IdToStorage(id);
        if (_entries.TryGetValue(key, out var entry))
        {
            return entry.State == EntryState.Removed ? null : entry.Aggregate;
        }

        return Session.Load(Mapping, id) is { } row ? Materialize(row) : null;
    }

    /// <inheritdoc />
    public ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = Mapping.IdToStorage(id);
        if (_entries.TryGetValue(key, out var entry))
        {
            return new ValueTask<TAggregate?>(entry.State == EntryState.Removed ? null : entry.Aggregate);
        }

        var load = Session.LoadAsync(Mapping, id, cancellationToken);
        return load.IsCompletedSuccessfully
            ? new ValueTask<TAggregate?>(load.Result is { } row ? Materialize(row) : null)
            : Awaited(load);

        async ValueTask<TAggregate?> Awaited(ValueTask<StoredRow?> pending) =>
            await pending.ConfigureAwait(false) is { } row ? Materialize(row) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<TAggregate> List() => Materialize(Session.Query(Mapping, null, null, 0));

    /// <inheritdoc />
    public async Task<IReadOnlyList<TAggregate>> ListAsync(CancellationToken cancellationToken) =>
        Materialize(await Session.QueryAsync(Mapping, null, null, 0, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public IReadOnlyList<TAggregate> List(Specification<TAggregate> specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Materialize(Session.Query(Mapping, specification, null, 0));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TAggregate>> ListAsync(Specification<TAggregate> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Materialize(await Session.QueryAsync(Mapping, specification, null, 0, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public TAggregate? FirstOrDefault(Specification<TAggregate> specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var rows = Session.Query(Mapping, specification, null, 1);
        return rows.Count == 0 ? null : Materialize(rows[0]);
    }

    /// <inheritdoc />
    public async Task<TAggregate?> FirstOrDefaultAsync(Specification<TAggregate> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var rows = await Session.QueryAsync(Mapping, specification, null, 1, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : Materialize(rows[0]);
    }

    /// <inheritdoc />
    public Page<TAggregate> Page(Specification<TAggregate> specification, PageRequest<TAggregate> page)
    {
        ArgumentNullException.ThrowIfNull(specification);
        ArgumentNullException.ThrowIfNull(page);
        var rows = Session.Query(Mapping, specification, page, 0);
        var total = rows.Count < page.Size && (page.Page == 1 || rows.Count > 0)
            ? page.Skip + rows.Count
            : Session.Count(Mapping, specification);
        return new Page<TAggregate>(Materialize(rows), page.Page, page.Size, total);
    }

    /// <inheritdoc />
    public async Task<Page<TAggregate>> PageAsync(Specification<TAggregate> specification, PageRequest<TAggregate> page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        ArgumentNullException.ThrowIfNull(page);
        var rows = await Session.QueryAsync(Mapping, specification, page, 0, cancellationToken).ConfigureAwait(false);
        var total = rows.Count < page.Size && (page.Page == 1 || rows.Count > 0)
            ? page.Skip + rows.Count
            : await Session.CountAsync(Mapping, specification, cancellationToken).ConfigureAwait(false);
        return new Page<TAggregate>(Materialize(rows), page.Page, page.Size, total);
    }

    /// <inheritdoc />
    public long Count(Specification<TAggregate>? specification) => Session.Count(Mapping, specification);

    /// <inheritdoc />
    public async Task<long> CountAsync(Specification<TAggregate>? specification, CancellationToken cancellationToken) =>
        await Session.CountAsync(Mapping, specification, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public bool Exists(Specification<TAggregate> specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Session.Query(Mapping, specification, null, 1).Count > 0;
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(Specification<TAggregate> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return (await Session.QueryAsync(Mapping, specification, null, 1, cancellationToken).ConfigureAwait(false)).Count > 0;
    }

    private static AggregateNotFoundException NotFound(TId id) => new(Mapping.AggregateName, id);

    private TAggregate Materialize(StoredRow row)
    {
        var key = row.Values[0] ?? throw new InvalidOperationException($"A stored {Mapping.AggregateName} row has a null id.");
        if (_entries.TryGetValue(key, out var tracked))
        {
            return tracked.Aggregate; // the identity map wins: in-memory changes are never overwritten by a later read
        }

        var aggregate = Mapping.Reconstitute(row.Values, row.Version);
        _entries.Add(key, new Entry(aggregate, EntryState.Loaded, row.Values, row.Version));
        return aggregate;
    }

    private List<TAggregate> Materialize(List<StoredRow> rows)
    {
        var result = new List<TAggregate>(rows.Count);
        _entries.EnsureCapacity(_entries.Count + rows.Count);
        foreach (var row in rows)
        {
            var key = row.Values[0]!;
            if (_entries.TryGetValue(key, out var tracked))
            {
                if (tracked.State != EntryState.Removed)
                {
                    result.Add(tracked.Aggregate); // the identity map wins; removed ones are not handed out again
                }

                continue;
            }

            result.Add(Materialize(row));
        }

        return result;
    }

    private sealed class Entry(TAggregate aggregate, EntryState state, object?[]? snapshot, long version)
    {
        public TAggregate Aggregate { get; } = aggregate;

        public EntryState State { get; set; } = state;

        /// <summary>The row as last read or written: what "changed" is measured against.</summary>
        public object?[]? Snapshot { get; set; } = snapshot;

        /// <summary>The stored version the snapshot belongs to.</summary>
        public long Version { get; set; } = version;

        /// <summary>The row written by the commit in flight, if any.</summary>
        public object?[]? Pending { get; set; }

        public bool Written { get; set; }
    }
}
