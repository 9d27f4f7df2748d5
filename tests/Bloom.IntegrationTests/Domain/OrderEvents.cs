namespace Bloom.IntegrationTests.Domain;

[DomainEvent]
public sealed partial record OrderPlaced(OrderId OrderId, CustomerNumber Customer, PersonName CustomerName, string Currency);

[DomainEvent]
public sealed partial record OrderLineAdded(OrderId OrderId, Sku Sku, int Quantity, Money UnitPrice);

[DomainEvent]
public sealed partial record OrderCancelled(OrderId OrderId, string Reason, CancellationKind Kind);

/// <summary>An event with a custom stable name, schema version 2 and members of many kinds.</summary>
[DomainEvent(Name = "shipping.shipment-scheduled", Version = 2)]
public sealed partial record ShipmentScheduled(
    OrderId OrderId,
    DateOnly ShipOn,
    ShippingSpeed Speed,
    string? Note,
    List<Sku> Items,
    decimal WeightKg,
    Coordinates Destination,
    Temperature? MaxTemperature,
    int? Priority,
    OrderId? ReplacesOrder,
    TagList Tags,
    Route Route);

/// <summary>A domain event declared as a class with required init properties.</summary>
[DomainEvent]
public sealed partial class CustomerRenamed
{
    public required CustomerNumber Customer { get; init; }

    public required PersonName NewName { get; init; }

    public PersonName? PreviousName { get; init; }
}

/// <summary>An outer type holding a nested domain event.</summary>
public partial class Billing
{
    [DomainEvent]
    public sealed partial record InvoiceIssued(CustomerNumber Customer, Money Amount, DateOnly DueOn);
}
