using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bloom.Benchmarks.Infrastructure;
using Bloom.Benchmarks.TierB;
using Bloom.Messaging;
using Bloom.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.Benchmarks.TierE;

/// <summary>B7's event: a generated domain event (UUIDv7 id, clock, generated JSON), as a unit of work's commit writes it to the outbox.</summary>
[DomainEvent(Name = "bench.item-shipped")]
public sealed partial record ItemShipped(Guid ItemId, int Quantity, string Warehouse);

/// <summary>What B7's handlers add to (a singleton, so scoped handlers can count across scopes).</summary>
public sealed class ShippedTally
{
    public long Handled { get; set; }
}

[DomainEventHandler]
public sealed class ShippedHandler1(ShippedTally tally) : IAsyncDomainEventHandler<ItemShipped>
{
    public ValueTask HandleAsync(ItemShipped domainEvent, CancellationToken cancellationToken)
    {
        tally.Handled += domainEvent.Quantity > 0 ? 1 : 0;
        return default;
    }
}

[DomainEventHandler]
public sealed class ShippedHandler2(ShippedTally tally) : IAsyncDomainEventHandler<ItemShipped>
{
    public ValueTask HandleAsync(ItemShipped domainEvent, CancellationToken cancellationToken)
    {
        tally.Handled += domainEvent.Warehouse.Length > 0 ? 1 : 0;
        return default;
    }
}

/// <summary>B7's outcome: the measured scenario, or why it was not run.</summary>
/// <param name="ClaimNsPerMessage">In the store-loop part row: time in <c>ClaimAsync</c> per message (all passes).</param>
/// <param name="MarkNsPerMessage">In the store-loop part row: time in <c>MarkDispatchedAsync</c> per message (all passes).</param>
internal sealed record B7Result(ScenarioResult? Scenario, string? NotRunReason, string? Settings, double ClaimNsPerMessage = double.NaN, double MarkNsPerMessage = double.NaN);

/// <summary>
/// B7 — outbox drain: 10,000 pending messages, batch of 100, through the in-process transport into 2 handlers, vs a raw SQL loop
/// (select a batch, deserialize with the generated reader, call the handlers directly, mark the batch dispatched) on the same
/// SQLite file (WAL + <c>synchronous=NORMAL</c>, the Tier B settings). Before every pass (untimed) the outbox is emptied and
/// refilled with the same 10,000 envelopes.
/// </summary>
internal static class B7OutboxDrain
{
    public const int Messages = 10_000;
    public const int BatchSize = 100;
    public const double Target = 0.80;
    public const int MinRepetitions = 9;

    private const string InsertSql =
        "INSERT INTO bloom_outbox (message_id, event_id, event_type, schema_version, occurred_at, correlation_id, causation_id, payload, created_at) " +
        "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)";

    private const string SelectBatchSql = "SELECT rowid, payload FROM bloom_outbox WHERE dispatched_at IS NULL ORDER BY rowid LIMIT $limit";

    public static B7Result Run(TierBOptions options, Action<string> log)
    {
        try
        {
            return RunCore(options, log);
        }
        catch (Exception ex) when (ex is InvalidOperationException or SqliteException or IOException)
        {
            // Reported, never hidden: the results then say B7 was not run and why.
            log("Tier E B7 failed: " + ex);
            return new B7Result(null, $"the run failed: {ex.GetType().Name}: {ex.Message}", null);
        }
    }

