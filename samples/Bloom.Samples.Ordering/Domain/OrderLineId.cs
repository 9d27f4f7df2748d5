namespace Bloom.Samples.Ordering.Domain;

/// <summary>Identifies a line within an order.</summary>
[StronglyTypedId]
public readonly partial struct OrderLineId;
