namespace Bloom.IntegrationTests.Domain;

public enum OrderStatus
{
    Placed,
    Cancelled,
    ShipmentScheduled,
}

public enum ShippingSpeed
{
    Standard,
    Express,
    SameDay,
}

public enum CancellationKind
{
    CustomerRequest = 1,
    OutOfStock = 2,
    Fraud = 3,
}
