using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bloom.Benchmarks.Infrastructure;
using Bloom.Benchmarks.TierA;
using Bloom.Benchmarks.TierB;
using Bloom.Benchmarks.TierC;
using Bloom.Benchmarks.TierE;

// Bloom.Toolkit benchmark suite (see ../../shared BENCHMARKS.md and benchmarks/README.md).
//   dotnet run -c Release --project benchmarks/Bloom.Benchmarks -- [--tier A|B|C|E|all] [--reps 9] [--emit-reps 3] [--sizes 500,2000] [--noemit]
//       [--b-reps 5] [--b-warmups 1] [--b-rows 20000] [BenchmarkDotNet args…]
// Results land in <repo>/benchmarks/results wherever it is run from.
var tier = "all";
var repetitions = 9;
var emitRepetitions = 3;
int[] sizes = [500, 2000];
var noEmit = false;
var tierBOptions = new TierBOptions();
var forwarded = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--tier" when i + 1 < args.Length:
            tier = args[++i].ToUpperInvariant();
            break;
        case "--reps" when i + 1 < args.Length:
            repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--emit-reps" when i + 1 < args.Length:
            emitRepetitions = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--sizes" when i + 1 < args.Length:
            sizes = [.. args[++i].Split(',').Select(static s => int.Parse(s, CultureInfo.InvariantCulture))];
            break;
        case "--b-reps" when i + 1 < args.Length:
            tierBOptions = tierBOptions with { Repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture) };
            break;
        case "--b-warmups" when i + 1 < args.Length:
            tierBOptions = tierBOptions with { Warmups = int.Parse(args[++i], CultureInfo.InvariantCulture) };
            break;
        case "--b-rows" when i + 1 < args.Length:
            tierBOptions = tierBOptions with { Rows = int.Parse(args[++i], CultureInfo.InvariantCulture) };
            break;
        case "--noemit":
            noEmit = true;
            break;
        default:
            forwarded.Add(args[i]);
            break;
    }
}

