namespace Bloom.Samples.Ordering.Domain;

/// <summary>An amount in a currency. Bloom generates equality, <c>Create</c>/<c>TryCreate</c> and runs <see cref="Validate"/> on every construction.</summary>
/// <param name="Amount">The amount; never negative.</param>
/// <param name="Currency">The ISO 4217 currency code, e.g. <c>EUR</c>.</param>
[ValueObject]
public sealed partial record Money(decimal Amount, string Currency)
{
    /// <summary>Zero in <paramref name="currency"/>.</summary>
    /// <param name="currency">The currency code.</param>
    /// <returns>A zero amount.</returns>
    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="BusinessRuleViolationException">The currencies differ.</exception>
    public Money Add(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Currency != Currency)
        {
            throw new BusinessRuleViolationException("SameCurrency", $"cannot add {other.Currency} to {Currency}");
        }

        return new Money(Amount + other.Amount, Currency);
    }

    /// <summary>Multiplies the amount by a quantity.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <returns>The product.</returns>
    public Money Times(int quantity) => new(Amount * quantity, Currency);

    private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
    {
        errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
        errors.Ensure(currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper), nameof(Currency), "must be a three-letter upper-case ISO 4217 code");
    }
}
