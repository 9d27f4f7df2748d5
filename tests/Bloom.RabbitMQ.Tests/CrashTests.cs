using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bloom.RabbitMQ.Tests.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.RabbitMQ.Tests;

/// <summary>
/// T4, PR size: the outbox crash matrix, SQLite → RabbitMQ. The victim (tests/Bloom.CrashVictim) places orders (order row +
/// outbox row in one commit) and its hosted outbox publisher sends them through the RabbitMQ transport; it runs as a child
/// process and is killed with SIGKILL at each named point (before commit, after commit before publish, after publish before
/// mark) at least 5 times, each run restarting where the last one died. A final run drains the outbox. A consumer in this
/// process writes one effect row per message through its inbox-backed unit of work.
/// Oracles (from the parent's own ledger of the victim's stdout, never from rows that remain): lost = 0 (every acknowledged
/// commit consumed), phantom = 0 (nothing consumed that was not committed, in particular not the orders killed before their
/// commit), stuck = 0 (no undispatched or dead-lettered outbox row after the drain), duplicate effects = 0. Duplicate deliveries
/// are a figure, printed and written to t4-summary.json.
/// </summary>
[NonParallelizable]
public sealed class CrashTests
{
    private static readonly string[] Points = ["before-commit", "after-commit-before-publish", "after-publish-before-mark"];
    private const int OrdersPerRun = 4;
    private const string Consumer = "t4.billing";

    [Test]
    public async Task Outbox_to_RabbitMQ_survives_SIGKILL_at_every_named_point()
    {
        var killsPerPoint = int.TryParse(Environment.GetEnvironmentVariable("BLOOM_T4_KILLS"), out var kills) ? kills : 5;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BLOOM_SEED"), out var s) ? s : Random.Shared.Next();
        TestContext.Out.WriteLine($"seed {seed} (rerun with BLOOM_SEED={seed}), {killsPerPoint} kills per point");
        var random = new Random(seed);

        var options = Broker.Options("t4");
        var consumerDatabase = TestApp.NewDatabase("consumer");
        var victimDatabase = TestApp.NewDatabase("victim");
        await using var app = await TestApp.StartAsync(consumerDatabase, options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>(Consumer, o =>
        {
            o.EventTypes.Add(CrashOrderPlaced.EventTypeName);
            o.Handler = TestApp.WriteReceiptAsync;
        }));

        var ledger = new Ledger();
        var killedBeforeCommit = new List<int>();
        var killed = Points.ToDictionary(p => p, _ => 0);
        var next = 1;
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < killsPerPoint; round++)
        {
            foreach (var point in Points)
            {
                var k = random.Next(1, OrdersPerRun + 1);
                var run = await RunVictimAsync(ledger, ["place", victimDatabase, options.Uri.ToString(), "t4", next.ToString(CultureInfo.InvariantCulture), OrdersPerRun.ToString(CultureInfo.InvariantCulture)], point, k);
                Assert.That(run.Reached, Is.EqualTo($"{point} {k}"), $"run {round}/{point} reached its kill point; output:\n{run.Output}");
                Assert.That(run.Killed, Is.True);
                killed[point]++;
                if (point == "before-commit")
                {
                    killedBeforeCommit.Add(next + k - 1);
                }

                next += OrdersPerRun;
            }
        }

        var killPhase = clock.Elapsed;
        var drainClock = Stopwatch.StartNew();
        var drain = await RunVictimAsync(ledger, ["drain", victimDatabase, options.Uri.ToString(), "t4"], null, 0);
        var drainTime = drainClock.Elapsed;
        Assert.That(drain.ExitCode, Is.Zero, $"the drain run finished; output:\n{drain.Output}");
        Assert.That(drain.Output, Does.Contain("DRAINED"));

        // The victim's database: committed orders, and the outbox rows that are not dispatched (stuck).
        var committedRows = Query(victimDatabase, "SELECT number FROM \"order\"", r => r.GetInt32(0));
        var outboxRows = Query(victimDatabase, "SELECT count(*) FROM bloom_outbox", r => r.GetInt64(0)).Single();
        var stuck = Query(victimDatabase, "SELECT count(*) FROM bloom_outbox WHERE dispatched_at IS NULL", r => r.GetInt64(0)).Single()
                    + Query(victimDatabase, "SELECT count(*) FROM bloom_dead_letters", r => r.GetInt64(0)).Single();

        // Let the consumer drain (W = 30 s), judged against the ledger of acknowledged commits.
        var consumer = app.Consumer(Consumer);
        int Unconsumed()
        {
            var seen = TestApp.Receipts(consumerDatabase).Select(r => r.OrderNumber).ToHashSet();
            return ledger.Committed.Count(n => !seen.Contains(n));
        }

        await TestApp.EventuallyAsync(() => Unconsumed() == 0, TimeSpan.FromSeconds(30), () => $"{Unconsumed()} acknowledged commits not consumed yet");
        await TestApp.EventuallyAsync(
            () => TransportTests.MessageCountAsync(options, Consumer).GetAwaiter().GetResult() == 0 && consumer.Handled + consumer.Duplicates >= ledger.Published.Count,
            TimeSpan.FromSeconds(30),
            () => $"queue not drained: {consumer.Handled + consumer.Duplicates} of {ledger.Published.Count} confirmed publishes acknowledged");

