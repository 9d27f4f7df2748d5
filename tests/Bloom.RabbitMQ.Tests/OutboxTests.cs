using Bloom.RabbitMQ.Tests.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.RabbitMQ.Tests;

/// <summary>The SQLite outbox publishing through the RabbitMQ transport.</summary>
[NonParallelizable]
public sealed class OutboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task An_unroutable_message_stays_undispatched_in_the_outbox_until_a_queue_is_bound()
    {
        var options = Broker.Options("outbox-unroutable");
        var database = TestApp.NewDatabase("producer");
        await using var app = await TestApp.StartAsync(
            database,
            options,
            b => b.UseOutbox(o => o.BaseRetryDelay = TimeSpan.FromMilliseconds(500)),
            startHostedServices: false); // the publisher is driven pass by pass

        Assert.That(app.Provider.GetRequiredService<IMessageTransport>(), Is.InstanceOf<RabbitMqTransport>(), "UseRabbitMq replaces the in-process transport");
        var unitsOfWork = app.Provider.GetRequiredService<IUnitOfWorkFactory<IReceiptsUnitOfWork>>();
        await using (var unitOfWork = unitsOfWork.Begin())
        {
            await unitOfWork.ShopOrders.AddAsync(ShopOrder.PlaceUnheard(1), CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
        }

        var outbox = app.Provider.GetRequiredService<IOutboxStore>();
        var publisher = app.Provider.GetRequiredService<OutboxPublisher>();
        Assert.That(await publisher.PublishPendingAsync(CancellationToken.None), Is.Zero, "nothing confirmed");
        Assert.That(await outbox.CountPendingAsync(CancellationToken.None), Is.EqualTo(1), "unroutable is not dispatched");
        var messageId = Guid.Parse(TestApp.Scalar(database, "SELECT message_id FROM bloom_outbox"));
        var entry = await outbox.FindAsync(messageId, CancellationToken.None);
        Assert.That(entry!.Attempts, Is.EqualTo(1), "one attempt in the pass; the retry waits for its backoff");
        Assert.That(entry.LastError, Does.Contain(nameof(MessageNotAcceptedException)).And.Contain("no queue is bound"));
        Assert.That(await outbox.ListDeadLettersAsync(10, CancellationToken.None), Is.Empty);

        // A consumer declares its queue: the next pass publishes and marks the message.
        var consumer = new RabbitMqConsumerOptions("outbox-unroutable.listener") { UnitOfWork = static _ => null! };
        consumer.EventTypes.Add(NobodyListens.EventTypeName);
        await TransportTests.DeclareAsync(options, consumer);
        var published = 0;
        await TestApp.EventuallyAsync( // once the retry is due
            () => (published += publisher.PublishPendingAsync(CancellationToken.None).GetAwaiter().GetResult()) == 1,
            Patience,
            () => "published after the queue was bound");
        Assert.That(await outbox.CountPendingAsync(CancellationToken.None), Is.Zero);
        var (properties, _) = await TransportTests.GetAsync(options, consumer.QueueName);
        Assert.That(properties.MessageId, Is.EqualTo(entry.Envelope.MessageId.ToString()));
    }

    [Test]
    public async Task Committed_events_travel_from_the_outbox_through_RabbitMQ_to_an_inbox_backed_consumer_in_another_process()
    {
        var options = Broker.Options("outbox-e2e");
        await using var consumerApp = await TestApp.StartAsync(TestApp.NewDatabase("consumer"), options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("outbox-e2e.billing", o =>
        {
            o.EventTypes.Add(OrderPlaced.EventTypeName);
            o.Handler = TestApp.WriteReceiptAsync;
        }));
        await using var producer = await TestApp.StartAsync(TestApp.NewDatabase("producer"), options, b => b.UseOutbox(o => o.PollInterval = TimeSpan.FromMilliseconds(20)));

        var unitsOfWork = producer.Provider.GetRequiredService<IUnitOfWorkFactory<IReceiptsUnitOfWork>>();
        for (var i = 1; i <= 20; i++)
        {
            await using var unitOfWork = unitsOfWork.Begin();
            ((Bloom.Persistence.UnitOfWork)unitOfWork).CorrelationId = "batch-" + i;
            await unitOfWork.ShopOrders.AddAsync(ShopOrder.Place(i, "gil"), CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
        }

        await TestApp.EventuallyAsync(() => TestApp.Receipts(consumerApp.DatabasePath).Count == 20, Patience, () => $"{TestApp.Receipts(consumerApp.DatabasePath).Count} of 20");
        Assert.That(TestApp.Receipts(consumerApp.DatabasePath).Select(r => r.OrderNumber).Order(), Is.EqualTo(Enumerable.Range(1, 20)));
        await TestApp.EventuallyAsync(
            () => producer.Provider.GetRequiredService<IOutboxStore>().CountPendingAsync(CancellationToken.None).GetAwaiter().GetResult() == 0,
            Patience,
            () => "outbox drained");
    }
}
