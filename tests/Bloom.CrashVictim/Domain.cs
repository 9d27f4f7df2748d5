namespace Bloom.CrashVictim;

/// <summary>The event the victim's commits publish. The consumer (the test) has its own type with the same stable name and shape.</summary>
[DomainEvent(Name = "crash.order-placed")]
public sealed partial record OrderPlaced(int OrderNumber, string Customer);

[StronglyTypedId]
public readonly partial struct OrderId;

/// <summary>The business row: committed together with its outbox message.</summary>
[Aggregate]
public sealed partial class Order
{
    private Order(OrderId id, int number, string customer)
    {
        Id = id;
        Number = number;
        Customer = customer;
    }

    public OrderId Id { get; private set; }

    public int Number { get; private set; }

    public string Customer { get; private set; }

    public static Order Place(int number, string customer)
    {
        var order = new Order(OrderId.New(), number, customer);
        order.Raise(new OrderPlaced(number, customer));
        return order;
    }
}

[UnitOfWork]
public partial interface IShopUnitOfWork;
