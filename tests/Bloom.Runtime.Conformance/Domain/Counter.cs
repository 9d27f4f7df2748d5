namespace Bloom.Runtime.Conformance.Domain;

/// <summary>The RELIABILITY.md T1 aggregate: a counter incremented by concurrent writers; keyed by a string-backed id.</summary>
[Aggregate]
public sealed partial class Counter
{
    private Counter(CounterName id) => Id = id;

    public CounterName Id { get; private set; }

    public long Value { get; private set; }

    public static Counter Start(CounterName id) => new(id);

    public void Increment() => Value++;
}
