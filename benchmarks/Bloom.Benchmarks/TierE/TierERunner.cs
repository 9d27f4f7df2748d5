using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bloom.Benchmarks.Infrastructure;
using Bloom.Benchmarks.TierA;
using Bloom.Benchmarks.TierB;

namespace Bloom.Benchmarks.TierE;

/// <summary>One target check of a Tier E Bloom row (a row can be judged on more than its ratio to the class baseline).</summary>
internal sealed record TierEJudgement(string Id, string Row, string Measure, string Target, string Status);

internal sealed record TierEResult(
    TierAResult Micro,
    IReadOnlyList<TierEJudgement> Judgements,
    B7Result B7,
    double? LoadStart,
    double? LoadEnd,
    double WallSeconds,
    DateTimeOffset StartedAt);

/// <summary>
/// Tier E — events: A6–A8 with BenchmarkDotNet (the Tier A job), then B7 with the Tier B Stopwatch harness on a SQLite file.
/// </summary>
internal static class TierERunner
{
    public static readonly Type[] BenchmarkTypes =
    [
        typeof(A6_PublishTwoHandlers),
        typeof(A7_PublishManyEventTypes),
        typeof(A8_UnitOfWorkDispatch),
    ];

    /// <summary>A6: Bloom must take no longer than Mediator.SourceGenerator's IPublisher.Publish in the same run.</summary>
    public const double MaxRatioToMediator = 1.0;

    public static TierEResult Run(string[] benchmarkArgs, string repoRoot, bool noEmit, TierBOptions b7Options, Action<string> log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadStart = RunEnvironment.LoadAverage1();
        var wall = Stopwatch.StartNew();
        var micro = TierARunner.Run(BenchmarkTypes, benchmarkArgs, repoRoot, noEmit);
        micro = micro with { Rows = [.. micro.Rows.Select(Relabel)] };
        var judgements = Judge(micro.Rows);
        var b7 = B7OutboxDrain.Run(b7Options, log);
        wall.Stop();
        return new TierEResult(micro, judgements, b7, loadStart, RunEnvironment.LoadAverage1(), wall.Elapsed.TotalSeconds, startedAt);
    }

    // Rows that are neither baseline, judged Bloom rows nor a peer library: the A6 floor, A8's commits without dispatch,
    // the "Bloom part" rows (one piece of the Bloom path alone) and the sketch of a suggested design.
    private static TierARowResult Relabel(TierARowResult row) => row.Method switch
    {
        "Floor" => row with { Status = "reference (floor)" },
        _ when row.Method.StartsWith("BloomPart", StringComparison.Ordinal) => row with { IsBloom = false, Status = "Bloom part (report only)" },
        _ when row.Method.StartsWith("BloomSketch", StringComparison.Ordinal) => row with { IsBloom = false, Status = "sketch (report only)" },
        "CommitNoHandlers" or "CommitNoHandlersSync" => row with { Status = "reference" },
        "BloomSequentialSyncCommit" => row with { Status = "report only" },
        _ => row,
    };

