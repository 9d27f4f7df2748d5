namespace Bloom.RabbitMQ.Tests.Domain;

/// <summary>What a producer publishes.</summary>
[DomainEvent(Name = "rmqtests.order-placed")]
public sealed partial record OrderPlaced(int OrderNumber, string Customer);

/// <summary>A second event type, bound to a queue too.</summary>
[DomainEvent(Name = "rmqtests.order-cancelled")]
public sealed partial record OrderCancelled(int OrderNumber);

/// <summary>No queue is bound for this one: publishing it is unroutable.</summary>
[DomainEvent(Name = "rmqtests.nobody-listens")]
public sealed partial record NobodyListens(int Value);

[StronglyTypedId]
public readonly partial struct ReceiptId;

/// <summary>
/// The consumer's effect: one row per handled message, with an id of its own (not derived from the message), so applying a
/// message twice would show up as two rows.
/// </summary>
[Aggregate]
public sealed partial class Receipt
{
    private Receipt(ReceiptId id, Guid messageId, string consumer, int orderNumber)
    {
        Id = id;
        MessageId = messageId;
        Consumer = consumer;
        OrderNumber = orderNumber;
    }

    public ReceiptId Id { get; private set; }

    public Guid MessageId { get; private set; }

    public string Consumer { get; private set; }

    public int OrderNumber { get; private set; }

    public static Receipt For(Guid messageId, string consumer, int orderNumber) => new(ReceiptId.New(), messageId, consumer, orderNumber);
}

[UnitOfWork]
public partial interface IReceiptsUnitOfWork;

[StronglyTypedId]
public readonly partial struct ShopOrderId;

/// <summary>The producer side: placing an order raises <see cref="OrderPlaced"/> (or, for the unroutable test, <see cref="NobodyListens"/>).</summary>
[Aggregate]
public sealed partial class ShopOrder
{
    private ShopOrder(ShopOrderId id, int number)
    {
        Id = id;
        Number = number;
    }

    public ShopOrderId Id { get; private set; }

    public int Number { get; private set; }

    public static ShopOrder Place(int number, string customer)
    {
        var order = new ShopOrder(ShopOrderId.New(), number);
        order.Raise(new OrderPlaced(number, customer));
        return order;
    }

    public static ShopOrder PlaceUnheard(int number)
    {
        var order = new ShopOrder(ShopOrderId.New(), number);
        order.Raise(new NobodyListens(number));
        return order;
    }
}

/// <summary>The crash victim's event, seen from the consumer: its own type, the same stable name and JSON shape.</summary>
[DomainEvent(Name = "crash.order-placed")]
public sealed partial record CrashOrderPlaced(int OrderNumber, string Customer);
