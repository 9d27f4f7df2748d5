namespace Bloom.Benchmarks.TierA;

/// <summary>Ties a benchmark class to its row in BENCHMARKS.md and the target it is judged by.</summary>
/// <param name="id">The row id (A1…).</param>
/// <param name="title">What the class measures.</param>
/// <param name="maxRatio">The time-ratio target for the Bloom rows.</param>
/// <param name="allocationTarget">"0 B", "= baseline" or a description meaning "same as baseline".</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TierARowAttribute(string id, string title, double maxRatio, string allocationTarget) : Attribute
{
    public string Id { get; } = id;

    public string Title { get; } = title;

    public double MaxRatio { get; } = maxRatio;

    public string AllocationTarget { get; } = allocationTarget;

    public bool ZeroAllocation => AllocationTarget == "0 B";
}
