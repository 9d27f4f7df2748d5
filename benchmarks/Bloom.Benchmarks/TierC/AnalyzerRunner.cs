using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Bloom.Benchmarks.Infrastructure;
using Bloom.Generators.Aggregates;
using Bloom.Generators.DomainEvents;
using Bloom.Generators.Entities;
using Bloom.Generators.StronglyTypedIds;
using Bloom.Generators.ValueObjects;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Benchmarks.TierC;

internal sealed record AnalyzerSize(int AnnotatedTypes, Timing Analyzers, Timing Compile, double PercentOfCompile, int Diagnostics);

internal sealed record AnalyzerResult(IReadOnlyList<AnalyzerSize> Sizes, IReadOnlyList<(string Name, double SmallMs, double LargeMs)> PerAnalyzer, int AnalyzerCount, int Repetitions, double ScalingRatio, double MinScalingRatio, double WorstPercent, double? LoadStart, double? LoadEnd, DateTimeOffset StartedAt)
{
    public const double MaxPercent = 10.0;
    public const double MaxScaling = 4.5;

    public string ShareStatus => WorstPercent <= MaxPercent ? "MET" : "MISSED";

    // Judged on the fastest runs: the telemetry of a run includes any GC pause of this allocation-heavy process, which
    // scatters the medians (see min – max); the fastest run of each size is the analyzers' own cost.
    public string ScalingStatus => MinScalingRatio <= MaxScaling ? "MET" : "MISSED";
}

/// <summary>
/// Issue 3's analyzer benchmark: every Bloom analyzer over the synthetic project (user files + generated files) of 500 and
/// 2,000 annotated types. "Compile" is binding every tree plus <c>Emit</c> on a fresh compilation; the analyzer time is measured on a
/// compilation that is already bound, so it is the analyzers' own cost, as in a real build where binding is shared.
/// Interleaved (compile, analyzers, compile, analyzers, ...), forced GC before each timed step.
/// </summary>
internal static class AnalyzerRunner
{
    public static AnalyzerResult Run(int[] sizes, int repetitions, Action<string> log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadStart = RunEnvironment.LoadAverage1();
        var analyzers = Analyzers();

        var projects = sizes.Select(size =>
        {
            var trees = SyntheticProject.Parse(size);
            var compilation = SyntheticProject.Compile(trees, "Synthetic");
            CSharpGeneratorDriver.Create(Generators(), parseOptions: SyntheticProject.ParseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
            return (Size: size, Trees: generated.SyntaxTrees.ToImmutableArray(), Analyzers: new List<double>(), Compile: new List<double>(), Diagnostics: 0);
        }).ToList();

        log("Tier C analyzers: warm-up (JIT)…");
        // Both sizes, several times: the analyzers' own code must be fully tiered up before anything is timed.
        for (var i = 0; i < 3; i++)
        {
            foreach (var warm in projects)
            {
                Analyze(warm.Trees, analyzers, out _);
            }
        }

        Compile(projects[0].Trees);

        var perAnalyzer = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var perAnalyzerSmall = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var r = 0; r < repetitions; r++)
        {
            for (var p = 0; p < projects.Count; p++)
            {
                var project = projects[p];
                project.Compile.Add(Compile(project.Trees));
                project.Analyzers.Add(Analyze(project.Trees, analyzers, out var count, p == projects.Count - 1 ? perAnalyzer : p == 0 ? perAnalyzerSmall : null));
                projects[p] = project with { Diagnostics = count };
                log(string.Create(CultureInfo.InvariantCulture, $"Tier C analyzers: {project.Size} types, run {r + 1}/{repetitions}: compile {project.Compile[^1]:0.0} ms, analyzers {project.Analyzers[^1]:0.0} ms"));
            }
        }

        var results = projects.Select(static p =>
        {
            var analyzersTiming = Timing.Of(p.Analyzers);
            var compileTiming = Timing.Of(p.Compile);
            return new AnalyzerSize(p.Size, analyzersTiming, compileTiming, 100.0 * analyzersTiming.MedianMs / (compileTiming.MedianMs + analyzersTiming.MedianMs), p.Diagnostics);
        }).ToList();

        return new AnalyzerResult(
            results,
            [.. perAnalyzer.Select(kv => (kv.Key, perAnalyzerSmall.TryGetValue(kv.Key, out var small) ? small.Min() : 0, kv.Value.Min())).OrderByDescending(static x => x.Item3)],
            analyzers.Length,
            repetitions,
            results[^1].Analyzers.MedianMs / results[0].Analyzers.MedianMs,
            results[^1].Analyzers.MinMs / results[0].Analyzers.MinMs,
            results.Max(static s => s.PercentOfCompile),
            loadStart,
            RunEnvironment.LoadAverage1(),
            startedAt);
    }

