using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bloom.Benchmarks.Infrastructure;
using Bloom.Generators.Aggregates;
using Bloom.Generators.DomainEvents;
using Bloom.Generators.Entities;
using Bloom.Generators.StronglyTypedIds;
using Bloom.Generators.ValueObjects;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bloom.Benchmarks.TierC;

internal sealed record Timing(double MedianMs, double MinMs, double MaxMs, IReadOnlyList<double> SamplesMs)
{
    public static Timing Of(List<double> samples) => new(Fmt.Median(samples), samples.Min(), samples.Max(), samples.ToArray());
}

internal sealed record TierCSize(
    int AnnotatedTypes,
    int Files,
    int GeneratedFiles,
    long GeneratedChars,
    Timing NoOp,
    Timing Bloom,
    Timing Emit,
    double BloomNetMedianMs,
    double BloomPercentOfEmit);

internal sealed record TierCResult(
    IReadOnlyList<TierCSize> Sizes,
    int Repetitions,
    int EmitRepetitions,
    double ScalingRatio,
    double NoOpScalingRatio,
    double EmitScalingRatio,
    double GeneratorPercentOfEmitWorst,
    string ScalingStatus,
    string ShareStatus,
    double? LoadStart,
    double? LoadEnd,
    double WallSeconds,
    DateTimeOffset StartedAt);

/// <summary>
/// C1: cold generator runs. Every timed run uses a fresh <see cref="CSharpGeneratorDriver"/> over a fresh compilation built from
/// the same pre-parsed trees (so parsing the user's files is excluded for all three), with a forced GC before each run.
/// The three variants are interleaved (no-op, Bloom, Emit, no-op, Bloom, Emit, …).
/// </summary>
internal static class TierCRunner
{
    public const double MaxScaling = 4.5;
    public const double MaxPercentOfEmit = 10.0;

    private static ISourceGenerator[] BloomGenerators() =>
    [
        new StronglyTypedIdGenerator().AsSourceGenerator(),
        new ValueObjectGenerator().AsSourceGenerator(),
        new EntityGenerator().AsSourceGenerator(),
        new AggregateGenerator().AsSourceGenerator(),
        new DomainEventGenerator().AsSourceGenerator(),
    ];

    private static ISourceGenerator[] NoOpGenerators() => [new NoOpGenerator().AsSourceGenerator()];

    public static TierCResult Run(int[] sizes, int repetitions, int emitRepetitions, Action<string> log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadStart = RunEnvironment.LoadAverage1();
        var wall = Stopwatch.StartNew();

        var projects = sizes.Select(static size =>
        {
            var trees = SyntheticProject.Parse(size);
            return (Size: size, Trees: trees);
        }).ToList();

        // Warm-up: JIT Roslyn, the generators and Emit (the first in-process compilation costs seconds, and tiered JIT
        // keeps recompiling hot Roslyn paths for the first few runs).
        log("Tier C: warm-up (JIT)…");
        var warm = SyntheticProject.Parse(100);
        EmitOnce(warm, RunOnceGenerated(warm));
        EmitOnce(warm, RunOnceGenerated(warm));
        for (var i = 0; i < 4; i++)
        {
            RunOnce(projects[0].Trees, NoOpGenerators(), out _);
            RunOnce(projects[0].Trees, BloomGenerators(), out _);
        }

        var measured = projects.Select(p =>
        {
            var generated = RunOnceGenerated(p.Trees);
            var (files, chars) = CheckClean(p.Trees, generated, p.Size);
            return (p.Size, p.Trees, Generated: generated, Files: files, Chars: chars, NoOp: new List<double>(), Bloom: new List<double>(), Emit: new List<double>());
        }).ToList();

        // Interleaved: every repetition runs no-op, Bloom (and Emit for the first emitRepetitions) for every size in turn,
        // so a burst of load on the shared machine hits all variants and sizes alike.
        for (var r = 0; r < repetitions; r++)
        {
            foreach (var m in measured)
            {
                m.NoOp.Add(RunOnce(m.Trees, NoOpGenerators(), out _));
                m.Bloom.Add(RunOnce(m.Trees, BloomGenerators(), out _));
                var emitted = r < emitRepetitions ? EmitOnce(m.Trees, m.Generated) : double.NaN;
                if (!double.IsNaN(emitted))
                {
                    m.Emit.Add(emitted);
                }

                log(string.Create(CultureInfo.InvariantCulture, $"Tier C: {m.Size} types, run {r + 1}/{repetitions}: no-op {m.NoOp[^1]:0.0} ms, Bloom {m.Bloom[^1]:0.0} ms, Emit {(double.IsNaN(emitted) ? "-" : emitted.ToString("0.0", CultureInfo.InvariantCulture))} ms"));
            }
        }

        var results = new List<TierCSize>();
        foreach (var m in measured)
        {
            var noOpTiming = Timing.Of(m.NoOp);
            var bloomTiming = Timing.Of(m.Bloom);
            var emitTiming = Timing.Of(m.Emit);
            results.Add(new TierCSize(
                m.Size,
                m.Trees.Length,
                m.Files,
                m.Chars,
                noOpTiming,
                bloomTiming,
                emitTiming,
                bloomTiming.MedianMs - noOpTiming.MedianMs,
                100.0 * bloomTiming.MedianMs / emitTiming.MedianMs));
        }

        wall.Stop();
        var loadEnd = RunEnvironment.LoadAverage1();
        var small = results[0];
        var large = results[^1];
        var scaling = large.Bloom.MedianMs / small.Bloom.MedianMs;
        var worstShare = results.Max(static s => s.BloomPercentOfEmit);
        return new TierCResult(
            results,
            repetitions,
            emitRepetitions,
            scaling,
            large.NoOp.MedianMs / small.NoOp.MedianMs,
            large.Emit.MedianMs / small.Emit.MedianMs,
            worstShare,
            scaling <= MaxScaling ? "MET" : "MISSED",
            worstShare <= MaxPercentOfEmit ? "MET" : "MISSED",
            loadStart,
            loadEnd,
            wall.Elapsed.TotalSeconds,
            startedAt);
    }

