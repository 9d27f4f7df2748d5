namespace Bloom;

/// <summary>
/// A strongly typed identifier over a raw <typeparamref name="TValue"/>. Implemented by the code Bloom generates for
/// <see cref="StronglyTypedIdAttribute"/>; persistence uses <see cref="Value"/> and <see cref="From"/> to map it without reflection.
/// </summary>
/// <typeparam name="TSelf">The identifier type itself.</typeparam>
/// <typeparam name="TValue">The raw value type (<see cref="Guid"/>, <see cref="long"/> or <see cref="string"/>).</typeparam>
public interface IStronglyTypedId<TSelf, TValue> : IEquatable<TSelf>, IComparable<TSelf>, ISpanParsable<TSelf>
    where TSelf : struct, IStronglyTypedId<TSelf, TValue>
    where TValue : notnull
{
    /// <summary>The raw value.</summary>
    TValue Value { get; }

    /// <summary>Wraps a raw value (for example one read from storage).</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The identifier.</returns>
    static abstract TSelf From(TValue value);
}
