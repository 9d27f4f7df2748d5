namespace Bloom.Messaging.Tests.Domain;

[StronglyTypedId]
public readonly partial struct AccountId;

[DomainEvent(Name = "tests.account-opened")]
public sealed partial record AccountOpened(AccountId AccountId, string Owner);

[DomainEvent(Name = "tests.deposited")]
public sealed partial record Deposited(AccountId AccountId, long Amount);

/// <summary>The aggregate whose commits write outbox messages: every change raises an event.</summary>
[Aggregate]
public sealed partial class Account
{
    private Account(AccountId id, string owner)
    {
        Id = id;
        Owner = owner;
    }

    public AccountId Id { get; private set; }

    public string Owner { get; private set; }

    public long Balance { get; private set; }

    public static Account Open(string owner)
    {
        var account = new Account(AccountId.New(), owner);
        account.Raise(new AccountOpened(account.Id, owner));
        return account;
    }

    public void Deposit(long amount)
    {
        Balance += amount;
        Raise(new Deposited(Id, amount));
    }
}

/// <summary>A hand-written unit of work (what a generated [UnitOfWork] would be), over the services the test chooses.</summary>
public sealed class BankUow(UnitOfWorkServices services) : UnitOfWork(services)
{
    private Repository<Account, AccountId>? _accounts;

    public Repository<Account, AccountId> Accounts => _accounts ??= new(this);
}