    private static List<TierEJudgement> Judge(IReadOnlyList<TierARowResult> rows)
    {
        var judgements = new List<TierEJudgement>();
        TierARowResult? Row(string cls, string method) => rows.FirstOrDefault(r => r.Class == cls && r.Method == method);

        // A6: ≤ Mediator.SG (IPublisher) in the same run, ≤0.90x the delegate baseline, 0 B.
        var a6Mediator = Row(nameof(A6_PublishTwoHandlers), "MediatorIPublisher");
        var a6MediatorConcrete = Row(nameof(A6_PublishTwoHandlers), "MediatorConcrete");
        foreach (var row in rows.Where(static r => r.Class == nameof(A6_PublishTwoHandlers) && r.IsBloom))
        {
            var vsMediator = a6Mediator is null ? double.NaN : row.MedianNs / a6Mediator.MedianNs;
            var vsConcrete = a6MediatorConcrete is null ? double.NaN : row.MedianNs / a6MediatorConcrete.MedianNs;
            var scoped = row.Method == "BloomSequentialScoped";
            judgements.Add(new TierEJudgement("A6", row.Description,
                $"{Fmt.Ratio(vsMediator)} of Mediator.SG IPublisher ({Fmt.Ratio(vsConcrete)} of its concrete Publish), {Fmt.Ratio(row.Ratio)} of the delegate baseline, {Fmt.Bytes(row.AllocatedBytes)}",
                scoped ? "report only (scoped handlers; the peers use singletons)" : $"≤ Mediator.SG IPublisher, ≤{Fmt.Num(row.TargetRatio)}x baseline, 0 B",
                scoped ? "report only" : Status([(vsMediator, MaxRatioToMediator, "vs Mediator"), (row.Ratio, row.TargetRatio, "vs baseline")], row.AllocatedBytes == 0)));
        }

        // A7: constant in the number of event types: A7 time / the same dispatcher's A6 time ≤ 1.10, 0 B.
        foreach (var row in rows.Where(static r => r.Class == nameof(A7_PublishManyEventTypes) && r.IsBloom))
        {
            var a6 = Row(nameof(A6_PublishTwoHandlers), row.Method);
            var growth = a6 is null ? double.NaN : row.MedianNs / a6.MedianNs;
            var mediator = Row(nameof(A7_PublishManyEventTypes), "MediatorIPublisher");
            var vsMediator = mediator is null ? double.NaN : row.MedianNs / mediator.MedianNs;
            var lookupA6 = Row(nameof(A6_PublishTwoHandlers), "BloomPartMapLookup");
            var lookupA7 = Row(nameof(A7_PublishManyEventTypes), "BloomPartMapLookup");
            var lookup = lookupA6 is null || lookupA7 is null ? string.Empty : $" (map lookup alone: {Fmt.Ns(lookupA7.MedianNs)} vs {Fmt.Ns(lookupA6.MedianNs)})";
            judgements.Add(new TierEJudgement("A7", row.Description,
                $"A7/A6 {Fmt.Ratio(growth)} ({Fmt.Ns(row.MedianNs)} vs {Fmt.Ns(a6?.MedianNs ?? double.NaN)}){lookup}; {Fmt.Ratio(vsMediator)} of Mediator.SG IPublisher with 501 types; {Fmt.Bytes(row.AllocatedBytes)}",
                $"A7/A6 ≤{Fmt.Num(row.TargetRatio)}x, 0 B",
                Status([(growth, row.TargetRatio, "A7/A6")], row.AllocatedBytes == 0)));
        }

        foreach (var method in new[] { "MediatorConcrete", "MediatorIPublisher" })
        {
            var a6 = Row(nameof(A6_PublishTwoHandlers), method);
            var a7 = Row(nameof(A7_PublishManyEventTypes), method);
            if (a6 is not null && a7 is not null)
            {
                judgements.Add(new TierEJudgement("A7", a7.Description,
                    $"A7/A6 {Fmt.Ratio(a7.MedianNs / a6.MedianNs)} ({Fmt.Ns(a7.MedianNs)} vs {Fmt.Ns(a6.MedianNs)}); {Fmt.Bytes(a7.AllocatedBytes)}", "—", "peer"));
            }
        }

        // A8: ≤1.20x the hand-written commit + loops, no more bytes than it; plus the dispatch overhead over the same commit without handlers.
        var a8NoHandlers = Row(nameof(A8_UnitOfWorkDispatch), "CommitNoHandlers");
        var a8NoHandlersSync = Row(nameof(A8_UnitOfWorkDispatch), "CommitNoHandlersSync");
        foreach (var row in rows.Where(static r => r.Class == nameof(A8_UnitOfWorkDispatch) && r.IsBloom))
        {
            var sync = row.Method == "BloomSequentialSyncCommit";
            var reference = sync ? a8NoHandlersSync : a8NoHandlers;
            var overhead = reference is null ? double.NaN : row.MedianNs - reference.MedianNs;
            var overheadBytes = reference?.AllocatedBytes is { } rb && row.AllocatedBytes is { } b ? b - rb : (long?)null;
            var measure = $"{Fmt.Ratio(row.Ratio)} of the hand-written baseline; dispatch overhead over the same commit without handlers: {Signed(overhead)}, {Fmt.Bytes(overheadBytes)} ({Fmt.Ns(row.MedianNs)} vs {Fmt.Ns(reference?.MedianNs ?? double.NaN)}); {Fmt.Bytes(row.AllocatedBytes)} vs baseline {Fmt.Bytes(row.BaselineAllocatedBytes)}";
            judgements.Add(sync
                ? new TierEJudgement("A8", row.Description, measure, "report only (the baseline is async)", "report only")
                : new TierEJudgement("A8", row.Description, measure, $"≤{Fmt.Num(row.TargetRatio)}x, ≤ baseline bytes",
                    Status([(row.Ratio, row.TargetRatio, "time")], row.AllocatedBytes <= row.BaselineAllocatedBytes)));
        }

        return judgements;
    }

    private static string Status(IReadOnlyList<(double Value, double Max, string What)> checks, bool allocationOk)
    {
        var misses = new List<string>();
        var withinSlack = true;
        foreach (var (value, max, what) in checks)
        {
            if (!(value <= max))
            {
                misses.Add($"{what} {Fmt.Ratio(value)} > {Fmt.Ratio(max)}");
                withinSlack &= value <= max * Harness.Slack;
            }
        }

        if (!allocationOk)
        {
            misses.Add("allocation");
        }

        return misses.Count == 0 ? "MET"
            : allocationOk && withinSlack ? $"OVER TARGET (within the ×1.25 gate slack: {string.Join("; ", misses)})"
            : $"MISSED ({string.Join("; ", misses)})";
    }

