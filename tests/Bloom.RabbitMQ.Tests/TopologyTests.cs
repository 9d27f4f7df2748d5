using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.RabbitMQ.Tests;

/// <summary>The topology check and option validation: no broker needed.</summary>
public sealed class TopologyTests
{
    [Test]
    public void Bloom_declares_a_quorum_queue_with_a_dead_letter_exchange_and_a_delivery_limit()
    {
        var options = new RabbitMqOptions { Exchange = "x.events", DeadLetterExchange = "x.dlx" };
        var consumer = Consumer("billing");
        consumer.MaxDeliveries = 4;

        var arguments = RabbitMqTopology.QueueArguments(options, consumer);

        Assert.That(arguments, Does.ContainKey("x-queue-type").WithValue("quorum"));
        Assert.That(arguments, Does.ContainKey("x-dead-letter-exchange").WithValue("x.dlx"));
        Assert.That(arguments, Does.ContainKey("x-dead-letter-routing-key").WithValue("billing"));
        Assert.That(arguments, Does.ContainKey("x-delivery-limit").WithValue(4));
        Assert.That(RabbitMqTopology.DeadLetterQueueName("billing"), Is.EqualTo("billing.dead-letter"));
        Assert.DoesNotThrow(() => RabbitMqTopology.Validate("billing", arguments));
    }

    [Test]
    public void A_delivery_limit_without_a_dead_letter_exchange_fails_the_topology_check()
    {
        var arguments = new Dictionary<string, object?> { ["x-queue-type"] = "quorum", ["x-delivery-limit"] = 3 };

        var ex = Assert.Throws<RabbitMqTopologyException>(() => RabbitMqTopology.Validate("orders", arguments));

        Assert.That(ex!.Message, Does.Contain("'orders'").And.Contain("x-delivery-limit").And.Contain("silently drop"));
    }

    [Test]
    public void A_consumer_that_removes_the_dead_letter_exchange_is_refused_when_registered()
    {
        var services = new ServiceCollection();
        var builder = new BloomBuilder(services).UseRabbitMq(new RabbitMqOptions());

        var ex = Assert.Throws<RabbitMqTopologyException>(() => builder.AddRabbitMqConsumer("billing", o =>
        {
            o.EventTypes.Add("ordering.order-placed");
            o.UnitOfWork = static _ => null!;
            o.QueueArguments["x-dead-letter-exchange"] = null; // removes Bloom's
        }));
        Assert.That(ex!.Message, Does.Contain("'billing'"));
    }

    [Test]
    public void A_consumer_registered_before_the_broker_options_is_checked_when_they_arrive()
    {
        var builder = new BloomBuilder(new ServiceCollection()).AddRabbitMqConsumer("billing", o =>
        {
            o.EventTypes.Add("ordering.order-placed");
            o.UnitOfWork = static _ => null!;
            o.QueueArguments["x-dead-letter-exchange"] = "";
        });

        Assert.Throws<RabbitMqTopologyException>(() => builder.UseRabbitMq(new RabbitMqOptions()));
    }

    [Test]
    public void Consumer_options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => _ = new RabbitMqConsumerOptions("has space"));
        Assert.Throws<ArgumentException>(() => _ = new RabbitMqConsumerOptions(" "));

        var noTypes = new RabbitMqConsumerOptions("a") { UnitOfWork = static _ => null! };
        Assert.That(() => noTypes.Validate(), Throws.InvalidOperationException.With.Message.Contains("no event type"));

        var noUnitOfWork = Consumer("b");
        noUnitOfWork.UnitOfWork = null;
        Assert.That(() => noUnitOfWork.Validate(), Throws.InvalidOperationException.With.Message.Contains("UnitOfWork"));

        var noDeliveries = Consumer("c");
        noDeliveries.MaxDeliveries = 0;
        Assert.That(() => noDeliveries.Validate(), Throws.InvalidOperationException.With.Message.Contains("MaxDeliveries"));

        Assert.Throws<ArgumentException>(() => _ = new RabbitMqOptions { Uri = new Uri("http://127.0.0.1/") });
        Assert.That(() => new RabbitMqOptions { Exchange = "same", DeadLetterExchange = "same" }.Validate(), Throws.InvalidOperationException);
    }

    [Test]
    public void Consumer_names_and_queues_are_unique()
    {
        var builder = new BloomBuilder(new ServiceCollection()).UseRabbitMq(new RabbitMqOptions());
        builder.AddRabbitMqConsumer("billing", o => { o.EventTypes.Add("e"); o.UnitOfWork = static _ => null!; });

        Assert.That(
            () => builder.AddRabbitMqConsumer("billing", o => { o.EventTypes.Add("e"); o.UnitOfWork = static _ => null!; }),
            Throws.InvalidOperationException.With.Message.Contains("registered already"));
        Assert.That(
            () => builder.AddRabbitMqConsumer("shipping", o => { o.EventTypes.Add("e"); o.UnitOfWork = static _ => null!; o.Queue = "billing"; }),
            Throws.InvalidOperationException.With.Message.Contains("share the queue"));
    }

    [Test]
    public void UseRabbitMq_replaces_the_transport()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMessageTransport>(new NullTransport());
        new BloomBuilder(services).UseRabbitMq(new RabbitMqOptions());

        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IMessageTransport>(), Is.InstanceOf<RabbitMqTransport>());
        Assert.That(provider.GetServices<IMessageTransport>().Count(), Is.EqualTo(1));
    }

    private static RabbitMqConsumerOptions Consumer(string name)
    {
        var consumer = new RabbitMqConsumerOptions(name) { UnitOfWork = static _ => null! };
        consumer.EventTypes.Add("ordering.order-placed");
        return consumer;
    }

    private sealed class NullTransport : IMessageTransport
    {
        public string Name => "null";

        public Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
