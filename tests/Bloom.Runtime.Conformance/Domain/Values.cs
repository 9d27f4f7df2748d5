namespace Bloom.Runtime.Conformance.Domain;

public enum OrderStatus
{
    Draft = 0,
    Placed = 1,
    Shipped = 2,
    Cancelled = 5,
}

/// <summary>A single-value value object: stored as one column of its inner string.</summary>
[ValueObject]
public sealed partial record EmailAddress(string Value)
{
    private static void Validate(ref ValidationErrors errors, string value) =>
        errors.Ensure(value is not null && value.Contains('@', StringComparison.Ordinal), nameof(Value), "must contain '@'");
}

/// <summary>A multi-member value object of scalars: flattened into <c>{member}_amount</c> and <c>{member}_currency</c>.</summary>
/// <remarks>No validation on purpose: negative amounts and any scale must round-trip.</remarks>
[ValueObject]
public sealed partial record Money(decimal Amount, string Currency);

[DomainEvent(Name = "conformance.order-placed")]
public sealed partial record OrderPlaced(OrderId OrderId);

[DomainEvent(Name = "conformance.order-touched")]
public sealed partial record OrderTouched(OrderId OrderId);
