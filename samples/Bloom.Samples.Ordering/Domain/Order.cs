namespace Bloom.Samples.Ordering.Domain;

/// <summary>An order: the aggregate root that owns its lines and guards their rules.</summary>
[Aggregate]
public sealed partial class Order
{
    private readonly List<OrderLine> _lines = [];

    private Order(OrderId id, CustomerId customerId, string currency)
    {
        Id = id;
        CustomerId = customerId;
        Currency = currency;
        Status = OrderStatus.Placed;
    }

    /// <summary>The order's identity.</summary>
    public OrderId Id { get; private set; }

    /// <summary>Who placed it.</summary>
    public CustomerId CustomerId { get; private set; }

    /// <summary>The currency every line is priced in.</summary>
    public string Currency { get; private set; }

    /// <summary>Where the order is in its life.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>The lines, read-only: change them through the order.</summary>
    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>The sum of all lines.</summary>
    public Money Total => _lines.Aggregate(Money.Zero(Currency), static (sum, line) => sum.Add(line.Total));

    /// <summary>Places a new order and raises <see cref="OrderPlaced"/>.</summary>
    /// <param name="customerId">Who places it.</param>
    /// <param name="currency">The currency of its prices.</param>
    /// <returns>The new order.</returns>
    public static Order Place(CustomerId customerId, string currency)
    {
        var order = new Order(OrderId.New(), customerId, currency);
        order.Raise(new OrderPlaced(order.Id, customerId));
        return order;
    }

    /// <summary>Adds a product, or more of one already on the order.</summary>
    /// <param name="sku">The product.</param>
    /// <param name="quantity">How many; at least 1.</param>
    /// <param name="unitPrice">The price of one, in the order's currency.</param>
    /// <exception cref="BusinessRuleViolationException">The order has shipped, the quantity is not positive or the currency differs.</exception>
    public void AddLine(string sku, int quantity, Money unitPrice)
    {
        ArgumentNullException.ThrowIfNull(unitPrice);
        CheckRule(Status == OrderStatus.Placed, "OnlyOpenOrdersChange", "lines can only be added before the order ships");
        CheckRule(quantity > 0, "PositiveQuantity", "the quantity must be at least 1");
        CheckRule(unitPrice.Currency == Currency, "OrderCurrency", $"prices must be in {Currency}");

        var line = _lines.Find(l => l.Sku == sku && l.UnitPrice == unitPrice);
        if (line is null)
        {
            line = new OrderLine(OrderLineId.New(), sku, quantity, unitPrice);
            _lines.Add(line);
        }
        else
        {
            line.Increase(quantity);
        }

        Raise(new OrderLineAdded(Id, line.Id, sku, quantity, unitPrice));
    }

    /// <summary>Ships the order to <paramref name="address"/>.</summary>
    /// <param name="address">Where it goes.</param>
    /// <exception cref="BusinessRuleViolationException">The order is empty or already shipped.</exception>
    public void Ship(ShippingAddress address)
    {
        CheckRule(new OrderMustHaveLines(_lines));
        CheckRule(Status == OrderStatus.Placed, "ShipOnce", "an order ships once");
        Status = OrderStatus.Shipped;
        Raise(new OrderShipped(Id, address));
    }

    private sealed class OrderMustHaveLines(List<OrderLine> lines) : IBusinessRule
    {
        public string Name => "OrderMustHaveLines";

        public string Message => "an order needs at least one line before it ships";

        public bool IsSatisfied() => lines.Count > 0;
    }
}
