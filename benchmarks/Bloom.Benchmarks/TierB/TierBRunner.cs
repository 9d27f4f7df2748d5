using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bloom.Benchmarks.Infrastructure;
using Bloom.Sqlite;

namespace Bloom.Benchmarks.TierB;

internal sealed record TierBOptions(int Rows = 20_000, int Commits = 3_000, int Lookups = 8_000, int Queries = 4, int Warmups = 1, int Repetitions = 5);

internal sealed record TierBResult(
    IReadOnlyList<ScenarioResult> Scenarios,
    ScenarioResult A9,
    A9Facts A9Facts,
    double A9FirstInProcessNs,
    TierBOptions Options,
    string DatabaseSettings,
    string CreateTableSql,
    string SqliteVersion,
    double? LoadStart,
    double? LoadEnd,
    double WallSeconds,
    DateTimeOffset StartedAt);

/// <summary>Tier B: B1–B4 against one SQLite file, then A9 (see <see cref="A9Translation"/>).</summary>
internal static class TierBRunner
{
    public static TierBResult Run(TierBOptions options, Action<string> log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadStart = RunEnvironment.LoadAverage1();
        var wall = Stopwatch.StartNew();

        // Before anything else has run the translator: the only truly cold translation of the process.
        var firstTranslation = A9Translation.FirstTranslationInProcessNs();

        using var db = TierBDatabase.Create(SqliteSynchronousMode.Normal);
        string sqliteVersion;
        using (var connection = db.Factory.Open())
        {
            sqliteVersion = connection.ServerVersion;
        }

        log($"Tier B: database {db.Path}; {db.Settings}; SQLite {sqliteVersion}");
        var results = new List<ScenarioResult>
        {
            Harness.Run(Scenarios.B1(db, options.Rows), options.Warmups, options.Repetitions, log),
        };

        var stored = TierBDatabase.NewItems(options.Rows, seed: 1);
        db.Populate(stored);
        results.Add(Harness.Run(Scenarios.B2(db, stored, options.Commits), options.Warmups, options.Repetitions, log));
        results.Add(Harness.Run(Scenarios.B3(db, stored, options.Lookups), options.Warmups, options.Repetitions, log));
        results.Add(Harness.Run(Scenarios.B4(db, options.Rows, options.Queries), options.Warmups, options.Repetitions, log));

        var a9 = JudgeA9(Harness.Run(A9Translation.Scenario(baselineOps: 1_000_000, bloomOps: 8_000), options.Warmups, options.Repetitions, log));
        var facts = A9Translation.Facts();

        wall.Stop();
        return new TierBResult(results, a9, facts, firstTranslation, options, db.Settings, TierBDatabase.CreateTableSql, sqliteVersion, loadStart, RunEnvironment.LoadAverage1(), wall.Elapsed.TotalSeconds, startedAt);
    }

    /// <summary>A9's targets: warm ≤ 2x the baseline's time and no more bytes than its parameter holder; cold ≤ 5 µs.</summary>
    private static ScenarioResult JudgeA9(ScenarioResult a9)
    {
        var baseline = a9.Baseline;
        var rows = a9.Rows.Select(row =>
        {
            if (row.Role != VariantRole.Bloom)
            {
                return row;
            }

            var timeRatio = row.MedianNsPerOp / baseline.MedianNsPerOp;
            var status = row.Name.StartsWith("Bloom warm", StringComparison.Ordinal)
                ? (timeRatio <= A9Translation.WarmMaxRatio, row.BytesPerOp <= baseline.BytesPerOp) switch
                {
                    (true, true) => "MET",
                    (false, true) => "MISSED (time)",
                    (true, false) => "MISSED (allocation)",
                    _ => "MISSED (time and allocation)",
                }
                : row.MedianNsPerOp <= A9Translation.ColdMaxNs ? "MET" : "MISSED (time)";
            return row with { Status = status };
        }).ToList();
        return a9 with { Rows = rows };
    }