    public static string ToMarkdown(TierEResult result, MachineInfo machine, SourceState source)
    {
        var sb = new StringBuilder();
        RunEnvironment.AppendHeader(sb, "# Tier E — events: dispatch, unit-of-work dispatch, outbox drain", result.StartedAt, string.Create(CultureInfo.InvariantCulture, $"; Tier E wall time {result.WallSeconds:0.0} s"), machine, source, result.LoadStart, result.LoadEnd);
        sb.AppendLine(CultureInfo.InvariantCulture, $"- A6–A8: BenchmarkDotNet, {result.Micro.Toolchain} toolchain, 3 warm-up + 10 measured iterations × 150 ms, MemoryDiagnoser (the Tier A job; micro part {result.Micro.WallSeconds:0.0} s, load {RunEnvironment.Format(result.Micro.LoadStart)} → {RunEnvironment.Format(result.Micro.LoadEnd)}). Ratio = median / the class baseline's median, same run.");
        sb.AppendLine("- Handlers are singletons that count and return a completed task; one event instance is reused, so a publish that allocates shows it. Bloom's handlers are `[DomainEventHandler]` classes and the dispatchers use the generated `BloomEventHandlers.Descriptors` (static `Resolve` and `Call` lambdas): a dispatcher resolves each handler on first use and reuses it (once per dispatcher, i.e. per scope, as in an application, where the dispatcher is scoped); each benchmark reuses one dispatcher. Handlers are registered as singletons (the peers' lifetime) unless a row says scoped (the generated registration's default).");
        sb.AppendLine("- A time miss counts as a failure only above target × 1.25 in two consecutive runs (BENCHMARKS.md rule 3); allocation targets are exact.");
        sb.AppendLine();
        sb.AppendLine("## Summary");
        sb.AppendLine();
        sb.AppendLine("| ID | Row | Measured | Target | Status |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var j in result.Judgements)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {j.Id} | {j.Row} | {j.Measure} | {j.Target} | {j.Status} |");
        }

        var b7 = result.B7;
        if (b7.Scenario is { } scenario)
        {
            foreach (var row in scenario.Rows.Where(static r => r.Role == VariantRole.Bloom))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| B7 | {row.Name} | {Fmt.Ratio(row.Throughput)} of raw ({row.OpsPerSecond:N0} msg/s) | ≥{Fmt.Num(scenario.Target)}x raw | {row.Status} |");
            }
        }
        else
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| B7 | outbox drain, 10k messages | **not run** | ≥0.80x raw | NOT RUN: {b7.NotRunReason} |");
        }

        foreach (var type in BenchmarkTypes)
        {
            var rows = result.Micro.Rows.Where(r => r.Class == type.Name).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var meta = (TierARowAttribute?)Attribute.GetCustomAttribute(type, typeof(TierARowAttribute));
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"## {meta?.Id} — {meta?.Title}");
            sb.AppendLine();
            sb.AppendLine("| Benchmark | Ratio | Allocated | Median | Min – max | Status |");
            sb.AppendLine("|---|---:|---:|---:|---:|---|");
            foreach (var row in rows)
            {
                var name = row.IsBaseline ? $"**{row.Description}** (baseline)" : row.Description;
                var status = row.IsBloom ? "see summary" : row.Status;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Fmt.Ratio(row.Ratio)} | {Fmt.Bytes(row.AllocatedBytes)} | {Fmt.Ns(row.MedianNs)} | {Fmt.Ns(row.MinNs)} – {Fmt.Ns(row.MaxNs)} | {status} |");
            }
        }

        if (b7.Scenario is null)
        {
            sb.AppendLine();
            sb.AppendLine("## B7 — outbox drain: 10k pending messages, in-process transport");
            sb.AppendLine();
        }

        B7OutboxDrain.AppendMarkdown(sb, b7);
        return sb.ToString();
    }

    public static JsonObject ToJson(TierEResult result, SourceState source) => new()
    {
        ["startedAt"] = result.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["wallSeconds"] = Math.Round(result.WallSeconds, 1),
        ["loadAverage1Start"] = result.LoadStart,
        ["loadAverage1End"] = result.LoadEnd,
        ["toolchain"] = result.Micro.Toolchain,
        ["source"] = new JsonObject { ["commit"] = source.Commit, ["dirtySrcFiles"] = source.DirtySrcFiles, ["line"] = source.Line },
        ["rows"] = new JsonArray([.. result.Micro.Rows.Select(static r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id,
            ["class"] = r.Class,
            ["method"] = r.Method,
            ["description"] = r.Description,
            ["baseline"] = r.IsBaseline,
            ["bloom"] = r.IsBloom,
            ["ratio"] = Round(r.Ratio, 3),
            ["allocatedBytes"] = r.AllocatedBytes,
            ["medianNs"] = Round(r.MedianNs, 3),
            ["minNs"] = Round(r.MinNs, 3),
            ["maxNs"] = Round(r.MaxNs, 3),
        })]),
        ["judgements"] = new JsonArray([.. result.Judgements.Select(static j => (JsonNode)new JsonObject
        {
            ["id"] = j.Id,
            ["row"] = j.Row,
            ["measured"] = j.Measure,
            ["target"] = j.Target,
            ["status"] = j.Status,
        })]),
        ["b7"] = B7OutboxDrain.ToJson(result.B7),
    };

    private static double? Round(double v, int digits) => double.IsFinite(v) ? Math.Round(v, digits) : null;

    private static string Signed(double ns) => double.IsFinite(ns) ? (ns >= 0 ? "+" : "−") + Fmt.Ns(Math.Abs(ns)) : "n/a";
}
