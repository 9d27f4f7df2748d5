using Bloom;

namespace Shop.Domain;

/// <summary>An amount in a currency; stored as two columns (<c>total_amount</c>, <c>total_currency</c>).</summary>
/// <param name="Amount">The amount, never negative.</param>
/// <param name="Currency">The three-letter ISO code.</param>
[ValueObject]
public sealed partial record Money(decimal Amount, string Currency)
{
    private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
    {
        errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
        errors.Ensure(currency is { Length: 3 }, nameof(Currency), "must be a three-letter ISO code");
    }
}
