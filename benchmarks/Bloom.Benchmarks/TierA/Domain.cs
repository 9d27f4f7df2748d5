using System.Reflection;
using Bloom;

namespace Bloom.Benchmarks.TierA;

// ---------------------------------------------------------------------------------------------
// The shapes measured in Tier A. Every variant holds the same data (decimal Amount + string Currency).
// ---------------------------------------------------------------------------------------------

/// <summary>Baseline: a plain C# record (compiler-synthesised equality).</summary>
public sealed record PlainMoney(decimal Amount, string Currency);

/// <summary>Baseline for the struct variant of A3.</summary>
public readonly record struct PlainMoneyStruct(decimal Amount, string Currency);

/// <summary>Bloom: generated equality, no validation (A1/A2).</summary>
[ValueObject]
public sealed partial record GeneratedMoney(decimal Amount, string Currency);

/// <summary>Bloom: generated equality + validation on every construction path (A3).</summary>
[ValueObject]
public sealed partial record ValidatedMoney(decimal Amount, string Currency)
{
    private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
    {
        errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
        errors.Ensure(MoneyRules.IsCurrencyCode(currency), nameof(Currency), "must be a three-letter upper-case ISO 4217 code");
    }
}

/// <summary>Bloom: struct value object with validation (A3 struct variant).</summary>
[ValueObject]
public readonly partial record struct ValidatedMoneyStruct(decimal Amount, string Currency)
{
    private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
    {
        errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
        errors.Ensure(MoneyRules.IsCurrencyCode(currency), nameof(Currency), "must be a three-letter upper-case ISO 4217 code");
    }
}

/// <summary>The rules every A3 variant checks, shared so that only the construction machinery differs.</summary>
public static class MoneyRules
{
    public static bool IsCurrencyCode(string? currency) =>
        currency is { Length: 3 }
        && char.IsAsciiLetterUpper(currency[0])
        && char.IsAsciiLetterUpper(currency[1])
        && char.IsAsciiLetterUpper(currency[2]);
}

// ---------------------------------------------------------------------------------------------
// Peers a user would write instead (benchmarks only; the reflection ban applies to src/).
// ---------------------------------------------------------------------------------------------

/// <summary>The classic GetEqualityComponents base class (eShopOnContainers / Khorikov style).</summary>
public abstract class EqualityComponentsValueObject
{
    protected abstract IEnumerable<object?> GetEqualityComponents();

    public override bool Equals(object? obj)
    {
        if (obj is null || obj.GetType() != GetType())
        {
            return false;
        }

        var other = (EqualityComponentsValueObject)obj;
        return GetEqualityComponents().SequenceEqual(other.GetEqualityComponents());
    }

    public override int GetHashCode() =>
        GetEqualityComponents().Select(static x => x is null ? 0 : x.GetHashCode()).Aggregate(static (x, y) => x ^ y);
}

public sealed class ComponentsMoney(decimal amount, string currency) : EqualityComponentsValueObject
{
    public decimal Amount { get; } = amount;

    public string Currency { get; } = currency;

    protected override IEnumerable<object?> GetEqualityComponents()
    {
        yield return Amount;
        yield return Currency;
    }
}

/// <summary>A reflection-based base class: properties discovered once per type (cached), values read with GetValue.</summary>
public abstract class ReflectionValueObject<TSelf>
    where TSelf : ReflectionValueObject<TSelf>
{
    private static readonly PropertyInfo[] s_properties = typeof(TSelf).GetProperties(BindingFlags.Instance | BindingFlags.Public);

    public override bool Equals(object? obj)
    {
        if (obj is not TSelf other)
        {
            return false;
        }

        foreach (var property in s_properties)
        {
            if (!Equals(property.GetValue(this), property.GetValue(other)))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var property in s_properties)
        {
            hash.Add(property.GetValue(this));
        }

        return hash.ToHashCode();
    }
}

public sealed class ReflectionMoney(decimal amount, string currency) : ReflectionValueObject<ReflectionMoney>
{
    public decimal Amount { get; } = amount;

    public string Currency { get; } = currency;
}

// ---------------------------------------------------------------------------------------------
// A4: strongly typed id.
// ---------------------------------------------------------------------------------------------

[StronglyTypedId]
public readonly partial struct AccountId;

// ---------------------------------------------------------------------------------------------
// A5: aggregates. The same lightweight event type is used by both, so only the aggregate machinery differs.
// ---------------------------------------------------------------------------------------------

/// <summary>A minimal event (32 B): the only allocation either aggregate should make per raise.</summary>
public sealed class Deposited(decimal amount) : IDomainEvent
{
    public decimal Amount { get; } = amount;

    public Guid EventId => Guid.Empty;

    public DateTimeOffset OccurredAt => default;
}

/// <summary>Bloom: event-sourced aggregate; <c>Raise</c> applies via the generated <c>When</c> dispatch and appends.</summary>
[Aggregate(EventSourced = true)]
public sealed partial class GeneratedAccount
{
    public GeneratedAccount(AccountId id) => Id = id;

    public AccountId Id { get; private set; }

    public decimal Balance { get; private set; }

    public void Deposit(decimal amount) => Raise(new Deposited(amount));

    private void When(Deposited e) => Balance += e.Amount;
}

/// <summary>Baseline: the same fields written by hand (pending list + version), the physical limit.</summary>
public sealed class HandWrittenAccount(AccountId id)
{
    private readonly List<IDomainEvent> _pending = new(4);
#pragma warning disable CS0649, IDE0044 // same fields as the generated aggregate; the version is not touched by a raise in either.
    private long _version;
#pragma warning restore CS0649, IDE0044

    public AccountId Id { get; } = id;

    public decimal Balance { get; private set; }

    public long Version => _version;

    public List<IDomainEvent> PendingEvents => _pending;

    public void ClearPendingEvents() => _pending.Clear();

    public void Deposit(decimal amount)
    {
        var e = new Deposited(amount);
        Balance += e.Amount;
        _pending.Add(e);
    }
}