if (tier is not ("A" or "B" or "C" or "CA" or "E" or "ALL"))
{
    Console.Error.WriteLine("usage: --tier A|B|C|CA|E|all (CA = analyzers only; E = events)");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: Debug build; run with -c Release for meaningful numbers.");
#endif

var root = RunEnvironment.FindRepoRoot();
var resultsDir = RunEnvironment.ResultsDirectory(root);
var machine = RunEnvironment.Machine();
var source = SourceState.Read(root);
var total = Stopwatch.StartNew();
Console.WriteLine($"Bloom.Benchmarks: tier {tier}; repo {root}; {machine.Line}; load {RunEnvironment.Format(RunEnvironment.LoadAverage1())}");

TierAResult? tierA = null;
TierBResult? tierB = null;
var tierBPartial = false;
TierCResult? tierC = null;
TierEResult? tierE = null;
var tierEPartial = false;
if (tier is "A" or "ALL")
{
    tierA = TierARunner.Run([.. forwarded], root, noEmit);
    if (tierA.Rows.Count > 0)
    {
        // A run narrowed or reshaped by BenchmarkDotNet arguments (--filter, --job, …) must not replace the committed full results.
        var partial = forwarded.Count > 0;
        File.WriteAllText(Path.Combine(resultsDir, partial ? "tier-a.partial.md" : "tier-a.md"), TierARunner.ToMarkdown(tierA, machine, source));
        if (partial)
        {
            tierA = tierA with { Rows = [] };
        }
    }
}

if (tier is "B" or "ALL")
{
    tierB = TierBRunner.Run(tierBOptions, Console.WriteLine);
    // Like a filtered Tier A run, a run with other sizes or repetition counts never replaces the committed results.
    tierBPartial = tierBOptions != new TierBOptions();
    File.WriteAllText(Path.Combine(resultsDir, tierBPartial ? "tier-b.partial.md" : "tier-b.md"), TierBRunner.ToMarkdown(tierB, machine, source));
}

if (tier is "C" or "CA" or "ALL")
{
    if (tier != "CA")
    {
        tierC = TierCRunner.Run(sizes, repetitions, Math.Min(emitRepetitions, repetitions), Console.WriteLine);
        File.WriteAllText(Path.Combine(resultsDir, "tier-c.md"), TierCRunner.ToMarkdown(tierC, machine, source));
    }

    var analyzers = AnalyzerRunner.Run(sizes, tier == "CA" ? repetitions : Math.Min(7, repetitions), Console.WriteLine);
    var analyzerMarkdown = AnalyzerRunner.ToMarkdown(analyzers, machine, source);
    File.WriteAllText(Path.Combine(resultsDir, "tier-c-analyzers.md"), analyzerMarkdown);
    Console.WriteLine();
    Console.WriteLine(analyzerMarkdown);
}

if (tier is "E" or "ALL")
{
    tierE = TierERunner.Run([.. forwarded], root, noEmit, tierBOptions, Console.WriteLine);
    // BenchmarkDotNet arguments or other Tier B sizes narrow the run: it never replaces the committed results.
    tierEPartial = forwarded.Count > 0 || tierBOptions != new TierBOptions();
    File.WriteAllText(Path.Combine(resultsDir, tierEPartial ? "tier-e.partial.md" : "tier-e.md"), TierERunner.ToMarkdown(tierE, machine, source));
}

total.Stop();
var tierBForJson = tierBPartial ? null : tierB;
var tierEForJson = tierEPartial ? null : tierE;
if (tierA is { Rows.Count: > 0 } || tierBForJson is not null || tierC is not null || tierEForJson is not null)
{
    WriteJson(Path.Combine(resultsDir, "summary.json"), machine, source, tierA, tierBForJson, tierC, tierEForJson, tier == "ALL" ? total.Elapsed.TotalSeconds : null);
}

if (tierA is { Rows.Count: > 0 })
{
    Console.WriteLine();
    Console.WriteLine(TierARunner.ToMarkdown(tierA, machine, source));
}

if (tierB is not null)
{
    Console.WriteLine();
    Console.WriteLine(TierBRunner.ToMarkdown(tierB, machine, source));
}

if (tierC is not null)
{
    Console.WriteLine();
    Console.WriteLine(TierCRunner.ToMarkdown(tierC, machine, source));
}

if (tierE is not null)
{
    Console.WriteLine();
    Console.WriteLine(TierERunner.ToMarkdown(tierE, machine, source));
}

Console.WriteLine($"Total {total.Elapsed.TotalSeconds:0.0} s; results in {resultsDir}");
return 0;

// One JSON file for CI (ratios and bytes are what it compares). Running a single tier keeps the other tier's last section.
static void WriteJson(string path, MachineInfo machine, SourceState source, TierAResult? a, TierBResult? b, TierCResult? c, TierEResult? e, double? allTiersSeconds)
{
    JsonObject doc;
    try
    {
        doc = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];
    }
    catch (JsonException)
    {
        doc = [];
    }

    doc["schema"] = 1;
    doc["machine"] = new JsonObject
    {
        ["line"] = machine.Line,
        ["cores"] = machine.Cores,
        ["cpu"] = machine.Cpu,
        ["os"] = machine.Os,
        ["dotnet"] = machine.DotNet,
        ["rid"] = machine.Rid,
    };
    if (allTiersSeconds is { } seconds)
    {
        doc["allTiersRunSeconds"] = Math.Round(seconds, 1);
    }

    if (a is not null && a.Rows.Count > 0)
    {
        doc["tierA"] = new JsonObject
        {
            ["startedAt"] = a.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["wallSeconds"] = Math.Round(a.WallSeconds, 1),
            ["loadAverage1Start"] = a.LoadStart,
            ["loadAverage1End"] = a.LoadEnd,
            ["toolchain"] = a.Toolchain,
            ["source"] = new JsonObject { ["commit"] = source.Commit, ["dirtySrcFiles"] = source.DirtySrcFiles, ["line"] = source.Line },
            ["rows"] = new JsonArray([.. a.Rows.Select(static r => (JsonNode)new JsonObject
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
                ["targetRatio"] = r.IsBloom ? r.TargetRatio : null,
                ["allocationTarget"] = r.IsBloom ? r.AllocationTarget : null,
                ["status"] = r.Status,
            })]),
        };
    }

    if (b is not null)
    {
        doc["tierB"] = TierBRunner.ToJson(b, source);
    }

    if (c is not null)
    {
        doc["tierC"] = new JsonObject
        {
            ["startedAt"] = c.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["wallSeconds"] = Math.Round(c.WallSeconds, 1),
            ["loadAverage1Start"] = c.LoadStart,
            ["loadAverage1End"] = c.LoadEnd,
            ["source"] = new JsonObject { ["commit"] = source.Commit, ["dirtySrcFiles"] = source.DirtySrcFiles, ["line"] = source.Line },
            ["repetitions"] = c.Repetitions,
            ["emitRepetitions"] = c.EmitRepetitions,
            ["scalingRatio"] = Round(c.ScalingRatio, 3),
            ["scalingTarget"] = TierCRunner.MaxScaling,
            ["scalingStatus"] = c.ScalingStatus,
            ["generatorPercentOfEmit"] = Round(c.GeneratorPercentOfEmitWorst, 2),
            ["generatorPercentOfEmitTarget"] = TierCRunner.MaxPercentOfEmit,
            ["shareStatus"] = c.ShareStatus,
            ["noOpScalingRatio"] = Round(c.NoOpScalingRatio, 3),
            ["emitScalingRatio"] = Round(c.EmitScalingRatio, 3),
            ["sizes"] = new JsonArray([.. c.Sizes.Select(static s => (JsonNode)new JsonObject
            {
                ["annotatedTypes"] = s.AnnotatedTypes,
                ["files"] = s.Files,
                ["generatedFiles"] = s.GeneratedFiles,
                ["generatedChars"] = s.GeneratedChars,
                ["noOp"] = Timing(s.NoOp),
                ["bloom"] = Timing(s.Bloom),
                ["emit"] = Timing(s.Emit),
                ["bloomMinusNoOpMs"] = Round(s.BloomNetMedianMs, 2),
                ["bloomPercentOfEmit"] = Round(s.BloomPercentOfEmit, 2),
                ["bloomRatioToNoOp"] = Round(s.Bloom.MedianMs / s.NoOp.MedianMs, 3),
            })]),
        };
    }

    if (e is not null)
    {
        doc["tierE"] = TierERunner.ToJson(e, source);
    }

    File.WriteAllText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    static JsonObject Timing(Bloom.Benchmarks.TierC.Timing t) => new()
    {
        ["medianMs"] = Round(t.MedianMs, 2),
        ["minMs"] = Round(t.MinMs, 2),
        ["maxMs"] = Round(t.MaxMs, 2),
        ["samplesMs"] = new JsonArray([.. t.SamplesMs.Select(static v => (JsonNode?)Round(v, 2))]),
    };

    static double? Round(double v, int digits) => double.IsFinite(v) ? Math.Round(v, digits) : null;
}
