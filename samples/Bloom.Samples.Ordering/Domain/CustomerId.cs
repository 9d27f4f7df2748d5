namespace Bloom.Samples.Ordering.Domain;

/// <summary>Identifies a customer by the number the CRM assigns.</summary>
[StronglyTypedId(IdBacking.Long)]
public readonly partial struct CustomerId;
