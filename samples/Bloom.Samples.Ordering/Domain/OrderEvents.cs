namespace Bloom.Samples.Ordering.Domain;

/// <summary>A customer placed an order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">Who placed it.</param>
[DomainEvent(Name = "ordering.order-placed")]
public sealed partial record OrderPlaced(OrderId OrderId, CustomerId CustomerId);

/// <summary>A line was added to an order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="LineId">The new line.</param>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The price of one.</param>
[DomainEvent(Name = "ordering.order-line-added")]
public sealed partial record OrderLineAdded(OrderId OrderId, OrderLineId LineId, string Sku, int Quantity, Money UnitPrice);

/// <summary>An order left the warehouse.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Address">Where it goes.</param>
[DomainEvent(Name = "ordering.order-shipped")]
public sealed partial record OrderShipped(OrderId OrderId, ShippingAddress Address);
