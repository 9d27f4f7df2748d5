namespace Bloom.IntegrationTests.Domain;

[DomainEvent]
public sealed partial record AccountOpened(AccountId AccountId, PersonName Owner, string Currency);

[DomainEvent]
public sealed partial record MoneyDeposited(AccountId AccountId, Money Amount);

[DomainEvent]
public sealed partial record MoneyWithdrawn(AccountId AccountId, Money Amount);

/// <summary>Deliberately has no <c>When</c> in <see cref="BankAccount"/>.</summary>
[DomainEvent]
public sealed partial record AccountFrozen(AccountId AccountId, string Reason);
