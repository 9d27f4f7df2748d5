namespace Bloom.Samples.Ordering.Domain;

/// <summary>Where an order goes. A class value object with a collection member: lines compare element by element.</summary>
[ValueObject]
public sealed partial class ShippingAddress
{
    /// <summary>The street lines, in order.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The ISO 3166 country code.</summary>
    public string Country { get; }

    private static void Validate(ref ValidationErrors errors, IReadOnlyList<string> lines, string country)
    {
        errors.Ensure(lines is { Count: > 0 }, nameof(Lines), "needs at least one line");
        errors.Ensure(country is { Length: 2 }, nameof(Country), "must be a two-letter ISO 3166 code");
    }
}
