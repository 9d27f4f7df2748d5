namespace Bloom.Runtime.Conformance.Support;

/// <summary>A hand-written unit of work over the test domain (what a generated <c>[UnitOfWork]</c> would be).</summary>
public sealed class ShopUow(IAggregateStore store) : UnitOfWork(store)
{
    private Repository<Order, OrderId>? _orders;
    private Repository<Customer, CustomerNumber>? _customers;
    private Repository<Counter, CounterName>? _counters;

    public Repository<Order, OrderId> Orders => _orders ??= new(this);

    public Repository<Customer, CustomerNumber> Customers => _customers ??= new(this);

    public Repository<Counter, CounterName> Counters => _counters ??= new(this);
}

/// <summary>Begins a <see cref="ShopUow"/> per call, for <see cref="ConcurrencyRetry"/>.</summary>
public sealed class ShopUowFactory(IAggregateStore store) : IUnitOfWorkFactory<ShopUow>
{
    public ShopUow Begin() => new(store);
}
