using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using Bloom.Benchmarks.Infrastructure;
using Perfolizer.Horology;

namespace Bloom.Benchmarks.TierA;

internal sealed record TierARowResult(
    string Id,
    string Class,
    string Method,
    string Description,
    bool IsBaseline,
    bool IsBloom,
    double MedianNs,
    double MinNs,
    double MaxNs,
    double Ratio,
    long? AllocatedBytes,
    long? BaselineAllocatedBytes,
    double TargetRatio,
    string AllocationTarget,
    string Status,
    string? Note);

internal sealed record TierAResult(
    IReadOnlyList<TierARowResult> Rows,
    double? LoadStart,
    double? LoadEnd,
    double WallSeconds,
    string Toolchain,
    DateTimeOffset StartedAt);

internal static class TierARunner
{
    public static readonly Type[] BenchmarkTypes =
    [
        typeof(A1_ValueObjectEquals),
        typeof(A2_ValueObjectGetHashCode),
        typeof(A3_ValidatedCreation),
        typeof(A3s_ValidatedStructCreation),
        typeof(A4_IdEquals),
        typeof(A4_IdGetHashCode),
        typeof(A4_IdDictionaryLookup),
        typeof(A5_AggregateRaiseAndDrain),
    ];

    public static TierAResult Run(string[] benchmarkArgs, string repoRoot, bool noEmit) => Run(BenchmarkTypes, benchmarkArgs, repoRoot, noEmit);

    /// <summary>Runs <paramref name="benchmarkTypes"/> with the Tier A job (Tier E's micro benchmarks use the same one).</summary>
    public static TierAResult Run(Type[] benchmarkTypes, string[] benchmarkArgs, string repoRoot, bool noEmit)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadStart = RunEnvironment.LoadAverage1();
        var stopwatch = Stopwatch.StartNew();

        var job = Job.Default
            .WithToolchain(noEmit ? InProcessNoEmitToolchain.Instance : InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(150))
            .WithId(noEmit ? "InProcessNoEmit" : "InProcessEmit");

        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(repoRoot, "benchmarks", "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);

        var args = benchmarkArgs.Any(static a => a is "--filter" or "-f" or "--list" or "--info")
            ? benchmarkArgs
            : [.. benchmarkArgs, "--filter", "*"];

        var summaries = BenchmarkSwitcher.FromTypes(benchmarkTypes).Run(args, config).ToList();
        stopwatch.Stop();
        var loadEnd = RunEnvironment.LoadAverage1();

        var rows = new List<TierARowResult>();
        foreach (var type in benchmarkTypes)
        {
            var reports = summaries.SelectMany(static s => s.Reports).Where(r => r.BenchmarkCase.Descriptor.Type == type).ToList();
            if (reports.Count == 0)
            {
                continue;
            }

            rows.AddRange(Rows(type, reports));
        }

        return new TierAResult(rows, loadStart, loadEnd, stopwatch.Elapsed.TotalSeconds, job.Id, startedAt);
    }

    private static IEnumerable<TierARowResult> Rows(Type type, List<BenchmarkReport> reports)
    {
        var meta = type.GetCustomAttribute<TierARowAttribute>() ?? new TierARowAttribute("?", type.Name, 1.0, "= baseline");
        var baseline = reports.FirstOrDefault(static r => r.BenchmarkCase.Descriptor.Baseline);
        var baseMedian = baseline?.ResultStatistics?.Median;
        var baseAlloc = baseline is null ? null : Allocated(baseline);

        foreach (var report in reports)
        {
            var descriptor = report.BenchmarkCase.Descriptor;
            var stats = report.ResultStatistics;
            var isBloom = descriptor.WorkloadMethod.Name.StartsWith("Bloom", StringComparison.Ordinal);
            var alloc = Allocated(report);
            var median = stats?.Median ?? double.NaN;
            var ratio = baseMedian is { } b && b > 0 ? median / b : double.NaN;

            string status;
            string? note = null;
            if (descriptor.Baseline)
            {
                status = "baseline";
            }
            else if (!isBloom)
            {
                status = "peer";
            }
            else if (stats is null)
            {
                status = "FAILED";
                note = "no result";
            }
            else
            {
                var allocOk = meta.ZeroAllocation ? alloc == 0 : alloc == baseAlloc;
                var timeOk = ratio <= meta.MaxRatio;
                var withinSlack = ratio <= meta.MaxRatio * 1.25;
                status = (timeOk, allocOk) switch
                {
                    (true, true) => "MET",
                    (false, true) when withinSlack => "OVER TARGET (within the ×1.25 gate slack)",
                    (_, false) => "MISSED (allocation)",
                    _ => "MISSED (time)",
                };
            }

            yield return new TierARowResult(
                meta.Id,
                type.Name,
                descriptor.WorkloadMethod.Name,
                descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                descriptor.Baseline,
                isBloom,
                median,
                stats?.Min ?? double.NaN,
                stats?.Max ?? double.NaN,
                ratio,
                alloc,
                baseAlloc,
                meta.MaxRatio,
                meta.AllocationTarget,
                status,
                note);
        }
    }

    private static long? Allocated(BenchmarkReport report)
    {
        var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return bytes;
    }

    public static string ToMarkdown(TierAResult result, MachineInfo machine, SourceState source)
    {
        var sb = new StringBuilder();
        RunEnvironment.AppendHeader(sb, "# Tier A — runtime micro benchmarks (BenchmarkDotNet)", result.StartedAt, string.Create(CultureInfo.InvariantCulture, $"; Tier A wall time {result.WallSeconds:0.0} s"), machine, source, result.LoadStart, result.LoadEnd);
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Job: {result.Toolchain} toolchain, 3 warm-up + 10 measured iterations × 150 ms, MemoryDiagnoser. A4 rows loop over 1,000 items (OperationsPerInvoke = 1000): times are per operation.");
        sb.AppendLine("- Ratio = median / median of the class's baseline, same run. Status applies to Bloom rows only; a time miss counts as a failure only above target × 1.25 in two consecutive runs (BENCHMARKS.md rule 3).");
        sb.AppendLine();
        sb.AppendLine("| ID | Benchmark | Ratio | Allocated | Median | Min – max | Target | Status |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---|---|");
        foreach (var row in result.Rows)
        {
            var target = row.IsBloom ? $"≤{Fmt.Num(row.TargetRatio)}x, {row.AllocationTarget}" : string.Empty;
            var name = row.IsBaseline ? $"**{row.Description}** (baseline)" : row.Description;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Id} | {name} | {Fmt.Ratio(row.Ratio)} | {Fmt.Bytes(row.AllocatedBytes)} | {Fmt.Ns(row.MedianNs)} | {Fmt.Ns(row.MinNs)} – {Fmt.Ns(row.MaxNs)} | {target} | {row.Status} |");
        }

        return sb.ToString();
    }
}
