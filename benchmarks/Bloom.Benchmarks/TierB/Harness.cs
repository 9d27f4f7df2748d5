using System.Diagnostics;
using Bloom.Benchmarks.Infrastructure;

namespace Bloom.Benchmarks.TierB;

internal enum VariantRole
{
    /// <summary>The hand-written physical limit (= 1.00).</summary>
    Baseline,

    /// <summary>Bloom, judged against the scenario's target.</summary>
    Bloom,

    /// <summary>What a user would pick instead (Dapper, EF Core).</summary>
    Peer,

    /// <summary>Report only: a part of the Bloom path measured alone, or a different usage pattern (no target).</summary>
    Info,
}

/// <summary>
/// One way of doing a scenario's work. <see cref="Prepare"/> and <see cref="Verify"/> run untimed around every timed
/// <see cref="Execute"/>; a pass does <see cref="OpsPerPass"/> operations.
/// </summary>
internal sealed class Variant(string name, VariantRole role, int opsPerPass, Action execute, Action? prepare = null, Action? verify = null)
{
    public string Name { get; } = name;

    public VariantRole Role { get; } = role;

    public int OpsPerPass { get; } = opsPerPass;

    public Action Execute { get; } = execute;

    public Action? Prepare { get; } = prepare;

    public Action? Verify { get; } = verify;
}

/// <summary>A Tier B row of BENCHMARKS.md: its variants and the throughput target of its Bloom row(s).</summary>
internal sealed class Scenario(string id, string title, string unit, double target, string method, IReadOnlyList<Variant> variants)
{
    public string Id { get; } = id;

    public string Title { get; } = title;

    /// <summary>What one operation is ("row", "commit", "lookup", "query").</summary>
    public string Unit { get; } = unit;

    /// <summary>Bloom's throughput must be at least this fraction of the baseline's.</summary>
    public double Target { get; } = target;

    public string Method { get; } = method;

    public IReadOnlyList<Variant> Variants { get; } = variants;
}

internal sealed record VariantResult(
    string Name,
    VariantRole Role,
    int OpsPerPass,
    double MedianNsPerOp,
    double MinNsPerOp,
    double MaxNsPerOp,
    double BytesPerOp,
    double Throughput,
    string Status,
    IReadOnlyList<double> SamplesNsPerOp)
{
    public double OpsPerSecond => 1e9 / MedianNsPerOp;
}

internal sealed record ScenarioResult(string Id, string Title, string Unit, double Target, string Method, IReadOnlyList<VariantResult> Rows)
{
    public VariantResult Baseline => Rows.First(static r => r.Role == VariantRole.Baseline);

    public VariantResult? Row(string name) => Rows.FirstOrDefault(r => r.Name == name);
}

/// <summary>
/// The Tier B Stopwatch harness: every repetition runs every variant once, in an order rotated by one each repetition
/// (A B C, B C A, C A B, …), so a burst of load on the shared machine hits all variants; forced GC before each timed pass;
/// allocations from <see cref="GC.GetAllocatedBytesForCurrentThread"/> (everything here runs on the calling thread).
/// </summary>
internal static class Harness
{
    /// <summary>A throughput target missed by less than this factor is reported as within the gate slack (BENCHMARKS.md rule 3).</summary>
    public const double Slack = 1.25;

    public static ScenarioResult Run(Scenario scenario, int warmups, int repetitions, Action<string> log)
    {
        var variants = scenario.Variants;
        var samples = variants.Select(static _ => new List<double>()).ToArray();
        var bytes = variants.Select(static _ => new List<double>()).ToArray();
        for (var rep = 0; rep < warmups + repetitions; rep++)
        {
            var line = new System.Text.StringBuilder();
            for (var k = 0; k < variants.Count; k++)
            {
                var index = (k + rep) % variants.Count;
                var variant = variants[index];
                variant.Prepare?.Invoke();
                ForceGc();
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                variant.Execute();
                var elapsed = Stopwatch.GetElapsedTime(started);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                variant.Verify?.Invoke();
                if (rep >= warmups)
                {
                    samples[index].Add(elapsed.TotalNanoseconds / variant.OpsPerPass);
                    bytes[index].Add((double)allocated / variant.OpsPerPass);
                }

                line.Append(System.Globalization.CultureInfo.InvariantCulture, $" {Abbreviate(variant.Name)} {elapsed.TotalMilliseconds:0.0}ms;");
            }

            log($"Tier B {scenario.Id} {(rep < warmups ? "warm-up" : "rep " + (rep - warmups + 1))}:{line}");
        }

        var baselineIndex = variants.Select(static (v, i) => (v, i)).First(static t => t.v.Role == VariantRole.Baseline).i;
        var baseMedian = Fmt.Median(samples[baselineIndex]);
        var rows = new List<VariantResult>();
        for (var i = 0; i < variants.Count; i++)
        {
            var median = Fmt.Median(samples[i]);
            var throughput = baseMedian / median;
            rows.Add(new VariantResult(
                variants[i].Name,
                variants[i].Role,
                variants[i].OpsPerPass,
                median,
                samples[i].Min(),
                samples[i].Max(),
                Fmt.Median(bytes[i]),
                throughput,
                Status(variants[i].Role, throughput, scenario.Target),
                samples[i].ToArray()));
        }

        return new ScenarioResult(scenario.Id, scenario.Title, scenario.Unit, scenario.Target, scenario.Method, rows);
    }

    public static string Status(VariantRole role, double throughput, double target) => role switch
    {
        VariantRole.Baseline => "baseline",
        VariantRole.Peer => "peer",
        VariantRole.Info => "report only",
        _ when throughput >= target => "MET",
        _ when throughput >= target / Slack => "MISSED (within the ×1.25 gate slack)",
        _ => "MISSED",
    };

    public static void ForceGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string Abbreviate(string name)
    {
        var cut = name.IndexOfAny([':', '(', ',']);
        return (cut > 0 ? name[..cut] : name).Trim();
    }
}
