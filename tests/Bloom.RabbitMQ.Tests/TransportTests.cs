using System.Text;
using Bloom.RabbitMQ.Tests.Domain;
using RabbitMQ.Client;

namespace Bloom.RabbitMQ.Tests;

/// <summary>The transport against a real broker: confirmed, persistent, mandatory publishing with the envelope's metadata.</summary>
[NonParallelizable]
public sealed class TransportTests
{
    private static readonly EventEnvelopeSerializer Serializer = new(BloomDomainEvents.Registry);

    [Test]
    public async Task A_published_message_is_confirmed_persistent_and_carries_the_envelope()
    {
        var options = Broker.Options("transport-ok");
        var consumer = new RabbitMqConsumerOptions("transport-ok.reader") { UnitOfWork = static _ => null! };
        consumer.EventTypes.Add(OrderPlaced.EventTypeName);
        await DeclareAsync(options, consumer);

        var envelope = Serializer.Wrap(new OrderPlaced(7, "ann"), "corr-7", "cause-7");
        await using (var transport = new RabbitMqTransport(options))
        {
            await transport.PublishAsync(envelope, CancellationToken.None);
        }

        var (properties, body) = await GetAsync(options, consumer.QueueName);
        Assert.Multiple(() =>
        {
            Assert.That(properties.DeliveryMode, Is.EqualTo(DeliveryModes.Persistent));
            Assert.That(properties.MessageId, Is.EqualTo(envelope.MessageId.ToString()));
            Assert.That(properties.Type, Is.EqualTo("rmqtests.order-placed"));
            Assert.That(properties.CorrelationId, Is.EqualTo("corr-7"));
            Assert.That(properties.ContentType, Is.EqualTo("application/json"));
            Assert.That(properties.Timestamp.UnixTime, Is.EqualTo(envelope.OccurredAt.ToUnixTimeSeconds()));
            Assert.That(RabbitMqMessages.GetString(properties.Headers, RabbitMqHeaders.CausationId), Is.EqualTo("cause-7"));
            Assert.That(RabbitMqMessages.GetString(properties.Headers, RabbitMqHeaders.EventId), Is.EqualTo(envelope.EventId.ToString()));
            Assert.That(RabbitMqMessages.GetInt64(properties.Headers, RabbitMqHeaders.SchemaVersion), Is.EqualTo(1));
            Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo(Encoding.UTF8.GetString(envelope.Payload.Span)));
        });

        var read = RabbitMqMessages.ReadEnvelope(properties, body);
        Assert.That(read, Is.EqualTo(envelope), "the envelope read back equals the one published, field by field");
        Assert.That(Serializer.Unwrap(read), Is.EqualTo(Serializer.Unwrap(envelope)));
    }

    [Test]
    public async Task An_unroutable_message_is_not_accepted()
    {
        var options = Broker.Options("transport-unroutable");
        await using var transport = new RabbitMqTransport(options);
        var envelope = Serializer.Wrap(new NobodyListens(1));

        var ex = Assert.ThrowsAsync<MessageNotAcceptedException>(() => transport.PublishAsync(envelope, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("no queue is bound").And.Contain("rmqtests.nobody-listens"));

        // The channel survives a return: the next routable publish goes through.
        var consumer = new RabbitMqConsumerOptions("transport-unroutable.reader") { UnitOfWork = static _ => null! };
        consumer.EventTypes.Add(NobodyListens.EventTypeName);
        await DeclareAsync(options, consumer);
        await transport.PublishAsync(envelope, CancellationToken.None);
        var (properties, _) = await GetAsync(options, consumer.QueueName);
        Assert.That(properties.MessageId, Is.EqualTo(envelope.MessageId.ToString()));
    }

    [Test]
    public async Task A_message_the_broker_nacks_is_not_accepted()
    {
        var options = Broker.Options("transport-nack");
        var consumer = new RabbitMqConsumerOptions("transport-nack.full") { UnitOfWork = static _ => null! };
        consumer.EventTypes.Add(OrderPlaced.EventTypeName);
        consumer.QueueArguments["x-max-length"] = 0; // Bloom's queues reject publishes when over their limit (x-overflow: reject-publish)
        await DeclareAsync(options, consumer);

        await using var transport = new RabbitMqTransport(options);
        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await transport.PublishAsync(Serializer.Wrap(new OrderPlaced(i, "ivy")), CancellationToken.None);
                outcomes.Add("confirmed");
            }
            catch (MessageNotAcceptedException ex)
            {
                outcomes.Add(ex.Message.Contains("nacked", StringComparison.Ordinal) ? "nacked" : ex.Message);
            }
        }

        // A quorum queue admits a publish while it is not over its limit: the first fills it, the next ones are nacked.
        Assert.That(outcomes, Is.EqualTo(new[] { "confirmed", "nacked", "nacked" }));
    }

    [Test]
    public async Task Concurrent_publishes_are_each_confirmed()
    {
        var options = Broker.Options("transport-concurrent");
        var consumer = new RabbitMqConsumerOptions("transport-concurrent.reader") { UnitOfWork = static _ => null! };
        consumer.EventTypes.Add("rmqtests.#");
        await DeclareAsync(options, consumer);

        await using var transport = new RabbitMqTransport(options);
        var envelopes = Enumerable.Range(0, 200).Select(i => Serializer.Wrap(new OrderCancelled(i))).ToArray();
        await Task.WhenAll(envelopes.Select(e => transport.PublishAsync(e, CancellationToken.None)));

        await TestApp.EventuallyAsync( // a quorum queue's count follows its Raft log
            () => MessageCountAsync(options, consumer.QueueName).GetAwaiter().GetResult() == 200,
            TimeSpan.FromSeconds(30),
            () => "200 messages queued");
        Assert.That(await MessageCountAsync(options, consumer.QueueName), Is.EqualTo(200), "no more than one per publish");
    }

    internal static async Task DeclareAsync(RabbitMqOptions options, RabbitMqConsumerOptions consumer)
    {
        await using var connection = await new ConnectionFactory { Uri = options.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await RabbitMqTopology.DeclareConsumerAsync(channel, options, consumer, CancellationToken.None);
    }

    internal static async Task<(IReadOnlyBasicProperties Properties, byte[] Body)> GetAsync(RabbitMqOptions options, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = options.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var result = await channel.BasicGetAsync(queue, autoAck: true);
        Assert.That(result, Is.Not.Null, $"queue {queue} is empty");
        return (result!.BasicProperties, result.Body.ToArray());
    }

    internal static async Task<uint> MessageCountAsync(RabbitMqOptions options, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = options.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }
}
