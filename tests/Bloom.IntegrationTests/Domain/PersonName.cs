namespace Bloom.IntegrationTests.Domain;

/// <summary>A class value object with a nullable member.</summary>
[ValueObject]
public sealed partial class PersonName
{
    public string First { get; }

    public string? Middle { get; }

    public string Last { get; }

    private static void Validate(ref ValidationErrors errors, string first, string? middle, string last)
    {
        errors.Ensure(!string.IsNullOrWhiteSpace(first), nameof(First), "is required");
        errors.Ensure(middle is null || middle.Length > 0, nameof(Middle), "must be null or non-empty");
        errors.Ensure(!string.IsNullOrWhiteSpace(last), nameof(Last), "is required");
    }
}
