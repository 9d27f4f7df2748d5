namespace Bloom.Runtime.Conformance.Domain;

/// <summary>Guid-backed id (the default backing): the key of <see cref="Order"/>.</summary>
[StronglyTypedId]
public readonly partial struct OrderId;

/// <summary>Guid-backed id of an order line (inside the JSON column).</summary>
[StronglyTypedId]
public readonly partial struct LineId;

/// <summary>Long-backed id: the key of <see cref="Customer"/>, and a column of <see cref="Order"/>.</summary>
[StronglyTypedId(IdBacking.Long)]
public readonly partial struct CustomerNumber;

/// <summary>String-backed id: a column of <see cref="Order"/> and of each line.</summary>
[StronglyTypedId(IdBacking.String)]
public readonly partial struct Sku;

/// <summary>String-backed id: the key of <see cref="Counter"/>.</summary>
[StronglyTypedId(IdBacking.String)]
public readonly partial struct CounterName;
