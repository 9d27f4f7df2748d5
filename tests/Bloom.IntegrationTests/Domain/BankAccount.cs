namespace Bloom.IntegrationTests.Domain;

/// <summary>An event-sourced aggregate: every change goes through a <c>When</c> method.</summary>
[Aggregate(EventSourced = true)]
public sealed partial class BankAccount
{
    private BankAccount()
    {
    }

    public AccountId Id { get; private set; }

    public PersonName? Owner { get; private set; }

    public Money Balance { get; private set; } = Money.Zero("EUR");

    public bool IsOpen { get; private set; }

    /// <summary>How many <c>When</c> calls ran, to prove events are applied exactly once.</summary>
    public int AppliedCount { get; private set; }

    public static BankAccount Open(PersonName owner, string currency)
    {
        var account = new BankAccount();
        account.Raise(new AccountOpened(AccountId.New(), owner, currency));
        return account;
    }

    public static BankAccount FromHistory(IEnumerable<IDomainEvent> history)
    {
        var account = new BankAccount();
        account.LoadFromHistory(history);
        return account;
    }

    public void Deposit(Money amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        CheckRule(IsOpen, "AccountOpen", "the account is not open");
        CheckRule(amount.Currency == Balance.Currency, "AccountCurrency", $"the account holds {Balance.Currency}");
        CheckRule(amount.Amount > 0, "PositiveDeposit", "a deposit must be positive");
        Raise(new MoneyDeposited(Id, amount));
    }

    public void Withdraw(Money amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        CheckRule(IsOpen, "AccountOpen", "the account is not open");
        CheckRule(amount.Currency == Balance.Currency, "AccountCurrency", $"the account holds {Balance.Currency}");
        CheckRule(Balance.Amount >= amount.Amount, "SufficientFunds", $"the balance is only {Balance.Amount}");
        Raise(new MoneyWithdrawn(Id, amount));
    }

    /// <summary>Raises an event that has no <c>When</c> method.</summary>
    public void Freeze(string reason) => Raise(new AccountFrozen(Id, reason));

    private void When(AccountOpened e)
    {
        Id = e.AccountId;
        Owner = e.Owner;
        Balance = Money.Zero(e.Currency);
        IsOpen = true;
        AppliedCount++;
    }

    private void When(MoneyDeposited e)
    {
        Balance = Balance.Add(e.Amount);
        AppliedCount++;
    }

    private void When(MoneyWithdrawn e)
    {
        Balance = Balance.Subtract(e.Amount);
        AppliedCount++;
    }
}
