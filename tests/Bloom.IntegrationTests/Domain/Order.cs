namespace Bloom.IntegrationTests.Domain;

/// <summary>One line of an <see cref="Order"/> (plain data owned by the aggregate).</summary>
public sealed record OrderLine(Sku Sku, int Quantity, Money UnitPrice)
{
    public Money Total => new(UnitPrice.Amount * Quantity, UnitPrice.Currency);
}

/// <summary>A sealed aggregate: private <c>Raise</c>/<c>CheckRule</c>.</summary>
[Aggregate]
public sealed partial class Order
{
    private readonly List<OrderLine> _lines = [];

    private Order(OrderId id, CustomerNumber customer, string currency)
    {
        Id = id;
        Customer = customer;
        Currency = currency;
        Status = OrderStatus.Placed;
    }

    public OrderId Id { get; }

    public CustomerNumber Customer { get; }

    public string Currency { get; }

    public OrderStatus Status { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public Money Total => _lines.Aggregate(Money.Zero(Currency), static (sum, line) => sum.Add(line.Total));

    public static Order Place(CustomerNumber customer, PersonName customerName, string currency)
    {
        var order = new Order(OrderId.New(), customer, currency);
        order.Raise(new OrderPlaced(order.Id, customer, customerName, currency));
        return order;
    }

    /// <summary>Reconstitutes a stored order (no events raised).</summary>
    public static Order Load(OrderId id, CustomerNumber customer, string currency) => new(id, customer, currency);

    public void AddLine(Sku sku, int quantity, Money unitPrice)
    {
        ArgumentNullException.ThrowIfNull(unitPrice);
        CheckRule(Status == OrderStatus.Placed, "OnlyOpenOrdersChange", "lines can only be added while the order is placed");
        CheckRule(quantity > 0, "PositiveQuantity", "the quantity must be at least 1");
        CheckRule(new SameCurrencyRule(Currency, unitPrice));
        _lines.Add(new OrderLine(sku, quantity, unitPrice));
        Raise(new OrderLineAdded(Id, sku, quantity, unitPrice));
    }

    public void Cancel(string reason, CancellationKind kind)
    {
        CheckRule(Status == OrderStatus.Placed, "CancelOnce", "only a placed order can be cancelled");
        Status = OrderStatus.Cancelled;
        Raise(new OrderCancelled(Id, reason, kind));
    }

    public void ScheduleShipment(DateOnly shipOn, ShippingSpeed speed, Coordinates destination, string? note)
    {
        CheckRule(new OrderMustHaveLines(_lines));
        CheckRule(Status == OrderStatus.Placed, "ScheduleOnce", "only a placed order can be scheduled");
        Status = OrderStatus.ShipmentScheduled;
        Raise(new ShipmentScheduled(
            Id,
            shipOn,
            speed,
            note,
            [.. _lines.Select(static l => l.Sku)],
            _lines.Sum(static l => l.Quantity) * 0.5m,
            destination,
            null,
            speed == ShippingSpeed.SameDay ? 1 : null,
            null,
            new TagList([.. _lines.Select(static l => l.Sku.Value)], [.. _lines.Select(static l => l.Quantity)]),
            new Route(["warehouse", "hub"])));
    }

    private sealed class SameCurrencyRule(string currency, Money price) : IBusinessRule
    {
        public string Name => "OrderCurrency";

        public string Message => $"prices must be in {currency}, not {price.Currency}";

        public bool IsSatisfied() => price.Currency == currency;
    }

    private sealed class OrderMustHaveLines(List<OrderLine> lines) : IBusinessRule
    {
        public string Name => "OrderMustHaveLines";

        public string Message => "an order needs at least one line before it ships";

        public bool IsSatisfied() => lines.Count > 0;
    }
}
