using BenchmarkDotNet.Attributes;
using Bloom;

namespace Bloom.Benchmarks.TierA;

/// <summary>Distinct instances with equal values (the currency strings are distinct objects too, so string equality compares characters).</summary>
internal static class Values
{
    public const decimal Amount = 1234.50m;

    public static string Currency() => new("EUR".AsSpan());
}

/// <summary>A1 — value object Equals on equal, distinct instances.</summary>
[TierARow("A1", "VO Equals (decimal + string), equal distinct instances", 1.10, "0 B")]
public class A1_ValueObjectEquals
{
    private readonly PlainMoney _recordA = new(Values.Amount, Values.Currency());
    private readonly PlainMoney _recordB = new(Values.Amount, Values.Currency());
    private readonly GeneratedMoney _bloomA = new(Values.Amount, Values.Currency());
    private readonly GeneratedMoney _bloomB = new(Values.Amount, Values.Currency());
    private readonly ComponentsMoney _componentsA = new(Values.Amount, Values.Currency());
    private readonly ComponentsMoney _componentsB = new(Values.Amount, Values.Currency());
    private readonly ReflectionMoney _reflectionA = new(Values.Amount, Values.Currency());
    private readonly ReflectionMoney _reflectionB = new(Values.Amount, Values.Currency());

    [Benchmark(Baseline = true, Description = "C# record")]
    public bool Record() => _recordA.Equals(_recordB);

    [Benchmark(Description = "Bloom [ValueObject] record")]
    public bool Bloom() => _bloomA.Equals(_bloomB);

    [Benchmark(Description = "GetEqualityComponents base")]
    public bool EqualityComponents() => _componentsA.Equals(_componentsB);

    [Benchmark(Description = "Reflection base")]
    public bool Reflection() => _reflectionA.Equals(_reflectionB);
}

/// <summary>A2 — value object GetHashCode.</summary>
[TierARow("A2", "VO GetHashCode (decimal + string)", 1.10, "0 B")]
public class A2_ValueObjectGetHashCode
{
    private readonly PlainMoney _record = new(Values.Amount, Values.Currency());
    private readonly GeneratedMoney _bloom = new(Values.Amount, Values.Currency());
    private readonly ComponentsMoney _components = new(Values.Amount, Values.Currency());
    private readonly ReflectionMoney _reflection = new(Values.Amount, Values.Currency());

    [Benchmark(Baseline = true, Description = "C# record")]
    public int Record() => _record.GetHashCode();

    [Benchmark(Description = "Bloom [ValueObject] record")]
    public int Bloom() => _bloom.GetHashCode();

    [Benchmark(Description = "GetEqualityComponents base")]
    public int EqualityComponents() => _components.GetHashCode();

    [Benchmark(Description = "Reflection base")]
    public int Reflection() => _reflection.GetHashCode();
}

/// <summary>A3 — validated creation of a class value object.</summary>
[TierARow("A3", "VO creation with validation (class)", 1.10, "= baseline")]
public class A3_ValidatedCreation
{
    private decimal _amount = Values.Amount;
    private string _currency = Values.Currency();

    [Benchmark(Baseline = true, Description = "new record + inline checks")]
    public PlainMoney Record()
    {
        var amount = _amount;
        var currency = _currency;
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "must not be negative");
        }

        if (!MoneyRules.IsCurrencyCode(currency))
        {
            throw new ArgumentException("must be a three-letter upper-case ISO 4217 code", nameof(currency));
        }

        return new PlainMoney(amount, currency);
    }

    [Benchmark(Description = "Bloom Money.Create")]
    public ValidatedMoney BloomCreate() => ValidatedMoney.Create(_amount, _currency);

    [Benchmark(Description = "Bloom new Money")]
    public ValidatedMoney BloomNew() => new(_amount, _currency);
}

/// <summary>A3 (struct) — validated creation of a readonly record struct value object.</summary>
[TierARow("A3s", "VO creation with validation (readonly record struct)", 1.10, "= baseline")]
public class A3s_ValidatedStructCreation
{
    private decimal _amount = Values.Amount;
    private string _currency = Values.Currency();

    [Benchmark(Baseline = true, Description = "new record struct + inline checks")]
    public PlainMoneyStruct RecordStruct()
    {
        var amount = _amount;
        var currency = _currency;
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "must not be negative");
        }

        if (!MoneyRules.IsCurrencyCode(currency))
        {
            throw new ArgumentException("must be a three-letter upper-case ISO 4217 code", nameof(currency));
        }

        return new PlainMoneyStruct(amount, currency);
    }

    [Benchmark(Description = "Bloom struct Create")]
    public ValidatedMoneyStruct BloomCreate() => ValidatedMoneyStruct.Create(_amount, _currency);
}

