namespace Bloom.IntegrationTests.Domain;

/// <summary>Guid-backed (UUID v7) id: the default backing.</summary>
[StronglyTypedId]
public readonly partial struct OrderId;

/// <summary>Guid-backed id of the event-sourced account.</summary>
[StronglyTypedId(IdBacking.Guid)]
public readonly partial struct AccountId;

/// <summary>Guid-backed id of the subscription (non-sealed aggregate).</summary>
[StronglyTypedId]
public readonly partial struct SubscriptionId;

/// <summary>Long-backed id: a number assigned by another system.</summary>
[StronglyTypedId(IdBacking.Long)]
public readonly partial struct CustomerNumber;

/// <summary>String-backed id: a natural key.</summary>
[StronglyTypedId(IdBacking.String)]
public readonly partial struct Sku;
