namespace Bloom.IntegrationTests.Domain;

/// <summary>A positional sealed record value object with validation.</summary>
[ValueObject]
public sealed partial record Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public Money Add(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Currency != Currency)
        {
            throw new BusinessRuleViolationException("SameCurrency", $"cannot add {other.Currency} to {Currency}");
        }

        return new Money(Amount + other.Amount, Currency);
    }

    public Money Subtract(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Money(Amount - other.Amount, Currency);
    }

    private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
    {
        errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
        errors.Ensure(decimal.Round(amount, 2) == amount, nameof(Amount), "must have at most two decimals");
        errors.Ensure(currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper), nameof(Currency), "must be a three-letter upper-case ISO 4217 code");
    }
}