    private static B7Result RunCore(TierBOptions options, Action<string> log)
    {
        using var db = TierBDatabase.Create(SqliteSynchronousMode.Normal);
        var outbox = new SqliteOutboxStore(db.Factory);
        outbox.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        var registry = BloomDomainEvents.Registry;
        var serializer = new EventEnvelopeSerializer(registry);
        var envelopes = new EventEnvelope[Messages];
        for (var i = 0; i < envelopes.Length; i++)
        {
            envelopes[i] = serializer.Wrap(new ItemShipped(Guid.CreateVersion7(), 1 + (i % 7), "WH-" + (i % 13).ToString(CultureInfo.InvariantCulture)), "bench-correlation");
        }

        // The Bloom wiring AddBloom(b => b.UseSqlite(...).UseOutbox()) registers: the event handler map (singleton), a scoped
        // dispatcher and scoped handlers (the generator's default lifetime), a scoped MessageContext, the in-process transport.
        var map = new EventHandlerMap(BloomEventHandlers.Descriptors);
        var services = new ServiceCollection();
        services.AddBloomHandlers(singletons: false);
        services.AddSingleton(map);
        services.AddScoped<IEventDispatcher>(static sp => new SequentialEventDispatcher(sp, sp.GetRequiredService<EventHandlerMap>(), TimeProvider.System));
        services.AddScoped(static _ => new MessageContext());
        using var provider = services.BuildServiceProvider();
        var tally = provider.GetRequiredService<ShippedTally>();
        var publisherOptions = new OutboxPublisherOptions { BatchSize = BatchSize, OwnerId = "tier-e-b7" };
        var publisher = new OutboxPublisher(outbox, new InProcessTransport(provider.GetRequiredService<IServiceScopeFactory>(), serializer), publisherOptions);
        var direct = new OutboxPublisher(outbox, new DirectTransport(registry, tally), publisherOptions);
        var handler1 = new ShippedHandler1(tally);
        var handler2 = new ShippedHandler2(tally);
        var type = registry.Get("bench.item-shipped");

        var split = new ClaimMarkSplit();
        long handledBefore = 0;
        void Fill()
        {
            Refill(db, envelopes);
            handledBefore = tally.Handled;
        }

        void Check()
        {
            using var connection = db.Factory.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM bloom_outbox WHERE dispatched_at IS NULL";
            var pending = (long)command.ExecuteScalar()!;
            command.CommandText = "SELECT COUNT(*) FROM bloom_outbox WHERE dispatched_at IS NOT NULL";
            var dispatched = (long)command.ExecuteScalar()!;
            if (pending != 0 || dispatched != Messages || tally.Handled - handledBefore != 2L * Messages)
            {
                throw new InvalidOperationException($"B7: after a drain {pending} pending, {dispatched} dispatched, {tally.Handled - handledBefore} handler calls (expected 0, {Messages}, {2 * Messages}).");
            }
        }

        var variants = new List<Variant>
        {
            new($"raw Microsoft.Data.Sqlite loop: prepared SELECT … LIMIT {BatchSize}, generated JSON reader, 2 handlers called directly, 1 range UPDATE per batch in 1 tx",
                VariantRole.Baseline, Messages, () => RawDrain(db, type, handler1, handler2, perRowUpdate: false), Fill, Check),
            new($"Bloom: OutboxPublisher.PublishPendingAsync, batch {BatchSize}, InProcessTransport (scope per message, scoped dispatcher and handlers)",
                VariantRole.Bloom, Messages, () => Drain(publisher), Fill, Check),
            new("Bloom part: OutboxPublisher + SqliteOutboxStore with a direct transport (generated reader, handlers called directly: no scope, no dispatcher)",
                VariantRole.Info, Messages, () => Drain(direct), Fill, Check),
            new("Bloom part: SqliteOutboxStore.ClaimAsync + MarkDispatchedAsync loop, handlers called directly (no publisher, no transport)",
                VariantRole.Info, Messages, () => StoreLoop(outbox, type, handler1, handler2, split), Fill, Check),
            new("Raw shape check: the raw loop with Bloom's SQL (lease claim UPDATE … RETURNING in its own tx, then one UPDATE by message_id per message)",
                VariantRole.Info, Messages, () => RawLeaseDrain(db, type, handler1, handler2), Fill, Check),
            new("Raw shape check: the raw loop with one prepared UPDATE by rowid per message instead of one per batch",
                VariantRole.Info, Messages, () => RawDrain(db, type, handler1, handler2, perRowUpdate: true), Fill, Check),
        };
        var scenario = new Scenario(
            "B7",
            $"Outbox drain: {Messages:N0} pending messages, batch {BatchSize}, in-process handler (2 handlers per message)",
            "message",
            Target,
            $"Each pass drains {Messages:N0} outbox rows (one event type, ≈{envelopes[0].Payload.Length} B JSON payload) written beforehand (untimed) with the outbox's own INSERT. "
            + "Bloom: `OutboxPublisher.PublishPendingAsync` over `SqliteOutboxStore` (claim = a `SELECT` of the batch and one range `UPDATE` setting the lease, in one transaction; mark = one `UPDATE` for the batch's ids, a JSON array, in one transaction) "
            + "and `InProcessTransport` (unwrap with the envelope checks, a new DI scope per message, the scope's `SequentialEventDispatcher`, scoped handlers). "
            + "Raw: one connection, prepared `SELECT rowid, payload … WHERE dispatched_at IS NULL ORDER BY rowid LIMIT 100` (the outbox's partial index), the generated JSON reader, "
            + "both handlers called directly, then `UPDATE … SET dispatched_at WHERE rowid BETWEEN first AND last AND dispatched_at IS NULL` in one `BEGIN IMMEDIATE` transaction per batch.",
            variants);
        log($"Tier E B7: database {db.Path}; {db.Settings}");
        // Passes of 60-150 ms on a shared machine: 9 measured passes (or --b-reps if higher) keep the medians steady.
        var result = Harness.Run(scenario, options.Warmups, Math.Max(options.Repetitions, MinRepetitions), log);
        return new B7Result(result, null, db.Settings, split.ClaimNs / split.Messages, split.MarkNs / split.Messages);
    }

