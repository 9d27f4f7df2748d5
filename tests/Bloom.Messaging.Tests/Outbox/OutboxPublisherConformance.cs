namespace Bloom.Messaging.Tests.Outbox;

/// <summary>
/// <see cref="OutboxPublisher"/> over each outbox store, with a recording transport and a fake clock: messages drain in commit
/// order, only confirmed messages are marked dispatched, failures retry with exponential backoff and end in the dead letters
/// after exactly MaxAttempts, a lease that ran out stops the batch, and stopping keeps what was confirmed.
/// </summary>
public abstract class OutboxPublisherConformance
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected MessagingAdapter A { get; private set; } = null!;

    protected abstract Task<MessagingAdapter> CreateAdapterAsync();

    [SetUp]
    public async Task CreateAdapter() => A = await CreateAdapterAsync();

    [TearDown]
    public async Task DisposeAdapter() => await A.DisposeAsync();

    [Test]
    public async Task A_pass_drains_every_message_in_commit_order_batch_by_batch()
    {
        var expected = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            expected.AddRange(await OpenAsync("owner-" + i, deposits: i % 3));
        }

        var transport = new RecordingTransport();
        var publisher = Publisher(transport, o => o.BatchSize = 7);

        var dispatched = await publisher.PublishPendingAsync(None);

        Assert.That(dispatched, Is.EqualTo(expected.Count));
        Assert.That(transport.Confirmed.Select(e => e.EventId), Is.EqualTo(expected));
        Assert.That(transport.Calls, Is.EqualTo(expected.Count), "each message published once");
        Assert.That(await A.Outbox.CountPendingAsync(None), Is.Zero);
        foreach (var envelope in transport.Confirmed)
        {
            Assert.That((await A.Outbox.FindAsync(envelope.MessageId, None))!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
        }

        Assert.That(await publisher.PublishPendingAsync(None), Is.Zero);
        Assert.That(transport.Calls, Is.EqualTo(expected.Count), "a dispatched message is not published again");
    }

    [Test]
    public async Task An_unconfirmed_message_is_not_dispatched_and_is_retried_with_exponential_backoff_counting_attempts()
    {
        await OpenAsync("ada");
        var transport = new RecordingTransport { Fail = (_, attempt) => attempt <= 3 ? new MessageNotAcceptedException("nacked by the broker") : null };
        var publisher = Publisher(transport, o =>
        {
            o.BaseRetryDelay = TimeSpan.FromSeconds(10);
            o.JitterRatio = 0;
            o.MaxAttempts = 5;
        });

        Assert.That(await publisher.PublishPendingAsync(None), Is.Zero);
        var entry = await OnlyAttemptedAsync(transport);
        var id = entry.Envelope.MessageId;
        Assert.That(entry!.Status, Is.EqualTo(OutboxMessageStatus.Pending));
        Assert.That(entry.Attempts, Is.EqualTo(1));
        Assert.That(entry.LastError, Does.Contain(nameof(MessageNotAcceptedException)).And.Contain("nacked by the broker"));
        Assert.That(entry.NextAttemptAt, Is.EqualTo(A.Time.GetUtcNow() + TimeSpan.FromSeconds(10)));
        Assert.That(entry.LeaseOwner, Is.Null);

        // Each wait doubles: 10 s, 20 s, 40 s. Just before a wait ends nothing is attempted.
        foreach (var (wait, attemptsAfter) in new[] { (10, 2), (20, 3) })
        {
            A.Time.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromTicks(1));
            Assert.That(await publisher.PublishPendingAsync(None), Is.Zero);
            Assert.That(transport.Calls, Is.EqualTo(attemptsAfter - 1), "not due yet");
            A.Time.Advance(TimeSpan.FromTicks(1));
            Assert.That(await publisher.PublishPendingAsync(None), Is.Zero);
            entry = await A.Outbox.FindAsync(id, None);
            Assert.That(entry!.Attempts, Is.EqualTo(attemptsAfter));
            Assert.That(entry.NextAttemptAt, Is.EqualTo(A.Time.GetUtcNow() + TimeSpan.FromSeconds(wait * 2)));
        }

        A.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.That(await publisher.PublishPendingAsync(None), Is.EqualTo(1));
        entry = await A.Outbox.FindAsync(id, None);
        Assert.That(entry!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
        Assert.That(entry.Attempts, Is.EqualTo(3), "three failed attempts, then the fourth was confirmed");
        Assert.That(transport.Calls, Is.EqualTo(4));
        Assert.That(transport.Confirmed.Select(e => e.MessageId), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task The_retry_time_carries_jitter_within_the_configured_ratio()
    {
        await OpenAsync("ada");
        var transport = new RecordingTransport { Fail = (_, _) => new MessageNotAcceptedException("nacked") };
        var publisher = Publisher(transport, o =>
        {
            o.BaseRetryDelay = TimeSpan.FromSeconds(10);
            o.JitterRatio = 0.5;
        });

        await publisher.PublishPendingAsync(None);

        var entry = await OnlyAttemptedAsync(transport);
        var now = A.Time.GetUtcNow();
        Assert.That(entry.NextAttemptAt, Is.GreaterThanOrEqualTo(now + TimeSpan.FromSeconds(10)).And.LessThan(now + TimeSpan.FromSeconds(15)));
    }

    [Test]
    public async Task A_failing_message_does_not_hold_back_the_others()
    {
        var first = (await OpenAsync("first"))[0];
        var poison = (await OpenAsync("poison"))[0];
        var third = (await OpenAsync("third"))[0];
        var transport = new RecordingTransport { Fail = (envelope, _) => envelope.EventId == poison ? new InvalidOperationException("boom") : null };

        var dispatched = await Publisher(transport).PublishPendingAsync(None);

        Assert.That(dispatched, Is.EqualTo(2));
        Assert.That(transport.Confirmed.Select(e => e.EventId), Is.EqualTo(new[] { first, third }));
        Assert.That(await A.Outbox.CountPendingAsync(None), Is.EqualTo(1));
        var entry = (await A.Outbox.FindAsync(transport.Attempted.Single(e => e.EventId == poison).MessageId, None))!;
        Assert.That(entry.Status, Is.EqualTo(OutboxMessageStatus.Pending));
        Assert.That(entry.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task A_message_that_always_fails_is_dead_lettered_after_exactly_MaxAttempts_with_its_last_error()
    {
        await OpenAsync("ada");
        var transport = new RecordingTransport { Fail = (_, attempt) => new MessageNotAcceptedException("unroutable, attempt " + attempt) };
        var publisher = Publisher(transport, o => o.MaxAttempts = 4);

        await DrainAsync(publisher);

        Assert.That(transport.Calls, Is.EqualTo(4));
        Assert.That(transport.Confirmed, Is.Empty);
        Assert.That(await A.Outbox.CountPendingAsync(None), Is.Zero);
        var dead = await A.Outbox.ListDeadLettersAsync(10, None);
        Assert.That(dead, Has.Count.EqualTo(1));
        Assert.That(dead[0].Attempts, Is.EqualTo(4));
        Assert.That(dead[0].LastError, Does.Contain("unroutable, attempt 4"));
    }

    [Test]
    public async Task MaxAttempts_of_one_dead_letters_on_the_first_failure()
    {
        await OpenAsync("ada");
        var transport = new RecordingTransport { Fail = (_, _) => new MessageNotAcceptedException("nacked") };

        await Publisher(transport, o => o.MaxAttempts = 1).PublishPendingAsync(None);

        Assert.That(transport.Calls, Is.EqualTo(1));
        Assert.That((await A.Outbox.ListDeadLettersAsync(10, None)).Select(d => d.Attempts), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Stopping_mid_batch_marks_what_was_confirmed_and_releases_the_rest_without_counting_an_attempt()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await OpenAsync("owner-" + i))[0]);
        }

        using var stop = new CancellationTokenSource();
        var transport = new RecordingTransport
        {
            During = async envelope =>
            {
                if (envelope.EventId == ids[1])
                {
                    await stop.CancelAsync();
                }
            },
        };

        Assert.That(() => Publisher(transport).PublishPendingAsync(stop.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(transport.Confirmed.Select(e => e.EventId), Is.EqualTo(new[] { ids[0] }));
        Assert.That(await A.Outbox.CountPendingAsync(None), Is.EqualTo(2));
        var rest = await A.OpenOutbox().ClaimAsync("another", 10, TimeSpan.FromSeconds(30), None);
        Assert.That(rest.Select(m => (m.Envelope.EventId, m.Attempts)), Is.EqualTo(new[] { (ids[1], 0), (ids[2], 0) }), "released at once, no attempt counted");
    }

    [Test]
    public async Task A_publisher_whose_lease_ran_out_starts_no_further_publish_and_cannot_settle_what_was_taken_over()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await OpenAsync("owner-" + i))[0]);
        }

        var lease = TimeSpan.FromSeconds(30);
        var takeover = new RecordingTransport();
        var other = new OutboxPublisher(A.OpenOutbox(), takeover, new OutboxPublisherOptions { OwnerId = "b", LeaseDuration = lease }, A.Time);
        var stalled = new RecordingTransport();
        stalled.During = async envelope =>
        {
            if (stalled.Calls == 1)
            {
                // Publisher "a" stalls inside its first publish until its lease is over; "b" takes every message over meanwhile.
                A.Time.Advance(lease + TimeSpan.FromSeconds(1));
                await other.PublishPendingAsync(None);
            }
        };
        var publisher = Publisher(stalled, o =>
        {
            o.OwnerId = "a";
            o.LeaseDuration = lease;
        });

        await publisher.PublishPendingAsync(None);

        Assert.That(stalled.Calls, Is.EqualTo(1), "no publish started after the lease ran out");
        Assert.That(takeover.Confirmed.Select(e => e.EventId), Is.EqualTo(ids));
        Assert.That(stalled.Confirmed.Concat(takeover.Confirmed).Count(e => e.EventId == ids[0]), Is.EqualTo(2), "the message in flight at the take-over is delivered twice: at least once");
        Assert.That(await A.Outbox.CountPendingAsync(None), Is.Zero);
        foreach (var envelope in takeover.Confirmed)
        {
            Assert.That((await A.Outbox.FindAsync(envelope.MessageId, None))!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
        }
    }

    [Test]
    public async Task The_hosted_service_publishes_at_start_and_then_every_poll_until_stopped()
    {
        await OpenAsync("before start");
        var transport = new RecordingTransport();
        var publisher = Publisher(transport, o => o.PollInterval = TimeSpan.FromSeconds(5));

        await publisher.StartAsync(None);
        await UntilAsync(() => transport.Confirmed.Count == 1, publisher);

        await OpenAsync("while running");
        await UntilAsync(() => transport.Confirmed.Count == 2, publisher, advance: TimeSpan.FromSeconds(5));

        await publisher.StopAsync(None);
        Assert.That(publisher.ExecuteTask, Is.Not.Null);
        Assert.That(publisher.ExecuteTask!.IsCompletedSuccessfully, Is.True);
        Assert.That(await A.Outbox.CountPendingAsync(None), Is.Zero);
    }

    [Test]
    public async Task The_hosted_service_survives_a_failing_store_and_publishes_on_a_later_poll()
    {
        await OpenAsync("ada");
        var flaky = new FlakyOutboxStore(A.Outbox) { ClaimFailures = 2 };
        var transport = new RecordingTransport();
        var publisher = new OutboxPublisher(flaky, transport, new OutboxPublisherOptions { PollInterval = TimeSpan.FromSeconds(5) }, A.Time);

        await publisher.StartAsync(None);
        await UntilAsync(() => transport.Confirmed.Count == 1, publisher, advance: TimeSpan.FromSeconds(5));
        await publisher.StopAsync(None);

        Assert.That(flaky.ClaimCalls, Is.GreaterThanOrEqualTo(3));
        Assert.That(publisher.ExecuteTask!.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task Cleanup_purges_by_the_configured_retentions()
    {
        var handled = Guid.CreateVersion7();
        await OpenAsync("ada", markHandled: handled);
        var transport = new RecordingTransport();
        var publisher = Publisher(transport, o =>
        {
            o.DispatchedRetention = TimeSpan.FromDays(1);
            o.InboxRetention = TimeSpan.FromDays(7);
        });
        await publisher.PublishPendingAsync(None);

        A.Time.Advance(TimeSpan.FromDays(2));
        Assert.That(await publisher.CleanupAsync(None), Is.EqualTo(new OutboxCleanupResult(1, 0)));
        A.Time.Advance(TimeSpan.FromDays(6));
        Assert.That(await publisher.CleanupAsync(None), Is.EqualTo(new OutboxCleanupResult(0, 1)));

        publisher.Options.InboxRetention = null;
        publisher.Options.DispatchedRetention = null;
        Assert.That(await publisher.CleanupAsync(None), Is.EqualTo(new OutboxCleanupResult(0, 0)));
    }

    private OutboxPublisher Publisher(IMessageTransport transport, Action<OutboxPublisherOptions>? configure = null)
    {
        var options = new OutboxPublisherOptions { OwnerId = "publisher-under-test", MaxRetryDelay = TimeSpan.FromMinutes(1) };
        configure?.Invoke(options);
        return new OutboxPublisher(A.Outbox, transport, options, A.Time);
    }

    /// <summary>Runs passes, moving the clock past the longest retry delay between them, until nothing is pending.</summary>
    private async Task DrainAsync(OutboxPublisher publisher)
    {
        for (var pass = 0; pass < 1000 && await A.Outbox.CountPendingAsync(None) > 0; pass++)
        {
            await publisher.PublishPendingAsync(None);
            A.Time.Advance(publisher.Options.MaxRetryDelay * (1 + publisher.Options.JitterRatio));
        }
    }

    /// <summary>Waits for the hosted loop to reach <paramref name="condition"/>, moving the fake clock so its poll delay can end.</summary>
    private async Task UntilAsync(Func<bool> condition, OutboxPublisher publisher, TimeSpan? advance = null)
    {
        // A guard against a hang, not a timing assertion: the loop normally gets there within a few polls.
        for (var i = 0; i < 6000 && !condition(); i++)
        {
            Assert.That(publisher.ExecuteTask?.IsFaulted, Is.Not.True, () => publisher.ExecuteTask!.Exception!.ToString());
            if (advance is { } step)
            {
                A.Time.Advance(step);
            }

            await Task.Delay(5);
        }

        Assert.That(condition(), Is.True, "the hosted publisher did not get there");
    }

    /// <summary>Opens an account (one event) plus <paramref name="deposits"/> deposits in one commit; returns the events' ids in raise order.</summary>
    private async Task<IReadOnlyList<Guid>> OpenAsync(string owner, int deposits = 0, Guid? markHandled = null)
    {
        await using var uow = A.Begin();
        if (markHandled is { } handled)
        {
            uow.MarkHandled(handled, "tests");
        }

        var account = Account.Open(owner);
        for (var i = 1; i <= deposits; i++)
        {
            account.Deposit(i);
        }

        var raised = account.PendingEvents.Select(e => e.EventId).ToList();
        await uow.Accounts.AddAsync(account, None);
        await uow.CommitAsync(None);
        return raised;
    }

    /// <summary>The one message the transport attempted (and failed), as stored.</summary>
    private async Task<OutboxEntry> OnlyAttemptedAsync(RecordingTransport transport)
    {
        var attempted = transport.Attempted.Select(e => e.MessageId).Distinct().ToList();
        Assert.That(attempted, Has.Count.EqualTo(1));
        return (await A.Outbox.FindAsync(attempted[0], None))!;
    }
}

public sealed class InMemoryOutboxPublisherConformance : OutboxPublisherConformance
{
    protected override async Task<MessagingAdapter> CreateAdapterAsync() => await InMemoryMessagingAdapter.CreateAsync();
}

public sealed class SqliteOutboxPublisherConformance : OutboxPublisherConformance
{
    protected override async Task<MessagingAdapter> CreateAdapterAsync() => await SqliteMessagingAdapter.CreateAsync();
}
