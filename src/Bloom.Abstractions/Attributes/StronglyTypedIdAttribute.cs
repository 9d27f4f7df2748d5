namespace Bloom;

/// <summary>
/// Marks a <c>readonly partial struct</c> as a strongly typed identifier. Bloom generates the value wrapper,
/// <c>New()</c> (Guid backing only), <c>From</c>, <c>Parse</c>/<c>TryParse</c> (<see cref="ISpanParsable{TSelf}"/>),
/// equality, ordering, <c>ToString</c> and a System.Text.Json converter.
/// </summary>
/// <example><code>[StronglyTypedId] public readonly partial struct OrderId;</code></example>
[AttributeUsage(AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class StronglyTypedIdAttribute : Attribute
{
    /// <summary>Creates the attribute with a time-ordered <see cref="Guid"/> backing.</summary>
    public StronglyTypedIdAttribute()
    {
    }

    /// <summary>Creates the attribute with the given backing value type.</summary>
    /// <param name="backing">The raw value type stored inside the identifier.</param>
    public StronglyTypedIdAttribute(IdBacking backing) => Backing = backing;

    /// <summary>The raw value type stored inside the identifier.</summary>
    public IdBacking Backing { get; }
}