    private static void Drain(OutboxPublisher publisher)
    {
        var published = publisher.PublishPendingAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (published != Messages)
        {
            throw new InvalidOperationException($"B7: the publisher confirmed {published} of {Messages} messages.");
        }
    }

    private sealed class ClaimMarkSplit
    {
        public double ClaimNs { get; set; }

        public double MarkNs { get; set; }

        public long Messages { get; set; }
    }

    // The publisher's store calls without the publisher: claim a batch, handle it, mark it; claim and mark are timed.
    private static void StoreLoop(SqliteOutboxStore outbox, DomainEventType type, ShippedHandler1 handler1, ShippedHandler2 handler2, ClaimMarkSplit split)
    {
        var ids = new List<Guid>(BatchSize);
        var options = BloomJson.DefaultOptions;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var messages = outbox.ClaimAsync("tier-e-b7-loop", BatchSize, TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
            split.ClaimNs += Stopwatch.GetElapsedTime(started).TotalNanoseconds;
            if (messages.Count == 0)
            {
                return;
            }

            ids.Clear();
            foreach (var message in messages)
            {
                var json = new Utf8JsonReader(message.Envelope.Payload.Span);
                json.Read();
                var shipped = (ItemShipped)type.Read(ref json, options);
                Complete(handler1.HandleAsync(shipped, CancellationToken.None));
                Complete(handler2.HandleAsync(shipped, CancellationToken.None));
                ids.Add(message.Envelope.MessageId);
            }

            started = Stopwatch.GetTimestamp();
            outbox.MarkDispatchedAsync("tier-e-b7-loop", ids, CancellationToken.None).GetAwaiter().GetResult();
            split.MarkNs += Stopwatch.GetElapsedTime(started).TotalNanoseconds;
            split.Messages += messages.Count;
        }
    }

    // Bloom's statements, hand-driven on one connection with prepared commands: what the SQL shape itself costs.
    private static void RawLeaseDrain(TierBDatabase db, DomainEventType type, ShippedHandler1 handler1, ShippedHandler2 handler2)
    {
        using var connection = db.Factory.Open();
        using var claim = connection.CreateCommand();
        claim.CommandText =
            "UPDATE bloom_outbox SET lease_owner = $owner, lease_until = $until " +
            "WHERE rowid IN (SELECT rowid FROM bloom_outbox " +
            "WHERE dispatched_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $now) AND (lease_until IS NULL OR lease_until <= $now) " +
            "ORDER BY rowid LIMIT $limit) RETURNING rowid, message_id, payload";
        claim.Parameters.AddWithValue("$owner", "raw");
        var until = claim.Parameters.Add("$until", SqliteType.Integer);
        var claimNow = claim.Parameters.Add("$now", SqliteType.Integer);
        claim.Parameters.AddWithValue("$limit", (long)BatchSize);
        using var mark = connection.CreateCommand();
        mark.CommandText = "UPDATE bloom_outbox SET dispatched_at = $now, lease_owner = NULL, lease_until = NULL WHERE message_id = $id AND lease_owner = $owner AND dispatched_at IS NULL";
        var markNow = mark.Parameters.Add("$now", SqliteType.Integer);
        var id = mark.Parameters.Add("$id", SqliteType.Text);
        mark.Parameters.AddWithValue("$owner", "raw");
        var ids = new string[BatchSize];
        var payloads = new byte[BatchSize][];
        var options = BloomJson.DefaultOptions;
        while (true)
        {
            var n = 0;
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                claim.Transaction = transaction;
                var now = DateTimeOffset.UtcNow.UtcTicks;
                claimNow.Value = now;
                until.Value = now + TimeSpan.FromSeconds(30).Ticks;
                using (var reader = claim.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids[n] = reader.GetString(1);
                        payloads[n++] = (byte[])reader.GetValue(2);
                    }
                }

                transaction.Commit();
            }

            if (n == 0)
            {
                return;
            }

