namespace Bloom.Messaging.Tests.Outbox;

public sealed class OutboxPublisherOptionsTests
{
    [Test]
    public void Defaults_are_the_documented_ones()
    {
        var options = new OutboxPublisherOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.BatchSize, Is.EqualTo(100));
            Assert.That(options.PollInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.LeaseDuration, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.MaxAttempts, Is.EqualTo(10));
            Assert.That(options.BaseRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.MaxRetryDelay, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(options.JitterRatio, Is.EqualTo(0.2));
            Assert.That(options.InboxRetention, Is.EqualTo(TimeSpan.FromDays(7)));
            Assert.That(options.DispatchedRetention, Is.EqualTo(TimeSpan.FromDays(1)));
            Assert.That(options.CleanupInterval, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(options.OwnerId, Does.StartWith($"{Environment.MachineName}:{Environment.ProcessId}:"));
        });
    }

    [Test]
    public void Every_options_instance_has_its_own_owner_id()
    {
        var first = new OutboxPublisherOptions();
        var second = new OutboxPublisherOptions();
        Assert.That(first.OwnerId, Is.Not.EqualTo(second.OwnerId));
    }

    [Test]
    public void The_retry_delay_doubles_per_failure_up_to_the_maximum_and_adds_at_most_the_jitter_ratio()
    {
        var options = new OutboxPublisherOptions { BaseRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30), JitterRatio = 0.2 };

        Assert.That(Enumerable.Range(1, 7).Select(n => options.RetryDelay(n, 0).TotalSeconds), Is.EqualTo(new[] { 1d, 2, 4, 8, 16, 30, 30 }));
        Assert.That(options.RetryDelay(1000, 0), Is.EqualTo(TimeSpan.FromSeconds(30)), "no overflow");
        Assert.That(options.RetryDelay(3, 0.5), Is.EqualTo(TimeSpan.FromSeconds(4.4)));
        Assert.That(options.RetryDelay(3, 0.999999), Is.LessThan(TimeSpan.FromSeconds(4.8)));
        Assert.That(() => options.RetryDelay(0, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => options.RetryDelay(1, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => options.RetryDelay(1, double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Invalid_values_are_rejected_when_set()
    {
        var options = new OutboxPublisherOptions();
        Assert.Multiple(() =>
        {
            Assert.That(() => options.BatchSize = 0, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.BatchSize = 10_001, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.PollInterval = TimeSpan.Zero, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.LeaseDuration = TimeSpan.FromSeconds(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.MaxAttempts = 0, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.BaseRetryDelay = TimeSpan.FromTicks(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.MaxRetryDelay = TimeSpan.FromTicks(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.JitterRatio = 1.5, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.JitterRatio = double.NaN, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.OwnerId = " ", Throws.ArgumentException);
            Assert.That(() => options.OwnerId = new string('x', 201), Throws.ArgumentException);
            Assert.That(() => options.InboxRetention = TimeSpan.Zero, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.DispatchedRetention = TimeSpan.FromTicks(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => options.CleanupInterval = TimeSpan.Zero, Throws.InstanceOf<ArgumentOutOfRangeException>());
        });

        options.InboxRetention = null;
        options.DispatchedRetention = TimeSpan.Zero;
        Assert.That((options.InboxRetention, options.DispatchedRetention), Is.EqualTo(((TimeSpan?)null, (TimeSpan?)TimeSpan.Zero)));
    }

    [Test]
    public void The_publisher_and_the_in_process_transport_reject_missing_dependencies()
    {
        var store = new InMemoryOutboxStore(new InMemoryAggregateStore());
        var transport = new RecordingTransport();
        Assert.That(() => new OutboxPublisher(null!, transport), Throws.ArgumentNullException);
        Assert.That(() => new OutboxPublisher(store, null!), Throws.ArgumentNullException);
        Assert.That(new OutboxPublisher(store, transport).Options.MaxAttempts, Is.EqualTo(10));
        Assert.That(() => new InProcessTransport(null!, MessagingAdapter.Serializer), Throws.ArgumentNullException);
        Assert.That(() => new InMemoryOutboxStore(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void A_message_context_holds_one_message_per_scope()
    {
        var context = new MessageContext();
        Assert.That(() => context.MessageId, Throws.InvalidOperationException);
        var envelope = new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), "tests.x", 1, DateTimeOffset.UnixEpoch, "{}"u8.ToArray());

        context.Set(envelope);
        context.Set(envelope);

        Assert.That(context.MessageId, Is.EqualTo(envelope.MessageId));
        Assert.That(context.Envelope, Is.SameAs(envelope));
        Assert.That(() => context.Set(envelope with { MessageId = Guid.CreateVersion7() }), Throws.InvalidOperationException);
    }
}