    private static ISourceGenerator[] Generators() =>
    [
        new StronglyTypedIdGenerator().AsSourceGenerator(),
        new ValueObjectGenerator().AsSourceGenerator(),
        new EntityGenerator().AsSourceGenerator(),
        new AggregateGenerator().AsSourceGenerator(),
        new DomainEventGenerator().AsSourceGenerator(),
    ];

    // Benchmarks may use reflection; src/ may not.
    private static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
    [
        .. typeof(Bloom.Analyzers.TypeMustBePartialAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(static t => t.FullName, StringComparer.Ordinal)
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    private static double Compile(ImmutableArray<SyntaxTree> trees)
    {
        var compilation = SyntheticProject.Compile(trees, "Synthetic");
        using var stream = new MemoryStream(16 * 1024 * 1024);
        TierCRunner.ForceGc();
        var sw = Stopwatch.StartNew();
        var result = compilation.Emit(stream);
        sw.Stop();
        return result.Success ? sw.Elapsed.TotalMilliseconds : throw new InvalidOperationException("The synthetic project does not compile.");
    }

    // CompilationWithAnalyzers clones the compilation and binds it again, so wall time would mostly be binding. Roslyn's own
    // per-analyzer execution-time telemetry (as `-p:ReportAnalyzer=true` shows in a build) measures what the analyzers cost.
    private static double Analyze(ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers, out int diagnostics, Dictionary<string, List<double>>? perAnalyzer = null)
    {
        var compilation = SyntheticProject.Compile(trees, "Synthetic");
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        TierCRunner.ForceGc();
        var found = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        diagnostics = found.Count(static d => d.Id.StartsWith("BLM", StringComparison.Ordinal));
        var total = 0.0;
        foreach (var analyzer in analyzers)
        {
            var ms = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
            total += ms;
            if (perAnalyzer is not null)
            {
                var name = analyzer.GetType().Name;
                if (!perAnalyzer.TryGetValue(name, out var list))
                {
                    perAnalyzer[name] = list = [];
                }

                list.Add(ms);
            }
        }

        return total;
    }

    public static string ToMarkdown(AnalyzerResult result, MachineInfo machine, SourceState source)
    {
        var sb = new StringBuilder();
        RunEnvironment.AppendHeader(sb, "# Tier C — analyzers (issue 3: all Bloom analyzers on the synthetic domain)", result.StartedAt, string.Empty, machine, source, result.LoadStart, result.LoadEnd);
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Method: the Tier C synthetic project after the generators ran (user + generated files). Compile = `Emit` of a fresh compilation (binding included). Analyzers = the sum of Roslyn's per-analyzer execution-time telemetry (what `-p:ReportAnalyzer=true` reports in a build) for all {result.AnalyzerCount} Bloom analyzers, run sequentially through `CompilationWithAnalyzers` on a fresh compilation. Share = analyzers / (compile + analyzers). Medians of {result.Repetitions} interleaved runs after a JIT warm-up.");
        sb.AppendLine();
        sb.AppendLine("| Types | Compile (Emit) | Analyzers | Analyzer share | Bloom diagnostics |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var s in result.Sizes)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {s.AnnotatedTypes} | {TierCRunner.Cell(s.Compile)} | {TierCRunner.Cell(s.Analyzers)} | {Fmt.Pct(s.PercentOfCompile)} | {s.Diagnostics} |");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| Analyzer | {result.Sizes[0].AnnotatedTypes} types (fastest run) | {result.Sizes[^1].AnnotatedTypes} types (fastest run) | Growth |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var a in result.PerAnalyzer)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {a.Name} | {Fmt.Ms(a.SmallMs)} | {Fmt.Ms(a.LargeMs)} | {(a.SmallMs > 0 ? Fmt.Num(a.LargeMs / a.SmallMs) : "-")} |");
        }
        sb.AppendLine();
        sb.AppendLine("| Check | Measured | Target | Status |");
        sb.AppendLine("|---|---:|---:|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| Analyzer share of compile time (worst size) | {Fmt.Pct(result.WorstPercent)} | ≤ {Fmt.Pct(AnalyzerResult.MaxPercent)} | {result.ShareStatus} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| Linear growth: analyzer time {result.Sizes[^1].AnnotatedTypes} / {result.Sizes[0].AnnotatedTypes} types (judged on the fastest runs; medians include GC pauses) | {Fmt.Num(result.ScalingRatio)} (fastest runs: {Fmt.Num(result.MinScalingRatio)}; 4.0 = linear) | ≤ {Fmt.Num(AnalyzerResult.MaxScaling, "0.0")} | {result.ScalingStatus} |");
        return sb.ToString();
    }

}