            for (var i = 0; i < n; i++)
            {
                var json = new Utf8JsonReader(payloads[i]);
                json.Read();
                var shipped = (ItemShipped)type.Read(ref json, options);
                Complete(handler1.HandleAsync(shipped, CancellationToken.None));
                Complete(handler2.HandleAsync(shipped, CancellationToken.None));
            }

            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                mark.Transaction = transaction;
                markNow.Value = DateTimeOffset.UtcNow.UtcTicks;
                for (var i = 0; i < n; i++)
                {
                    id.Value = ids[i];
                    mark.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        }
    }

    private static void RawDrain(TierBDatabase db, DomainEventType type, ShippedHandler1 handler1, ShippedHandler2 handler2, bool perRowUpdate)
    {
        using var connection = db.Factory.Open();
        using var select = connection.CreateCommand();
        select.CommandText = SelectBatchSql;
        select.Parameters.AddWithValue("$limit", (long)BatchSize);
        select.Prepare();
        using var update = connection.CreateCommand();
        update.CommandText = perRowUpdate
            ? "UPDATE bloom_outbox SET dispatched_at = $now WHERE rowid = $first AND dispatched_at IS NULL"
            : "UPDATE bloom_outbox SET dispatched_at = $now WHERE rowid BETWEEN $first AND $last AND dispatched_at IS NULL";
        var now = update.Parameters.Add("$now", SqliteType.Integer);
        var first = update.Parameters.Add("$first", SqliteType.Integer);
        var last = perRowUpdate ? null : update.Parameters.Add("$last", SqliteType.Integer);
        var rowids = new long[BatchSize];
        var options = BloomJson.DefaultOptions;
        while (true)
        {
            var n = 0;
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    rowids[n++] = reader.GetInt64(0);
                    var json = new Utf8JsonReader((byte[])reader.GetValue(1));
                    json.Read();
                    var shipped = (ItemShipped)type.Read(ref json, options);
                    Complete(handler1.HandleAsync(shipped, CancellationToken.None));
                    Complete(handler2.HandleAsync(shipped, CancellationToken.None));
                }
            }

            if (n == 0)
            {
                return;
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            update.Transaction = transaction;
            now.Value = DateTimeOffset.UtcNow.UtcTicks;
            if (last is not null)
            {
                first.Value = rowids[0];
                last.Value = rowids[n - 1];
                update.ExecuteNonQuery();
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    first.Value = rowids[i];
                    update.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }

    private static void Complete(ValueTask pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Empties the outbox and writes the same envelopes again, as commits would have (untimed).</summary>
    private static void Refill(TierBDatabase db, EventEnvelope[] envelopes)
    {
        using var connection = db.Factory.Open();
        TierBDatabase.Execute(connection, "DELETE FROM bloom_outbox");
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertSql;
            var p = new SqliteParameter[9];
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text);
            }

            insert.Prepare();
            var created = DateTimeOffset.UtcNow.UtcTicks;
            foreach (var e in envelopes)
            {
                p[0].Value = e.MessageId.ToString("D");
                p[1].Value = e.EventId.ToString("D");
                p[2].Value = e.EventType;
                p[3].Value = (long)e.SchemaVersion;
                p[4].Value = e.OccurredAt.UtcTicks;
                p[5].Value = (object?)e.CorrelationId ?? DBNull.Value;
                p[6].Value = (object?)e.CausationId ?? DBNull.Value;
                p[7].Value = e.Payload.ToArray();
                p[8].Value = created;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        TierBDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /// <summary>A transport that deserializes with the generated reader and calls the handlers directly (B7's "part" row).</summary>
    private sealed class DirectTransport(DomainEventRegistry registry, ShippedTally tally) : IMessageTransport
    {
        private readonly DomainEventType _type = registry.Get("bench.item-shipped");
        private readonly ShippedHandler1 _handler1 = new(tally);
        private readonly ShippedHandler2 _handler2 = new(tally);

        public string Name => "direct";

        public Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            var json = new Utf8JsonReader(envelope.Payload.Span);
            json.Read();
            var shipped = (ItemShipped)_type.Read(ref json, BloomJson.DefaultOptions);
            Complete(_handler1.HandleAsync(shipped, cancellationToken));
            Complete(_handler2.HandleAsync(shipped, cancellationToken));
            return Task.CompletedTask;
        }
    }

    public static void AppendMarkdown(StringBuilder sb, B7Result result)
    {
        if (result.Scenario is not { } scenario)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"**Not run**: {result.NotRunReason}. No number is reported for B7 until it has been measured.");
            return;
        }

        TierBRunner.AppendScenario(sb, scenario);
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Database: {result.Settings}; outbox tables from `SqliteOutboxStore.EnsureSchemaAsync`. vs raw = raw time per message ÷ the variant's (throughput relative to raw, higher is better).");
        var raw = scenario.Baseline;
        var bloom = scenario.Rows.First(static r => r.Role == VariantRole.Bloom);
        VariantResult Find(string prefix) => scenario.Rows.First(r => r.Name.StartsWith(prefix, StringComparison.Ordinal));
        var direct = Find("Bloom part: OutboxPublisher");
        var storeLoop = Find("Bloom part: SqliteOutboxStore");
        var leaseSql = Find("Raw shape check: the raw loop with Bloom's SQL");
        var perRow = Find("Raw shape check: the raw loop with one prepared UPDATE by rowid");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"**Where the time goes ({(bloom.Status == "MET" ? "met" : "miss")}).** Per message: raw {Fmt.Ns(raw.MedianNsPerOp)}, Bloom {Fmt.Ns(bloom.MedianNsPerOp)} ({Signed(bloom.MedianNsPerOp - raw.MedianNsPerOp)}; {Fmt.Num(bloom.BytesPerOp, "0")} B vs {Fmt.Num(raw.BytesPerOp, "0")} B allocated). "
            + $"SQL shape: marking each message by rowid instead of one range UPDATE per batch: {Signed(perRow.MedianNsPerOp - raw.MedianNsPerOp)}; Bloom's statements (a lease claim that writes every row and returns it, then one UPDATE by `message_id` per message) driven raw on one connection: {Fmt.Ns(leaseSql.MedianNsPerOp)} ({Signed(leaseSql.MedianNsPerOp - raw.MedianNsPerOp)} over raw). "
            + $"Store code: the same claim/mark loop through `SqliteOutboxStore` takes {Fmt.Ns(storeLoop.MedianNsPerOp)} ({Signed(storeLoop.MedianNsPerOp - leaseSql.MedianNsPerOp)} over the hand-driven statements: a pooled connection, BEGIN IMMEDIATE and commands created and parameters bound per call, the envelope read per row (2 `Guid.Parse`, strings, payload copy, validation), the async ADO.NET calls; {Fmt.Num(storeLoop.BytesPerOp, "0")} B/message). "
            + $"Inside that loop, `ClaimAsync` takes {Fmt.Ns(result.ClaimNsPerMessage)} and `MarkDispatchedAsync` {Fmt.Ns(result.MarkNsPerMessage)} per message (all passes, warm-up included). "
            + $"Publisher: `OutboxPublisher` with a direct transport {Fmt.Ns(direct.MedianNsPerOp)} ({Signed(direct.MedianNsPerOp - storeLoop.MedianNsPerOp)} over the store loop). "
            + $"Transport: `InProcessTransport` adds {Signed(bloom.MedianNsPerOp - direct.MedianNsPerOp)} and {Fmt.Num(bloom.BytesPerOp - direct.BytesPerOp, "0")} B per message (envelope checks, a DI scope, a scoped dispatcher and 2 scoped handlers per message).");
    }

    public static JsonObject ToJson(B7Result result)
    {
        var json = new JsonObject
        {
            ["run"] = result.Scenario is not null,
            ["notRunReason"] = result.NotRunReason,
            ["database"] = result.Settings,
            ["claimNsPerMessage"] = double.IsFinite(result.ClaimNsPerMessage) ? Math.Round(result.ClaimNsPerMessage, 1) : null,
            ["markNsPerMessage"] = double.IsFinite(result.MarkNsPerMessage) ? Math.Round(result.MarkNsPerMessage, 1) : null,
        };
        if (result.Scenario is { } s)
        {
            json["target"] = s.Target;
            json["rows"] = new JsonArray([.. s.Rows.Select(static r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["role"] = r.Role.ToString(),
                ["throughputVsBaseline"] = Math.Round(r.Throughput, 3),
                ["medianNsPerOp"] = Math.Round(r.MedianNsPerOp, 1),
                ["minNsPerOp"] = Math.Round(r.MinNsPerOp, 1),
                ["maxNsPerOp"] = Math.Round(r.MaxNsPerOp, 1),
                ["bytesPerOp"] = Math.Round(r.BytesPerOp, 1),
                ["messagesPerSecond"] = Math.Round(r.OpsPerSecond, 0),
                ["status"] = r.Status,
            })]);
        }

        return json;
    }

    private static string Signed(double ns) => (ns >= 0 ? "+" : "−") + Fmt.Ns(Math.Abs(ns));
}
