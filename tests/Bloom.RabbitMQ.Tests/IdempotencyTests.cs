using System.Collections.Concurrent;
using Bloom.RabbitMQ.Tests.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.RabbitMQ.Tests;

/// <summary>
/// T5 (PR size, "lite"): every message is delivered 1 + r times (r in 0..3, seeded) in a shuffled order to two processes that
/// each run two consumers (two names) on one SQLite database, with 2 deliveries in flight per consumer. Faults: a seeded tenth of
/// the messages fail their first handling (rolled back before commit, redelivered), and the broker closes every connection
/// mid-run (acknowledgements of committed work are lost, so those messages come again). Effects must equal distinct messages
/// per consumer name.
/// </summary>
[NonParallelizable]
public sealed class IdempotencyTests
{
    private const int Messages = 120;
    private static readonly string[] ConsumerNames = ["t5.billing", "t5.shipping"];
    private static readonly EventEnvelopeSerializer Serializer = new(BloomDomainEvents.Registry);

    [Test]
    public async Task Redelivered_messages_across_concurrent_consumers_have_exactly_one_effect_per_consumer_name()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BLOOM_SEED"), out var s) ? s : Random.Shared.Next();
        TestContext.Out.WriteLine($"seed {seed} (rerun with BLOOM_SEED={seed})");
        var random = new Random(seed);

        var options = Broker.Options("t5");
        var database = TestApp.NewDatabase("t5");
        var envelopes = Enumerable.Range(1, Messages).Select(i => Serializer.Wrap(new OrderPlaced(i, "c" + i))).ToArray();
        var copies = envelopes.ToDictionary(e => e.MessageId, _ => 1 + random.Next(0, 4));
        var failFirst = envelopes.Where(_ => random.Next(10) == 0).Select(e => e.MessageId).ToHashSet();
        var publishes = envelopes.SelectMany(e => Enumerable.Repeat(e, copies[e.MessageId])).OrderBy(_ => random.Next()).ToArray();
        var failed = new ConcurrentDictionary<(Guid, string), bool>();

        void Configure(Bloom.Persistence.BloomBuilder b)
        {
            foreach (var name in ConsumerNames)
            {
                b.AddRabbitMqConsumer<IReceiptsUnitOfWork>(name, o =>
                {
                    o.EventTypes.Add(OrderPlaced.EventTypeName);
                    o.ConcurrentDeliveries = 2;
                    o.Prefetch = 8;
                    o.MaxDeliveries = 10;
                    o.RedeliveryDelay = TimeSpan.FromMilliseconds(5);
                    o.Handler = async (context, ct) =>
                    {
                        await TestApp.WriteReceiptAsync(context, ct);
                        await Task.Delay(10, ct); // keeps deliveries in flight long enough for the connection fault to hit some
                        if (failFirst.Contains(context.Envelope.MessageId) && failed.TryAdd((context.Envelope.MessageId, context.Consumer), true))
                        {
                            throw new IOException("the process died before its commit");
                        }
                    };
                });
            }
        }

        // Declare the queues (start and stop one app), publish everything, then let two "processes" drain concurrently.
        await (await TestApp.StartAsync(database, options, Configure)).DisposeAsync();
        await using (var transport = new RabbitMqTransport(options))
        {
            foreach (var envelope in publishes)
            {
                await transport.PublishAsync(envelope, CancellationToken.None);
            }
        }

        await using var first = await TestApp.StartAsync(database, options, Configure);
        await using var second = await TestApp.StartAsync(database, options, Configure);
        RabbitMqConsumer[] Instances(string name) => [first.Consumer(name), second.Consumer(name)];
        long Acked(string name) => Instances(name).Sum(c => c.Handled + c.Duplicates);

        // rabbitmqctl takes a second or two to start: launch it early so the close lands mid-run.
        await TestApp.EventuallyAsync(() => ConsumerNames.All(n => Acked(n) >= publishes.Length / 20), TimeSpan.FromSeconds(60), () => "consumption started");
        await Broker.Server.CtlAsync("close_all_connections", "T5 fault injection");
        var ackedAtClose = ConsumerNames.Select(n => Acked(n)).ToArray();
        TestContext.Out.WriteLine($"connections closed by the broker with {string.Join(" / ", ackedAtClose)} of {publishes.Length} deliveries acknowledged per consumer name");

        // Every delivery acknowledged (lost acknowledgements make the count overshoot, so also wait for every effect and an empty queue).
        bool Drained(string name) =>
            Acked(name) >= publishes.Length
            && TestApp.Receipts(database).Count(r => r.Consumer == name) >= Messages
            && TransportTests.MessageCountAsync(options, name).GetAwaiter().GetResult() == 0;
        await TestApp.EventuallyAsync(
            () => ConsumerNames.All(Drained),
            TimeSpan.FromSeconds(90),
            () => string.Join("; ", ConsumerNames.Select(n => $"{n}: acked {Acked(n)} of {publishes.Length}")));
        foreach (var name in ConsumerNames)
        {
            Assert.That(await TransportTests.MessageCountAsync(options, name), Is.Zero, $"{name} drained");
        }

        var receipts = TestApp.Receipts(database);
        var inbox = TestApp.Inbox(database);
        foreach (var name in ConsumerNames)
        {
            var mine = receipts.Where(r => r.Consumer == name).ToList();
            var instances = Instances(name);
            TestContext.Out.WriteLine(
                $"{name}: published {publishes.Length} deliveries of {Messages} messages, effects {mine.Count}, inbox rows {inbox.Count(i => i.Consumer == name)}, " +
                $"handled {instances.Sum(c => c.Handled)} (per process {instances[0].Handled}/{instances[1].Handled}), duplicates acked {instances.Sum(c => c.Duplicates)}, retried {instances.Sum(c => c.Retried)}");
            Assert.That(mine.Select(r => r.MessageId).Distinct().Count(), Is.EqualTo(Messages), $"{name}: every message applied");
            Assert.That(mine, Has.Count.EqualTo(Messages), $"{name}: no message applied twice");
            Assert.That(inbox.Count(i => i.Consumer == name), Is.EqualTo(Messages));
            Assert.That(instances.Sum(c => c.DeadLettered), Is.Zero);
        }

        Assert.That(failed, Has.Count.EqualTo(failFirst.Count * ConsumerNames.Length), "every injected failure happened");
    }
}