    public static string ToMarkdown(TierBResult result, MachineInfo machine, SourceState source)
    {
        var sb = new StringBuilder();
        var o = result.Options;
        RunEnvironment.AppendHeader(sb, "# Tier B — persistence macro benchmarks (SQLite, Stopwatch harness)", result.StartedAt, string.Create(CultureInfo.InvariantCulture, $"; Tier B wall time {result.WallSeconds:0.0} s"), machine, source, result.LoadStart, result.LoadEnd);
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Database: {result.DatabaseSettings}; SQLite {result.SqliteVersion}. One file and one table (`item`, created by `SqliteAggregateStore.EnsureSchemaAsync` from the generated mapping) for every variant.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Harness: {o.Warmups} warm-up + {o.Repetitions} measured passes per variant; the variants of a scenario are interleaved, in an order rotated by one each pass; forced GC before every timed pass. Cells are per operation: median (min – max) over the measured passes.");
        sb.AppendLine("- **vs raw** = the raw baseline's median time per operation ÷ the variant's, i.e. throughput relative to hand-written Microsoft.Data.Sqlite in the same run (higher is better; 0.85x = 15 % slower). Allocated = bytes per operation on the benchmark thread (median pass).");
        sb.AppendLine("- Status applies to Bloom rows. A miss within target ÷ 1.25 is reported as within the gate slack; it counts as a failure only if it repeats in two consecutive runs (BENCHMARKS.md rule 3). \"Bloom part\" rows time one piece of the Bloom path alone, to show where the time goes; \"per request\" rows use a new unit of work per operation (report only).");
        sb.AppendLine("- BENCHMARKS.md specifies WAL + `synchronous=NORMAL` for Tier B (the store's default is FULL; FULL numbers are fsync-bound and report-only, B9).");
        sb.AppendLine();
        sb.AppendLine("## Summary");
        sb.AppendLine();
        sb.AppendLine("| ID | Bloom row | vs raw | Target | Status | Best peer |");
        sb.AppendLine("|---|---|---:|---|---|---|");
        foreach (var scenario in result.Scenarios)
        {
            var peer = scenario.Rows.Where(static r => r.Role == VariantRole.Peer).OrderByDescending(static r => r.Throughput).FirstOrDefault();
            foreach (var row in scenario.Rows.Where(static r => r.Role == VariantRole.Bloom))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Id} | {row.Name} | {Fmt.Ratio(row.Throughput)} | ≥{Fmt.Num(scenario.Target)}x raw | {row.Status} | {(peer is null ? "—" : $"{peer.Name}: {Fmt.Ratio(peer.Throughput)}")} |");
            }
        }

        foreach (var row in result.A9.Rows.Where(static r => r.Role == VariantRole.Bloom))
        {
            var target = row.Name.StartsWith("Bloom warm", StringComparison.Ordinal)
                ? $"≤{Fmt.Num(A9Translation.WarmMaxRatio, "0.0")}x baseline time, ≤ baseline bytes ({Fmt.Num(result.A9.Baseline.BytesPerOp, "0")} B)"
                : $"≤{Fmt.Num(A9Translation.ColdMaxNs / 1000, "0")} µs";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| A9 | {row.Name} | {Fmt.Ratio(row.MedianNsPerOp / result.A9.Baseline.MedianNsPerOp)} time, {Fmt.Ns(row.MedianNsPerOp)}, {Fmt.Num(row.BytesPerOp, "0")} B | {target} | {row.Status} | — |");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"| A9 | same shape ⇒ reference-equal SQL string | {(result.A9Facts.SameShapeReferenceEqual ? "yes" : "no")} (equal text: {(result.A9Facts.SameShapeSameText ? "yes" : "no")}) | reference-equal | {(result.A9Facts.SameShapeReferenceEqual ? "MET" : "MISSED")} | — |");

        foreach (var scenario in result.Scenarios)
        {
            AppendScenario(sb, scenario);
        }

        AppendA9(sb, result);
        sb.AppendLine();
        sb.AppendLine("## Table");
        sb.AppendLine();
        sb.AppendLine("```sql");
        sb.AppendLine(result.CreateTableSql);
        sb.AppendLine("```");
        return sb.ToString();
    }

    internal static void AppendScenario(StringBuilder sb, ScenarioResult scenario)
    {
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {scenario.Id} — {scenario.Title}");
        sb.AppendLine();
        sb.AppendLine(scenario.Method);
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| Variant | vs raw | Per {scenario.Unit} | Min – max | {Capitalize(Plural(scenario.Unit))}/s | Allocated / {scenario.Unit} | Target | Status |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var row in scenario.Rows)
        {
            var name = row.Role == VariantRole.Baseline ? $"**{row.Name}** (baseline)" : row.Name;
            var target = row.Role == VariantRole.Bloom ? $"≥{Fmt.Num(scenario.Target)}x" : string.Empty;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Fmt.Ratio(row.Throughput)} | {Fmt.Ns(row.MedianNsPerOp)} | {Fmt.Ns(row.MinNsPerOp)} – {Fmt.Ns(row.MaxNsPerOp)} | {row.OpsPerSecond:N0} | {Bytes(row.BytesPerOp)} | {target} | {row.Status} |");
        }

        var attribution = Attribution(scenario);
        if (attribution is not null)
        {
            sb.AppendLine();
            sb.AppendLine(attribution);
        }
    }

    /// <summary>Where Bloom's extra time goes, from the "Bloom part" rows of the same run.</summary>
    private static string? Attribution(ScenarioResult scenario)
    {
        var bloom = scenario.Rows.FirstOrDefault(static r => r.Role == VariantRole.Bloom);
        if (bloom is null)
        {
            return null;
        }

        var raw = scenario.Baseline;
        var parts = scenario.Rows.Where(static r => r.Name.StartsWith("Bloom part: store session", StringComparison.Ordinal)).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var extra = bloom.MedianNsPerOp - raw.MedianNsPerOp;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"**Where the time goes ({(bloom.Status == "MET" ? "met" : "miss")}).** Bloom takes {Fmt.Ns(bloom.MedianNsPerOp)} per {scenario.Unit}, raw {Fmt.Ns(raw.MedianNsPerOp)}: {Signed(extra)} ({Bytes(bloom.BytesPerOp)} vs {Bytes(raw.BytesPerOp)} allocated).");
        var previous = raw;
        foreach (var part in parts)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {Describe(part.Name)}: {Fmt.Ns(part.MedianNsPerOp)} ({Signed(part.MedianNsPerOp - previous.MedianNsPerOp)} over {(ReferenceEquals(previous, raw) ? "raw" : "the previous step")}, {Bytes(part.BytesPerOp)}).");
            previous = part;
        }

        sb.Append(CultureInfo.InvariantCulture, $" The unit-of-work layer on top of that adds {Signed(bloom.MedianNsPerOp - previous.MedianNsPerOp)} and {Signed(bloom.BytesPerOp - previous.BytesPerOp, bytes: true)}.");
        var shapes = scenario.Rows.Where(static r => r.Name.StartsWith("Raw shape check", StringComparison.Ordinal)).ToList();
        if (shapes.Count == 2)
        {
            sb.Append(CultureInfo.InvariantCulture, $" Hand-written replicas of the store's row shape: boxed `object?[]` rows then `Reconstitute` {Fmt.Ns(shapes[0].MedianNsPerOp)} ({Signed(shapes[0].MedianNsPerOp - raw.MedianNsPerOp)} over raw); with `IsDBNull` on every column {Fmt.Ns(shapes[1].MedianNsPerOp)} ({Signed(shapes[1].MedianNsPerOp - shapes[0].MedianNsPerOp)} for the null checks alone).");
        }

        return sb.ToString();
    }

    private static string Describe(string partName) => Capitalize(partName["Bloom part: ".Length..]);

    private static void AppendA9(StringBuilder sb, TierBResult result)
    {
        var a9 = result.A9;
        var facts = result.A9Facts;
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## A9 — {a9.Title}");
        sb.AppendLine();
        sb.AppendLine(a9.Method);
        sb.AppendLine();
        sb.AppendLine("| Variant | Time vs baseline | Per translation | Min – max | Allocated / translation | Target | Status |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach (var row in a9.Rows)
        {
            var name = row.Role == VariantRole.Baseline ? $"**{row.Name}** (baseline)" : row.Name;
            var target = row.Role != VariantRole.Bloom ? string.Empty
                : row.Name.StartsWith("Bloom warm", StringComparison.Ordinal) ? $"≤{Fmt.Num(A9Translation.WarmMaxRatio, "0.0")}x, ≤1 allocation" : $"≤{Fmt.Num(A9Translation.ColdMaxNs / 1000, "0")} µs";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Fmt.Ratio(row.MedianNsPerOp / a9.Baseline.MedianNsPerOp)} | {Fmt.Ns(row.MedianNsPerOp)} | {Fmt.Ns(row.MinNsPerOp)} – {Fmt.Ns(row.MaxNsPerOp)} | {Bytes(row.BytesPerOp)} | {target} | {row.Status} |");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Generated SQL: `{facts.Sql}` with parameters {facts.Parameters}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Same shape, different values ⇒ equal text: **{(facts.SameShapeSameText ? "yes" : "no")}**; reference-equal string: **{(facts.SameShapeReferenceEqual ? "yes" : "no")}**. The same instance translated twice ⇒ reference-equal: **{(facts.SameInstanceReferenceEqual ? "yes" : "no")}**. There is no shape cache: every translation walks the expression tree and builds a new string, so \"cold\" (a shape seen for the first time) and \"new instance of a known shape\" cost the same.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- The very first translation in the process (JIT included), timed once before anything else ran: {Fmt.Ns(result.A9FirstInProcessNs)} (report only).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- \"≤1 allocation\" is judged by bytes: a Bloom row meets it only if it allocates no more than the baseline's parameter holder and its values ({Bytes(a9.Baseline.BytesPerOp)}). The runtime has no per-object allocation counter; the byte counts are exact.");
    }

    public static JsonObject ToJson(TierBResult result, SourceState source)
    {
        return new JsonObject
        {
            ["startedAt"] = result.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["wallSeconds"] = Math.Round(result.WallSeconds, 1),
            ["loadAverage1Start"] = result.LoadStart,
            ["loadAverage1End"] = result.LoadEnd,
            ["database"] = result.DatabaseSettings,
            ["sqliteVersion"] = result.SqliteVersion,
            ["warmups"] = result.Options.Warmups,
            ["repetitions"] = result.Options.Repetitions,
            ["source"] = new JsonObject { ["commit"] = source.Commit, ["dirtySrcFiles"] = source.DirtySrcFiles, ["line"] = source.Line },
            ["scenarios"] = new JsonArray([.. result.Scenarios.Append(result.A9).Select(static s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id,
                ["title"] = s.Title,
                ["unit"] = s.Unit,
                ["target"] = s.Target,
                ["rows"] = new JsonArray([.. s.Rows.Select(static r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Name,
                    ["role"] = r.Role.ToString(),
                    ["throughputVsBaseline"] = Round(r.Throughput, 3),
                    ["medianNsPerOp"] = Round(r.MedianNsPerOp, 1),
                    ["minNsPerOp"] = Round(r.MinNsPerOp, 1),
                    ["maxNsPerOp"] = Round(r.MaxNsPerOp, 1),
                    ["bytesPerOp"] = Round(r.BytesPerOp, 1),
                    ["opsPerPass"] = r.OpsPerPass,
                    ["status"] = r.Status,
                })]),
            })]),
            ["a9"] = new JsonObject
            {
                ["sql"] = result.A9Facts.Sql,
                ["sameShapeSameText"] = result.A9Facts.SameShapeSameText,
                ["sameShapeReferenceEqual"] = result.A9Facts.SameShapeReferenceEqual,
                ["sameInstanceReferenceEqual"] = result.A9Facts.SameInstanceReferenceEqual,
                ["firstTranslationInProcessNs"] = Round(result.A9FirstInProcessNs, 0),
            },
        };

        static double? Round(double v, int digits) => double.IsFinite(v) ? Math.Round(v, digits) : null;
    }

    private static string Bytes(double bytes) => bytes < 10_000
        ? bytes.ToString("0", CultureInfo.InvariantCulture) + " B"
        : (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    private static string Signed(double value, bool bytes = false) =>
        (value >= 0 ? "+" : "−") + (bytes ? Bytes(Math.Abs(value)) : Fmt.Ns(Math.Abs(value)));

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Plural(string unit) => unit.EndsWith('y') ? unit[..^1] + "ies" : unit + "s";
}
