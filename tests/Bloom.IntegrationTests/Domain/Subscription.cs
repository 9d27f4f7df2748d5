namespace Bloom.IntegrationTests.Domain;

/// <summary>A non-sealed aggregate: <c>Raise</c>/<c>CheckRule</c> are protected and usable from derived classes.</summary>
[Aggregate]
public partial class Subscription
{
    protected Subscription(SubscriptionId id, CustomerNumber customer, Money monthlyFee)
    {
        Id = id;
        Customer = customer;
        MonthlyFee = monthlyFee;
    }

    public SubscriptionId Id { get; }

    public CustomerNumber Customer { get; }

    public Money MonthlyFee { get; protected set; }

    public string Tier { get; protected set; } = "basic";

    public static Subscription Start(CustomerNumber customer, Money monthlyFee)
    {
        var subscription = new Subscription(SubscriptionId.New(), customer, monthlyFee);
        subscription.Raise(new SubscriptionStarted(subscription.Id, customer, monthlyFee));
        return subscription;
    }

    public static Subscription Load(SubscriptionId id, CustomerNumber customer, Money monthlyFee) => new(id, customer, monthlyFee);
}

/// <summary>Derives from the generated aggregate and uses its protected members.</summary>
public sealed class PremiumSubscription : Subscription
{
    private PremiumSubscription(SubscriptionId id, CustomerNumber customer, Money monthlyFee)
        : base(id, customer, monthlyFee)
    {
        Tier = "gold";
    }

    public static new PremiumSubscription Start(CustomerNumber customer, Money monthlyFee)
    {
        var subscription = new PremiumSubscription(SubscriptionId.New(), customer, monthlyFee);
        subscription.Raise(new SubscriptionStarted(subscription.Id, customer, monthlyFee));
        return subscription;
    }

    public static new PremiumSubscription Load(SubscriptionId id, CustomerNumber customer, Money monthlyFee) => new(id, customer, monthlyFee);

    public void Upgrade(string tier, Money newFee)
    {
        ArgumentNullException.ThrowIfNull(newFee);
        CheckRule(tier is "gold" or "platinum", "KnownTier", $"'{tier}' is not a premium tier");
        CheckRule(tier != Tier, "TierChanges", $"the subscription is already {Tier}");
        CheckRule(newFee.Amount >= MonthlyFee.Amount, "NoDowngradeFee", "an upgrade cannot lower the fee");
        Tier = tier;
        MonthlyFee = newFee;
        Raise(new SubscriptionUpgraded(Id, tier, newFee));
    }
}
