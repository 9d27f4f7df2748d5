namespace Bloom.IntegrationTests.Domain;

/// <summary>A class value object (generated constructor) with a sequence, a set and a dictionary member.</summary>
[ValueObject]
public sealed partial class ProductSheet
{
    /// <summary>Description lines, in order.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Labels; order does not matter.</summary>
    public IReadOnlySet<string> Labels { get; }

    /// <summary>Stock per warehouse; order does not matter.</summary>
    public IReadOnlyDictionary<string, int> Stock { get; }

    private static void Validate(ref ValidationErrors errors, IReadOnlyList<string> lines, IReadOnlySet<string> labels, IReadOnlyDictionary<string, int> stock)
    {
        errors.Ensure(lines is { Count: > 0 }, nameof(Lines), "needs at least one line");
        errors.Ensure(labels is not null, nameof(Labels), "is required");
        errors.Ensure(stock is null || stock.Values.All(static v => v >= 0), nameof(Stock), "must not be negative");
    }
}