        var receipts = TestApp.Receipts(consumerDatabase);
        var consumed = receipts.Select(r => r.OrderNumber).ToHashSet();
        var committed = committedRows.ToHashSet();
        var lost = ledger.Committed.Where(n => !consumed.Contains(n)).Order().ToList();
        var phantom = consumed.Where(n => !committed.Contains(n) || killedBeforeCommit.Contains(n)).Order().ToList();
        var duplicateEffects = receipts.Count - receipts.Select(r => r.MessageId).Distinct().Count()
                               + (receipts.Select(r => r.MessageId).Distinct().Count() - consumed.Count);
        var deliveries = consumer.Handled + consumer.Duplicates;
        var duplicateDeliveries = deliveries - receipts.Count;

        var summary = new Dictionary<string, object>
        {
            ["suite"] = $"T4 outbox crash matrix ({(killsPerPoint >= 40 ? "nightly" : "PR")} size), SQLite to RabbitMQ",
            ["seed"] = seed,
            ["killsPerPoint"] = killed,
            ["ordersPerRun"] = OrdersPerRun,
            ["sent"] = ledger.Sent.Count,
            ["committedAcknowledged"] = ledger.Committed.Count,
            ["committedRows"] = committed.Count,
            ["outboxRows"] = outboxRows,
            ["killedBeforeCommit"] = killedBeforeCommit.Count,
            ["confirmedPublishes"] = ledger.PublishedTotal,
            ["confirmedMessagesDistinct"] = ledger.Published.Count,
            ["consumedDistinct"] = consumed.Count,
            ["deliveries"] = deliveries,
            ["duplicateDeliveries"] = duplicateDeliveries,
            ["duplicateDeliveryRate"] = committed.Count == 0 ? 0 : Math.Round((double)duplicateDeliveries / committed.Count, 4),
            ["effects"] = receipts.Count,
            ["lost"] = lost.Count,
            ["phantom"] = phantom.Count,
            ["stuckAfterDrain"] = stuck,
            ["duplicateEffects"] = duplicateEffects,
            ["killPhaseSeconds"] = Math.Round(killPhase.TotalSeconds, 1),
            ["drainSeconds"] = Math.Round(drainTime.TotalSeconds, 2),
        };
        var json = JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true });
        var summaryPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, "t4-summary.json");
        await File.WriteAllTextAsync(summaryPath, json);
        TestContext.AddTestAttachment(summaryPath, "T4 figures");
        TestContext.Out.WriteLine(json);
        TestContext.Progress.WriteLine($"T4: {json.ReplaceLineEndings(" ")}");

        Assert.Multiple(() =>
        {
            Assert.That(lost, Is.Empty, "lost: acknowledged commits never consumed");
            Assert.That(phantom, Is.Empty, "phantom: consumed but never committed");
            Assert.That(stuck, Is.Zero, "stuck: outbox rows not dispatched after the drain");
            Assert.That(duplicateEffects, Is.Zero, "duplicate effects");
            Assert.That(outboxRows, Is.EqualTo(committed.Count), "one outbox row per business row (same transaction)");
            Assert.That(consumed.SetEquals(committed), Is.True, "every committed order consumed, nothing else");
            Assert.That(ledger.Committed.IsSubsetOf(committed), Is.True, "every acknowledged commit is in the database");
            Assert.That(consumer.DeadLettered, Is.Zero);
        });
    }

    private static async Task<VictimRun> RunVictimAsync(Ledger ledger, string[] arguments, string? crashAt, int iteration)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
                   ?? (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet");
        var start = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(VictimPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (crashAt is not null)
        {
            start.Environment["BLOOM_CRASH_AT"] = crashAt;
            start.Environment["BLOOM_CRASH_ITERATION"] = iteration.ToString(CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var errors = process.StandardError.ReadToEndAsync();
        string? reached = null;
        var killedIt = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                var (verb, rest) = line.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? (line[..space], line[(space + 1)..]) : (line, "");
                switch (verb)
                {
                    case "SENT":
                        ledger.Sent.Add(int.Parse(rest, CultureInfo.InvariantCulture));
                        break;
                    case "COMMITTED":
                        ledger.Committed.Add(int.Parse(rest, CultureInfo.InvariantCulture));
                        break;
                    case "PUBLISHED":
                        ledger.Published.Add(Guid.Parse(rest));
                        Interlocked.Increment(ref ledger.PublishedTotal);
                        break;
                    case "REACHED":
                        reached = rest;
                        process.Kill(); // SIGKILL
                        killedIt = true;
                        break;
                }

                if (killedIt)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the victim hung; output:\n{output}");
        }

        await process.WaitForExitAsync();
        output.Append(await errors);
        return new VictimRun(reached, killedIt, process.ExitCode, output.ToString());
    }

    private static string VictimPath()
    {
        // tests/Bloom.RabbitMQ.Tests/bin/<Configuration>/<tfm>/ → tests/Bloom.CrashVictim/bin/<Configuration>/<tfm>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "Bloom.CrashVictim", "bin", configuration, tfm, "Bloom.CrashVictim.dll");
        Assert.That(File.Exists(path), Is.True, $"the crash victim is built next to the tests: {path}");
        return path;
    }

    private static List<T> Query<T>(string database, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private sealed record VictimRun(string? Reached, bool Killed, int ExitCode, string Output);

    private sealed class Ledger
    {
        public ConcurrentSet<int> Sent { get; } = new();

        public ConcurrentSet<int> Committed { get; } = new();

        public ConcurrentSet<Guid> Published { get; } = new();

        public int PublishedTotal;
    }

    private sealed class ConcurrentSet<T> : IEnumerable<T>
        where T : notnull
    {
        private readonly ConcurrentDictionary<T, bool> _items = new();

        public int Count => _items.Count;

        public void Add(T item) => _items.TryAdd(item, true);

        public bool IsSubsetOf(ISet<T> other) => _items.Keys.All(other.Contains);

        public IEnumerator<T> GetEnumerator() => _items.Keys.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
