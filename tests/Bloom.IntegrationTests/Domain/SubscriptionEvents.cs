namespace Bloom.IntegrationTests.Domain;

[DomainEvent]
public sealed partial record SubscriptionStarted(SubscriptionId SubscriptionId, CustomerNumber Customer, Money MonthlyFee);

[DomainEvent]
public sealed partial record SubscriptionUpgraded(SubscriptionId SubscriptionId, string Tier, Money MonthlyFee);