/// <summary>Shared data for A4: 1,000 random GUIDs, equal copies (distinct storage), shuffled lookup keys, and dictionaries keyed by each.</summary>
public abstract class A4Base
{
    protected const int N = 1000;
    protected readonly Guid[] Guids = new Guid[N];
    protected readonly Guid[] GuidsEqual = new Guid[N];
    protected readonly Guid[] GuidKeys = new Guid[N];
    protected readonly AccountId[] Ids = new AccountId[N];
    protected readonly AccountId[] IdsEqual = new AccountId[N];
    protected readonly AccountId[] IdKeys = new AccountId[N];
    protected readonly Dictionary<Guid, int> GuidMap = new(N);
    protected readonly Dictionary<AccountId, int> IdMap = new(N);

    protected A4Base()
    {
        var random = new Random(42);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < N; i++)
        {
            random.NextBytes(bytes);
            Guids[i] = new Guid(bytes);
            GuidsEqual[i] = new Guid(bytes);
            GuidKeys[i] = new Guid(bytes);
            Ids[i] = new AccountId(Guids[i]);
            IdsEqual[i] = AccountId.From(GuidsEqual[i]);
            GuidMap.Add(Guids[i], i);
            IdMap.Add(Ids[i], i);
        }

        // Look the keys up in a different order than they were inserted.
        random.Shuffle(GuidKeys);
        for (var i = 0; i < N; i++)
        {
            IdKeys[i] = new AccountId(GuidKeys[i]);
        }
    }
}

/// <summary>A4 — strongly typed id Equals vs raw Guid (1,000 equal pairs per invocation; time is per operation).</summary>
[TierARow("A4", "Id Equals vs Guid", 1.05, "0 B")]
public class A4_IdEquals : A4Base
{
    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Guid.Equals")]
    public int Guid_()
    {
        var a = Guids;
        var b = GuidsEqual;
        var n = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Equals(b[i]))
            {
                n++;
            }
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Bloom id Equals")]
    public int Bloom()
    {
        var a = Ids;
        var b = IdsEqual;
        var n = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Equals(b[i]))
            {
                n++;
            }
        }

        return n;
    }
}

/// <summary>A4 — GetHashCode (1,000 per invocation).</summary>
[TierARow("A4", "Id GetHashCode vs Guid", 1.05, "0 B")]
public class A4_IdGetHashCode : A4Base
{
    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Guid.GetHashCode")]
    public int Guid_()
    {
        var a = Guids;
        var h = 0;
        for (var i = 0; i < a.Length; i++)
        {
            h += a[i].GetHashCode();
        }

        return h;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Bloom id GetHashCode")]
    public int Bloom()
    {
        var a = Ids;
        var h = 0;
        for (var i = 0; i < a.Length; i++)
        {
            h += a[i].GetHashCode();
        }

        return h;
    }
}

/// <summary>A4 — Dictionary TryGetValue over a 1,000-entry dictionary, every key looked up once per invocation (equal, not identical, keys).</summary>
[TierARow("A4", "Id Dictionary<TKey,int> lookup vs Guid (1,000 entries)", 1.05, "0 B")]
public class A4_IdDictionaryLookup : A4Base
{
    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Dictionary<Guid,int>")]
    public int Guid_()
    {
        var map = GuidMap;
        var keys = GuidKeys;
        var sum = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (map.TryGetValue(keys[i], out var v))
            {
                sum += v;
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Bloom id: Dictionary<AccountId,int>")]
    public int Bloom()
    {
        var map = IdMap;
        var keys = IdKeys;
        var sum = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (map.TryGetValue(keys[i], out var v))
            {
                sum += v;
            }
        }

        return sum;
    }
}

/// <summary>A5 — raise one event (apply + append) and drain it (iterate the pending events, then clear them).</summary>
[TierARow("A5", "Aggregate: raise 1 event + drain", 1.15, "event only (32 B)")]
public class A5_AggregateRaiseAndDrain
{
    private readonly HandWrittenAccount _handWritten = new(AccountId.New());
    private readonly GeneratedAccount _bloom = new(AccountId.New());

    [Benchmark(Baseline = true, Description = "hand-written aggregate")]
    public int HandWritten()
    {
        var aggregate = _handWritten;
        aggregate.Deposit(1m);
        var n = 0;
        foreach (var e in aggregate.PendingEvents)
        {
            n += e is Deposited ? 1 : 0;
        }

        aggregate.ClearPendingEvents();
        return n;
    }

    [Benchmark(Description = "Bloom aggregate, drain by index (IAggregateRoot)")]
    public int BloomIndexed()
    {
        var aggregate = _bloom;
        aggregate.Deposit(1m);
        var n = 0;
        var pending = aggregate.PendingEvents;
        for (var i = 0; i < pending.Count; i++)
        {
            n += pending[i] is Deposited ? 1 : 0;
        }

        aggregate.ClearPendingEvents();
        return n;
    }

    [Benchmark(Description = "Bloom aggregate, drain by foreach")]
    public int BloomForeach()
    {
        var aggregate = _bloom;
        aggregate.Deposit(1m);
        var n = 0;
        foreach (var e in aggregate.PendingEvents)
        {
            n += e is Deposited ? 1 : 0;
        }

        aggregate.ClearPendingEvents();
        return n;
    }
}
