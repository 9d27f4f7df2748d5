using Bloom;

namespace Shop.Domain;

/// <summary>Identifies an <see cref="Order"/>.</summary>
[StronglyTypedId]
public readonly partial struct OrderId;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Placed, not shipped yet.</summary>
    Placed,

    /// <summary>Handed to the carrier.</summary>
    Shipped,
}

/// <summary>An order: placed for a customer with a total, then shipped once.</summary>
[Aggregate]
public sealed partial class Order
{
    /// <summary>The order's id.</summary>
    public OrderId Id { get; private set; }

    /// <summary>Who ordered.</summary>
    public string Customer { get; private set; } = "";

    /// <summary>What the order costs.</summary>
    public Money Total { get; private set; } = new(0m, "EUR");

    /// <summary>Where the order is in its life.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>Places a new order; raises <see cref="OrderPlaced"/>.</summary>
    /// <param name="customer">Who orders.</param>
    /// <param name="total">What it costs.</param>
    /// <returns>The order, not stored yet.</returns>
    public static Order Place(string customer, Money total)
    {
        var order = new Order { Id = OrderId.New(), Customer = customer, Total = total, Status = OrderStatus.Placed };
        order.Raise(new OrderPlaced(order.Id, customer, total));
        return order;
    }

    /// <summary>Ships the order.</summary>
    /// <exception cref="BusinessRuleViolationException">It was shipped already.</exception>
    public void Ship()
    {
        CheckRule(Status == OrderStatus.Placed, "ShipOnce", "an order ships once");
        Status = OrderStatus.Shipped;
    }
}