    /// <summary>A full, blocking collection before a timed step, so one run's garbage is not billed to the next.</summary>
    internal static void ForceGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>One cold run: fresh compilation, fresh driver, RunGeneratorsAndUpdateCompilation. Returns milliseconds.</summary>
    private static double RunOnce(ImmutableArray<SyntaxTree> trees, ISourceGenerator[] generators, out ImmutableArray<SyntaxTree> generated)
    {
        var compilation = SyntheticProject.Compile(trees, "Synthetic");
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators,
            parseOptions: SyntheticProject.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        ForceGc();
        var sw = Stopwatch.StartNew();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
        sw.Stop();
        generated = driver.GetRunResult().GeneratedTrees;
        return sw.Elapsed.TotalMilliseconds;
    }

    private static ImmutableArray<SyntaxTree> RunOnceGenerated(ImmutableArray<SyntaxTree> trees)
    {
        RunOnce(trees, BloomGenerators(), out var generated);
        return generated;
    }

    /// <summary>Baseline (b): Emit of the whole project (user files + the generated files) from a fresh compilation. Returns milliseconds.</summary>
    private static double EmitOnce(ImmutableArray<SyntaxTree> trees, ImmutableArray<SyntaxTree> generated)
    {
        var compilation = SyntheticProject.Compile(trees.AddRange(generated), "Synthetic");
        using var stream = new MemoryStream(16 * 1024 * 1024);
        ForceGc();
        var sw = Stopwatch.StartNew();
        var result = compilation.Emit(stream);
        sw.Stop();
        if (!result.Success)
        {
            throw new InvalidOperationException("Emit of the synthetic project failed:\n" +
                string.Join("\n", result.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        }

        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>Counts the generated output and fails on any generator diagnostic (Emit fails on any compile error).</summary>
    private static (int Files, long Chars) CheckClean(ImmutableArray<SyntaxTree> trees, ImmutableArray<SyntaxTree> generated, int size)
    {
        var compilation = SyntheticProject.Compile(trees, "Synthetic");
        var driver = CSharpGeneratorDriver.Create(BloomGenerators(), parseOptions: SyntheticProject.ParseOptions).RunGenerators(compilation);
        var diagnostics = driver.GetRunResult().Diagnostics;
        if (!diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"The generators reported diagnostics on the {size}-type project:\n" + string.Join("\n", diagnostics.Take(10)));
        }

        return (generated.Length, generated.Sum(static t => (long)t.Length));
    }

    public static string ToMarkdown(TierCResult result, MachineInfo machine, SourceState source)
    {
        var sb = new StringBuilder();
        RunEnvironment.AppendHeader(sb, "# Tier C — generator (in-process CSharpGeneratorDriver, Stopwatch harness)", result.StartedAt, string.Create(CultureInfo.InvariantCulture, $"; Tier C wall time {result.WallSeconds:0.0} s"), machine, source, result.LoadStart, result.LoadEnd);
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Method: synthetic project, one type per file, equal numbers of strongly typed ids, validated value objects, domain events and aggregates (half event-sourced). Each timed run is a fresh compilation + fresh driver (`RunGeneratorsAndUpdateCompilation`), forced GC before it; no-op / Bloom / Emit and both sizes interleaved; medians of {result.Repetitions} generator runs and {result.EmitRepetitions} Emit runs after a JIT warm-up. Emit = `compilation.Emit` of user + generated files to a MemoryStream.");
        sb.AppendLine();
        sb.AppendLine("| Types | Files in / generated | Generated chars | No-op FAWMN generator (a) | Bloom generators | Bloom − no-op | Emit (b) | Bloom / Emit |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in result.Sizes)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.AnnotatedTypes} | {s.Files} / {s.GeneratedFiles} | {s.GeneratedChars:N0} | {Cell(s.NoOp)} | {Cell(s.Bloom)} | {Fmt.Ms(s.BloomNetMedianMs)} | {Cell(s.Emit)} | {Fmt.Pct(s.BloomPercentOfEmit)} |");
        }

        sb.AppendLine();
        sb.AppendLine("Cells: median (min – max).");
        sb.AppendLine();
        sb.AppendLine("| Check | Measured | Target | Status |");
        sb.AppendLine("|---|---:|---:|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| C1 scaling: Bloom time {result.Sizes[^1].AnnotatedTypes} / {result.Sizes[0].AnnotatedTypes} types | {Fmt.Num(result.ScalingRatio)} (no-op {Fmt.Num(result.NoOpScalingRatio)}, Emit {Fmt.Num(result.EmitScalingRatio)}) | ≤ {Fmt.Num(MaxScaling, "0.0")} | {result.ScalingStatus} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| C1 share: Bloom generator time / Emit time (worst size) | {Fmt.Pct(result.GeneratorPercentOfEmitWorst)} | ≤ {Fmt.Pct(MaxPercentOfEmit)} | {result.ShareStatus} |");
        return sb.ToString();
    }

    /// <summary>"median (min – max)" for a result table cell.</summary>
    internal static string Cell(Timing t) => $"{Fmt.Ms(t.MedianMs)} ({Fmt.Num(t.MinMs, "0.0")} – {Fmt.Num(t.MaxMs, "0.0")})";
}
