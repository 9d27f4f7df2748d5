namespace Bloom.Samples.Ordering.Domain;

/// <summary>
/// Decides what it costs to ship an order to an address. A domain service: the rule needs an <see cref="Order"/> (its
/// total) and a <see cref="ShippingAddress"/> (its country) but belongs to neither, keeps no state between calls and
/// touches no database or network. Bloom's analyzers check both (BLM1101, BLM1102).
/// </summary>
[DomainService]
public sealed class ShippingPolicy
{
    private readonly string _homeCountry;
    private readonly Money _domesticRate;
    private readonly Money _internationalRate;

    /// <summary>Creates a policy with its tariff. All amounts must be in one currency.</summary>
    /// <param name="homeCountry">The ISO 3166 country the shop ships from; addresses there pay the domestic rate.</param>
    /// <param name="freeShippingFrom">Orders whose total reaches this amount ship free.</param>
    /// <param name="domesticRate">What shipping within <paramref name="homeCountry"/> costs.</param>
    /// <param name="internationalRate">What shipping anywhere else costs.</param>
    /// <exception cref="BusinessRuleViolationException">The amounts are in different currencies.</exception>
    public ShippingPolicy(string homeCountry, Money freeShippingFrom, Money domesticRate, Money internationalRate)
    {
        ArgumentNullException.ThrowIfNull(freeShippingFrom);
        ArgumentNullException.ThrowIfNull(domesticRate);
        ArgumentNullException.ThrowIfNull(internationalRate);
        EnsureCurrency(domesticRate, freeShippingFrom.Currency);
        EnsureCurrency(internationalRate, freeShippingFrom.Currency);

        _homeCountry = homeCountry;
        FreeShippingFrom = freeShippingFrom;
        _domesticRate = domesticRate;
        _internationalRate = internationalRate;
    }

    /// <summary>The tariff the sample shop uses: from the Netherlands, free from 100 EUR.</summary>
    public static ShippingPolicy Standard { get; } = new("NL", new Money(100m, "EUR"), new Money(4.95m, "EUR"), new Money(12.50m, "EUR"));

    /// <summary>Orders whose total reaches this amount ship free.</summary>
    public Money FreeShippingFrom { get; }

    /// <summary>What shipping <paramref name="order"/> to <paramref name="address"/> costs. Changes nothing.</summary>
    /// <param name="order">The order; its total decides whether shipping is free.</param>
    /// <param name="address">Where it goes; its country decides the rate.</param>
    /// <returns>The shipping cost, in the tariff's currency.</returns>
    /// <exception cref="BusinessRuleViolationException">The order is priced in another currency than the tariff.</exception>
    public Money CostFor(Order order, ShippingAddress address)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(address);

        var total = order.Total;
        EnsureCurrency(total, FreeShippingFrom.Currency);
        if (total.Amount >= FreeShippingFrom.Amount)
        {
            return Money.Zero(total.Currency);
        }

        return address.Country == _homeCountry ? _domesticRate : _internationalRate;
    }

    private static void EnsureCurrency(Money amount, string currency)
    {
        if (amount.Currency != currency)
        {
            throw new BusinessRuleViolationException("ShippingCurrency", $"shipping is priced in {currency}, not {amount.Currency}");
        }
    }
}
