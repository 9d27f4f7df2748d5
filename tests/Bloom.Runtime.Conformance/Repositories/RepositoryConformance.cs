namespace Bloom.Runtime.Conformance.Repositories;

/// <summary>
/// The conformance suite of the persistence ports (<see cref="IReadRepository{TAggregate, TId}"/>,
/// <see cref="IRepository{TAggregate, TId}"/>, <see cref="IUnitOfWork"/> and their synchronous twins) as their XML docs
/// describe them, driven through the runtime's <see cref="UnitOfWork"/> and <see cref="Repository{TAggregate, TId}"/> over one
/// <see cref="IAggregateStore"/>. Every adapter runs it through a subclass that only says how to create the store.
/// </summary>
public abstract partial class RepositoryConformance
{
    private StoreAdapter? _adapter;

    protected StoreAdapter Adapter => _adapter ?? throw new InvalidOperationException("SetUp has not run.");

    protected IAggregateStore Store => Adapter.Store;

    /// <summary>Creates a fresh, empty store with the test domain's tables.</summary>
    protected abstract Task<StoreAdapter> CreateAdapterAsync();

    [SetUp]
    public async Task CreateStore() => _adapter = await CreateAdapterAsync();

    [TearDown]
    public async Task DisposeStore()
    {
        if (_adapter is not null)
        {
            await _adapter.DisposeAsync();
            _adapter = null;
        }
    }

    protected Uow Begin(Api api = Api.Async) => new(new ShopUow(Store), api);

    /// <summary>Adds and commits orders in their own unit of work; returns them (at version 1).</summary>
    protected async Task<List<Order>> SeedAsync(params OrderDraft[] drafts)
    {
        var orders = drafts.Select(d => Order.Create(OrderId.New(), d)).ToList();
        await using var uow = Begin();
        await uow.Orders.AddRange(orders);
        await uow.Commit();
        return orders;
    }

    protected async Task<Order> SeedAsync(int n = 1) => (await SeedAsync(OrderSamples.Draft(n)))[0];

    protected async Task<Customer> SeedCustomerAsync(long number)
    {
        var customer = OrderSamples.NewCustomer(number);
        await using var uow = Begin();
        await uow.Customers.Add(customer);
        await uow.Commit();
        return customer;
    }

    /// <summary>The store's full state through a fresh unit of work (see <see cref="OrderSamples.Dump"/>).</summary>
    protected string Dump() => OrderSamples.Dump(Store);

    /// <summary>The stored version of an order, read in a fresh unit of work; null when absent.</summary>
    protected async Task<long?> StoredVersionAsync(OrderId id)
    {
        await using var uow = Begin();
        return (await uow.Orders.Find(id))?.Version;
    }

    protected async Task<Order?> LoadFreshAsync(OrderId id)
    {
        await using var uow = Begin();
        return await uow.Orders.Find(id);
    }
}

[TestFixture]
public sealed class InMemoryRepositoryConformance : RepositoryConformance
{
    protected override async Task<StoreAdapter> CreateAdapterAsync() => await InMemoryStoreAdapter.CreateAsync();
}

[TestFixture]
public sealed class SqliteRepositoryConformance : RepositoryConformance
{
    protected override async Task<StoreAdapter> CreateAdapterAsync() => await SqliteStoreAdapter.CreateAsync();

    /// <summary>
    /// On a database that cannot be opened (a file in a missing directory), a translatable query fails with a store error while
    /// an untranslatable one still fails with <see cref="UntranslatableSpecificationException"/>: translation happens before the
    /// store is touched. (The in-memory store proves the same with <see cref="UntranslatableProbe"/>.)
    /// </summary>
    [Test]
    public async Task Translation_fails_before_the_database_is_opened()
    {
        var unreachable = ((SqliteStoreAdapter)Adapter).CreateUnreachableStore();
        await using var uow = new Uow(new ShopUow(unreachable), Api.Sync);
        var translatable = Specification<Order>.Where(o => o.Priority > 3);
        var untranslatable = Specification<Order>.Where(o => o.Reference.ToLowerInvariant() == "x");

        Assert.That(() => uow.Orders.Count(translatable), Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>(), "the database really cannot be opened");
        Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.List(untranslatable));
        Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Count(untranslatable));
        Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Exists(untranslatable));
        Assert.ThrowsAsync<UntranslatableSpecificationException>(() => uow.Orders.Page(Specification<Order>.All, PageRequest.Of<Order>(1, 5).OrderBy(o => o.Lines.Count)));
    }
}
