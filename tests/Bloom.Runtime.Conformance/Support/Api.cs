namespace Bloom.Runtime.Conformance.Support;

/// <summary>Which face of the ports a test drives: the synchronous or the asynchronous one.</summary>
public enum Api
{
    Sync,
    Async,
}

/// <summary>
/// A repository seen through one face of its ports (<see cref="ISyncRepository{TAggregate, TId}"/> or
/// <see cref="IRepository{TAggregate, TId}"/>), so one test body covers both.
/// </summary>
public sealed class Repo<TAggregate, TId>(Repository<TAggregate, TId> repository, Api api)
    where TAggregate : class, IPersistentAggregate<TAggregate, TId>
    where TId : notnull
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IRepository<TAggregate, TId> _async = repository;
    private readonly ISyncRepository<TAggregate, TId> _sync = repository;

    public async Task<TAggregate> Get(TId id) => api == Api.Async ? await _async.GetAsync(id, None) : _sync.Get(id);

    public async Task<TAggregate?> Find(TId id) => api == Api.Async ? await _async.FindAsync(id, None) : _sync.Find(id);

    public async Task<IReadOnlyList<TAggregate>> List() => api == Api.Async ? await _async.ListAsync(None) : _sync.List();

    public async Task<IReadOnlyList<TAggregate>> List(Specification<TAggregate> spec) =>
        api == Api.Async ? await _async.ListAsync(spec, None) : _sync.List(spec);

    public async Task<TAggregate?> FirstOrDefault(Specification<TAggregate> spec) =>
        api == Api.Async ? await _async.FirstOrDefaultAsync(spec, None) : _sync.FirstOrDefault(spec);

    public async Task<Page<TAggregate>> Page(Specification<TAggregate> spec, PageRequest<TAggregate> page) =>
        api == Api.Async ? await _async.PageAsync(spec, page, None) : _sync.Page(spec, page);

    public async Task<long> Count(Specification<TAggregate>? spec) => api == Api.Async ? await _async.CountAsync(spec, None) : _sync.Count(spec);

    public async Task<bool> Exists(Specification<TAggregate> spec) => api == Api.Async ? await _async.ExistsAsync(spec, None) : _sync.Exists(spec);

    public async Task Add(TAggregate aggregate)
    {
        if (api == Api.Async)
        {
            await _async.AddAsync(aggregate, None);
        }
        else
        {
            _sync.Add(aggregate);
        }
    }

    public async Task AddRange(IEnumerable<TAggregate> aggregates)
    {
        if (api == Api.Async)
        {
            await _async.AddRangeAsync(aggregates, None);
        }
        else
        {
            _sync.AddRange(aggregates);
        }
    }

    public void Remove(TAggregate aggregate)
    {
        if (api == Api.Async)
        {
            _async.Remove(aggregate);
        }
        else
        {
            _sync.Remove(aggregate);
        }
    }

    public void RemoveRange(IEnumerable<TAggregate> aggregates)
    {
        if (api == Api.Async)
        {
            _async.RemoveRange(aggregates);
        }
        else
        {
            _sync.RemoveRange(aggregates);
        }
    }
}

/// <summary>A <see cref="ShopUow"/> seen through <see cref="IUnitOfWork"/> or <see cref="ISyncUnitOfWork"/>.</summary>
public sealed class Uow(ShopUow unitOfWork, Api api) : IAsyncDisposable
{
    public ShopUow Inner => unitOfWork;

    public Repo<Order, OrderId> Orders { get; } = new(unitOfWork.Orders, api);

    public Repo<Customer, CustomerNumber> Customers { get; } = new(unitOfWork.Customers, api);

    public Repo<Counter, CounterName> Counters { get; } = new(unitOfWork.Counters, api);

    public async Task Commit()
    {
        if (api == Api.Async)
        {
            await ((IUnitOfWork)unitOfWork).CommitAsync(CancellationToken.None);
        }
        else
        {
            ((ISyncUnitOfWork)unitOfWork).Commit();
        }
    }

    public async Task Rollback()
    {
        if (api == Api.Async)
        {
            await ((IUnitOfWork)unitOfWork).RollbackAsync(CancellationToken.None);
        }
        else
        {
            ((ISyncUnitOfWork)unitOfWork).Rollback();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (api == Api.Async)
        {
            await ((IAsyncDisposable)unitOfWork).DisposeAsync();
        }
        else
        {
            ((IDisposable)unitOfWork).Dispose();
        }
    }
}
