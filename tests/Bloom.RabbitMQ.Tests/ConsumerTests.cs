using System.Collections.Concurrent;
using System.Text;
using Bloom.RabbitMQ.Tests.Domain;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Bloom.RabbitMQ.Tests;

/// <summary>Consumers against a real broker and SQLite: inbox-backed effects, retries, dead letters, replay.</summary>
[NonParallelizable]
public sealed class ConsumerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly EventEnvelopeSerializer Serializer = new(BloomDomainEvents.Registry);

    [Test]
    public async Task A_confirmed_message_is_consumed_and_its_effect_commits_with_the_inbox_entry()
    {
        var options = Broker.Options("consume-ok");
        var database = TestApp.NewDatabase("consumer");
        await using var app = await TestApp.StartAsync(database, options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("consume-ok.billing", o =>
        {
            o.EventTypes.Add(OrderPlaced.EventTypeName);
            o.Handler = TestApp.WriteReceiptAsync;
        }));

        var envelope = Serializer.Wrap(new OrderPlaced(42, "ann"), correlationId: "req-42");
        await app.Provider.GetRequiredService<IMessageTransport>().PublishAsync(envelope, CancellationToken.None);

        var consumer = app.Consumer("consume-ok.billing");
        await TestApp.EventuallyAsync(() => consumer.Handled == 1, Patience, () => $"handled {consumer.Handled}");
        Assert.That(TestApp.Receipts(database), Is.EqualTo(new[] { (envelope.MessageId, "consume-ok.billing", 42) }));
        Assert.That(TestApp.Inbox(database), Is.EqualTo(new[] { (envelope.MessageId, "consume-ok.billing") }));
        Assert.That(await TransportTests.MessageCountAsync(options, "consume-ok.billing"), Is.Zero, "acknowledged");
        Assert.That(consumer.Duplicates + consumer.Retried + consumer.DeadLettered, Is.Zero);
    }

    [Test]
    public async Task Handlers_registered_with_the_dispatcher_share_the_scope_unit_of_work_and_see_the_message_context()
    {
        var options = Broker.Options("consume-dispatch");
        var database = TestApp.NewDatabase("consumer");
        var seen = new ConcurrentBag<(Guid MessageId, int Attempt, string? Correlation)>();
        await using var app = await TestApp.StartAsync(database, options, b =>
        {
            b.Services.AddSingleton(seen);
            b.Services.AddScoped<ReceiptWriter>();
            b.AddEventHandlers([new EventHandlerDescriptor(
                typeof(OrderPlaced),
                typeof(ReceiptWriter),
                static (services, domainEvent, ct) => services.GetRequiredService<ReceiptWriter>().HandleAsync((OrderPlaced)domainEvent, ct))]);
            b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("consume-dispatch.billing", o => o.EventTypes.Add(OrderPlaced.EventTypeName));
        });

        var envelope = Serializer.Wrap(new OrderPlaced(5, "bob"), correlationId: "req-5");
        await app.Provider.GetRequiredService<IMessageTransport>().PublishAsync(envelope, CancellationToken.None);

        var consumer = app.Consumer("consume-dispatch.billing");
        await TestApp.EventuallyAsync(() => consumer.Handled == 1, Patience, () => $"handled {consumer.Handled}, retried {consumer.Retried}");
        Assert.That(TestApp.Receipts(database).Select(r => (r.MessageId, r.OrderNumber)), Is.EqualTo(new[] { (envelope.MessageId, 5) }));
        Assert.That(seen, Is.EqualTo(new[] { (envelope.MessageId, 1, (string?)"req-5") }));
    }

    [Test]
    public async Task A_handler_that_fails_fewer_times_than_the_limit_is_retried_and_applied_once()
    {
        var options = Broker.Options("consume-transient");
        var database = TestApp.NewDatabase("consumer");
        var calls = 0;
        await using var app = await TestApp.StartAsync(database, options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("consume-transient.billing", o =>
        {
            o.EventTypes.Add(OrderPlaced.EventTypeName);
            o.MaxDeliveries = 4;
            o.RedeliveryDelay = TimeSpan.FromMilliseconds(10);
            o.Handler = async (context, ct) =>
            {
                await TestApp.WriteReceiptAsync(context, ct); // written, then rolled back by the failure
                if (Interlocked.Increment(ref calls) < 3)
                {
                    throw new TimeoutException("the warehouse did not answer");
                }

                Assert.That(context.Attempt, Is.EqualTo(3));
            };
        }));

        var envelope = Serializer.Wrap(new OrderPlaced(1, "cy"));
        await app.Provider.GetRequiredService<IMessageTransport>().PublishAsync(envelope, CancellationToken.None);

        var consumer = app.Consumer("consume-transient.billing");
        await TestApp.EventuallyAsync(() => consumer.Handled == 1, Patience, () => $"handled {consumer.Handled}, retried {consumer.Retried}");
        Assert.That(calls, Is.EqualTo(3));
        Assert.That(consumer.Retried, Is.EqualTo(2));
        Assert.That(TestApp.Receipts(database), Has.Count.EqualTo(1), "the failed attempts wrote nothing");
        Assert.That(await app.Provider.GetRequiredService<RabbitMqDeadLetters>().CountAsync("consume-transient.billing", CancellationToken.None), Is.Zero);
    }

    [Test]
    public async Task A_handler_that_always_fails_is_dead_lettered_after_exactly_N_deliveries_with_its_error_and_replays_after_a_fix()
    {
        const int maxDeliveries = 3;
        var options = Broker.Options("consume-poison");
        var database = TestApp.NewDatabase("consumer");
        var calls = new ConcurrentDictionary<Guid, int>();
        var fixedIt = false;
        await using var app = await TestApp.StartAsync(database, options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("consume-poison.billing", o =>
        {
            o.EventTypes.Add(OrderPlaced.EventTypeName);
            o.MaxDeliveries = maxDeliveries;
            o.RedeliveryDelay = TimeSpan.Zero;
            o.Handler = async (context, ct) =>
            {
                calls.AddOrUpdate(context.Envelope.MessageId, 1, static (_, n) => n + 1);
                if (!Volatile.Read(ref fixedIt))
                {
                    throw new InvalidOperationException("customer 'dee' has no billing account");
                }

                await TestApp.WriteReceiptAsync(context, ct);
            };
        }));

        var envelope = Serializer.Wrap(new OrderPlaced(9, "dee"));
        await app.Provider.GetRequiredService<IMessageTransport>().PublishAsync(envelope, CancellationToken.None);

        var consumer = app.Consumer("consume-poison.billing");
        var deadLetters = app.Provider.GetRequiredService<RabbitMqDeadLetters>();
        await TestApp.EventuallyAsync(() => consumer.DeadLettered == 1, Patience, () => $"dead-lettered {consumer.DeadLettered}, retried {consumer.Retried}");
        Assert.That(calls[envelope.MessageId], Is.EqualTo(maxDeliveries), "exactly N deliveries");
        Assert.That(consumer.Retried, Is.EqualTo(maxDeliveries - 1));
        await DeadLetterCountIsAsync(deadLetters, "consume-poison.billing", 1);

        var letters = await deadLetters.PeekAsync("consume-poison.billing", 10, CancellationToken.None);
        Assert.That(letters, Has.Count.EqualTo(1));
        var letter = letters[0];
        Assert.Multiple(() =>
        {
            Assert.That(letter.MessageId, Is.EqualTo(envelope.MessageId.ToString()));
            Assert.That(letter.EventType, Is.EqualTo(OrderPlaced.EventTypeName));
            Assert.That(letter.Reason, Is.EqualTo("failed"));
            Assert.That(letter.Attempts, Is.EqualTo(maxDeliveries));
            Assert.That(letter.Error, Is.EqualTo("InvalidOperationException: customer 'dee' has no billing account"));
            Assert.That(letter.ErrorType, Is.EqualTo("System.InvalidOperationException"));
            Assert.That(letter.Consumer, Is.EqualTo("consume-poison.billing"));
            Assert.That(letter.DeadLetteredAt, Is.Not.Null);
            Assert.That(Encoding.UTF8.GetString(letter.Body.Span), Is.EqualTo(Encoding.UTF8.GetString(envelope.Payload.Span)));
        });
        await DeadLetterCountIsAsync(deadLetters, "consume-poison.billing", 1); // peeking returns the dead letter to its queue
        Assert.That(TestApp.Receipts(database), Is.Empty, "nothing applied");

        Volatile.Write(ref fixedIt, true);
        Assert.That(await deadLetters.ReplayAsync("consume-poison.billing", 10, CancellationToken.None), Is.EqualTo(1));

        await TestApp.EventuallyAsync(() => consumer.Handled == 1, Patience, () => $"handled {consumer.Handled}");
        Assert.That(TestApp.Receipts(database).Select(r => r.MessageId), Is.EqualTo(new[] { envelope.MessageId }));
        await DeadLetterCountIsAsync(deadLetters, "consume-poison.billing", 0);
        Assert.That(calls[envelope.MessageId], Is.EqualTo(maxDeliveries + 1));
    }

    [Test]
    public async Task A_message_that_cannot_be_read_is_dead_lettered_at_once()
    {
        var options = Broker.Options("consume-unreadable");
        var database = TestApp.NewDatabase("consumer");
        var calls = 0;
        await using var app = await TestApp.StartAsync(database, options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("consume-unreadable.billing", o =>
        {
            o.EventTypes.Add("rmqtests.#");
            o.MaxDeliveries = 5;
            o.Handler = (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.CompletedTask;
            };
        }));

        var good = Serializer.Wrap(new OrderPlaced(1, "eve"));
        var badJson = RabbitMqMessages.CreateProperties(good);
        var unknownType = RabbitMqMessages.CreateProperties(good with { MessageId = Guid.CreateVersion7() });
        unknownType.Type = "rmqtests.never-registered";
        var noMetadata = new BasicProperties { MessageId = Guid.CreateVersion7().ToString(), Type = OrderPlaced.EventTypeName };

        await using (var connection = await new ConnectionFactory { Uri = options.Uri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            await channel.BasicPublishAsync(options.Exchange, OrderPlaced.EventTypeName, true, badJson, Encoding.UTF8.GetBytes("{\"orderNumber\": \"not a number\""));
            await channel.BasicPublishAsync(options.Exchange, "rmqtests.never-registered", true, unknownType, good.Payload);
            await channel.BasicPublishAsync(options.Exchange, OrderPlaced.EventTypeName, true, noMetadata, good.Payload);
        }

        var consumer = app.Consumer("consume-unreadable.billing");
        await TestApp.EventuallyAsync(() => consumer.DeadLettered == 3, Patience, () => $"dead-lettered {consumer.DeadLettered}");
        Assert.That(calls, Is.Zero);
        Assert.That(consumer.Retried, Is.Zero, "poison is not retried");

        var letters = await app.Provider.GetRequiredService<RabbitMqDeadLetters>().PeekAsync("consume-unreadable.billing", 10, CancellationToken.None);
        Assert.That(letters.Select(l => (l.Reason, l.Attempts)), Is.All.EqualTo(("poison", (int?)1)));
        Assert.That(letters.Select(l => l.ErrorType), Is.EquivalentTo(new[]
        {
            "System.Text.Json.JsonException", "System.Collections.Generic.KeyNotFoundException", "System.FormatException",
        }));
        Assert.That(TestApp.Inbox(database), Is.Empty);
    }

    [Test]
    public async Task Two_consumer_names_each_apply_a_message_once()
    {
        var options = Broker.Options("consume-two");
        var database = TestApp.NewDatabase("consumer");
        await using var app = await TestApp.StartAsync(database, options, b =>
        {
            foreach (var name in new[] { "consume-two.billing", "consume-two.shipping" })
            {
                b.AddRabbitMqConsumer<IReceiptsUnitOfWork>(name, o =>
                {
                    o.EventTypes.Add(OrderPlaced.EventTypeName);
                    o.Handler = TestApp.WriteReceiptAsync;
                });
            }
        });

        var envelope = Serializer.Wrap(new OrderPlaced(3, "fay"));
        var transport = app.Provider.GetRequiredService<IMessageTransport>();
        await transport.PublishAsync(envelope, CancellationToken.None);
        await transport.PublishAsync(envelope, CancellationToken.None); // the outbox published it twice (crash before mark)

        await TestApp.EventuallyAsync(
            () => app.Consumer("consume-two.billing").Handled + app.Consumer("consume-two.billing").Duplicates == 2
                  && app.Consumer("consume-two.shipping").Handled + app.Consumer("consume-two.shipping").Duplicates == 2,
            Patience,
            () => "both consumers see both deliveries");
        Assert.That(
            TestApp.Receipts(database).Select(r => r.Consumer).Order(),
            Is.EqualTo(new[] { "consume-two.billing", "consume-two.shipping" }));
        Assert.That(app.Consumer("consume-two.billing").Duplicates, Is.EqualTo(1));
        Assert.That(app.Consumer("consume-two.shipping").Duplicates, Is.EqualTo(1));
    }

    [Test]
    public async Task A_consumer_whose_queue_is_deleted_declares_it_again_and_keeps_consuming()
    {
        var options = Broker.Options("consume-redeclare");
        var database = TestApp.NewDatabase("consumer");
        await using var app = await TestApp.StartAsync(database, options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("consume-redeclare.billing", o =>
        {
            o.EventTypes.Add(OrderPlaced.EventTypeName);
            o.Handler = TestApp.WriteReceiptAsync;
        }));

        await using (var connection = await new ConnectionFactory { Uri = options.Uri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync("consume-redeclare.billing");
        }

        var transport = app.Provider.GetRequiredService<IMessageTransport>();
        var envelope = Serializer.Wrap(new OrderPlaced(11, "hal"));
        await TestApp.EventuallyAsync(
            () =>
            {
                try
                {
                    transport.PublishAsync(envelope, CancellationToken.None).GetAwaiter().GetResult();
                    return true;
                }
                catch (MessageNotAcceptedException)
                {
                    return false; // not declared again yet
                }
            },
            Patience,
            () => "the queue is declared again");

        var consumer = app.Consumer("consume-redeclare.billing");
        await TestApp.EventuallyAsync(() => consumer.Handled == 1, Patience, () => $"handled {consumer.Handled}");
        Assert.That(TestApp.Receipts(database).Select(r => r.OrderNumber), Is.EqualTo(new[] { 11 }));
    }

    [Test]
    public async Task A_queue_that_exists_with_other_arguments_stops_the_consumer_with_a_topology_error()
    {
        var options = Broker.Options("consume-conflict");
        await using (var connection = await new ConnectionFactory { Uri = options.Uri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("consume-conflict.billing", durable: true, exclusive: false, autoDelete: false); // classic, no DLX
        }

        var ex = Assert.ThrowsAsync<RabbitMqTopologyException>(async () =>
        {
            await using var app = await TestApp.StartAsync(TestApp.NewDatabase("consumer"), options, b => b.AddRabbitMqConsumer<IReceiptsUnitOfWork>("consume-conflict.billing", o =>
            {
                o.EventTypes.Add(OrderPlaced.EventTypeName);
                o.Handler = TestApp.WriteReceiptAsync;
            }));
        });
        Assert.That(ex!.Message, Does.Contain("consume-conflict.billing").And.Contain("PRECONDITION_FAILED"));
    }

    // A quorum queue's message count follows returns and acknowledgements asynchronously (through its Raft log).
    private static Task DeadLetterCountIsAsync(RabbitMqDeadLetters deadLetters, string queue, long expected) =>
        TestApp.EventuallyAsync(
            () => deadLetters.CountAsync(queue, CancellationToken.None).GetAwaiter().GetResult() == expected,
            Patience,
            () => $"{queue} should hold {expected} dead letter(s)");

    public sealed class ReceiptWriter(IReceiptsUnitOfWork unitOfWork, MessageContext message, RabbitMqMessageContext delivery, ConcurrentBag<(Guid, int, string?)> seen)
    {
        public async ValueTask HandleAsync(OrderPlaced placed, CancellationToken cancellationToken)
        {
            seen.Add((message.MessageId, delivery.Attempt, message.Envelope!.CorrelationId));
            await unitOfWork.Receipts.AddAsync(Receipt.For(message.MessageId, delivery.Consumer, placed.OrderNumber), cancellationToken);
        }
    }
}
