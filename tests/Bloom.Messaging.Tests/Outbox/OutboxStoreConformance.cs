namespace Bloom.Messaging.Tests.Outbox;

/// <summary>
/// The documented behaviour of <see cref="IOutboxStore"/> and of commits that carry messages (<see cref="CommitBatch"/>), run by
/// every store that keeps an outbox: state and messages commit together or not at all, inbox entries deduplicate per
/// (message, consumer), claims lease in commit order, only the lease owner settles a message, and nothing is lost on the way
/// to dispatched or dead-lettered.
/// </summary>
public abstract class OutboxStoreConformance
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken None = CancellationToken.None;

    protected MessagingAdapter A { get; private set; } = null!;

    protected IOutboxStore Outbox => A.Outbox;

    protected abstract Task<MessagingAdapter> CreateAdapterAsync();

    [SetUp]
    public async Task CreateAdapter() => A = await CreateAdapterAsync();

    [TearDown]
    public async Task DisposeAdapter() => await A.DisposeAsync();

    [Test]
    public async Task A_commit_writes_the_state_and_its_events_as_outbox_messages_in_raise_order()
    {
        var account = Account.Open("ada");
        account.Deposit(5);
        var raised = account.PendingEvents.Select(e => e.EventId).ToList();
        await using (var uow = A.Begin())
        {
            uow.CorrelationId = "request-1";
            await uow.Accounts.AddAsync(account, None);
            await uow.CommitAsync(None);
        }

        Assert.That(await CountAccountsAsync(), Is.EqualTo(1));
        Assert.That(await Outbox.CountPendingAsync(None), Is.EqualTo(2));
        var claimed = await Outbox.ClaimAsync("p1", 10, Lease, None);
        Assert.That(claimed.Select(m => m.Envelope.EventId), Is.EqualTo(raised));
        Assert.That(claimed.Select(m => m.Envelope.EventType), Is.EqualTo(new[] { "tests.account-opened", "tests.deposited" }));
        Assert.That(claimed.Select(m => m.Attempts), Is.All.EqualTo(0));
        Assert.That(claimed.Select(m => m.Envelope.CorrelationId), Is.All.EqualTo("request-1"));
        var deposited = (Deposited)MessagingAdapter.Serializer.Unwrap(claimed[1].Envelope);
        Assert.That((deposited.AccountId, deposited.Amount, deposited.EventId), Is.EqualTo((account.Id, 5L, raised[1])));

        var entry = await Outbox.FindAsync(claimed[0].Envelope.MessageId, None);
        Assert.That(entry, Is.Not.Null);
        Assert.That(entry!.Envelope, Is.EqualTo(claimed[0].Envelope));
        Assert.That(entry.Status, Is.EqualTo(OutboxMessageStatus.Pending));
        Assert.That(entry.CreatedAt, Is.EqualTo(A.Time.GetUtcNow()));
        Assert.That(entry.LeaseOwner, Is.EqualTo("p1"));
        Assert.That(entry.LeaseUntil, Is.EqualTo(A.Time.GetUtcNow() + Lease));
        Assert.That(entry.NextAttemptAt, Is.Null);
    }

    [Test]
    public async Task A_commit_that_fails_writes_neither_state_nor_messages()
    {
        var account = await OpenAsync("ada");
        await using var first = A.Begin();
        await using var second = A.Begin();
        (await first.Accounts.GetAsync(account.Id, None)).Deposit(1);
        (await second.Accounts.GetAsync(account.Id, None)).Deposit(1000);
        await second.Accounts.AddAsync(Account.Open("never"), None);
        await first.CommitAsync(None);
        var pendingBefore = await Outbox.CountPendingAsync(None);

        Assert.ThrowsAsync<ConcurrencyException>(() => second.CommitAsync(None));

        Assert.That(await CountAccountsAsync(), Is.EqualTo(1), "the new account of the failed commit is not stored");
        Assert.That(await Outbox.CountPendingAsync(None), Is.EqualTo(pendingBefore), "no message of the failed commit is stored");
        var messages = await Outbox.ClaimAsync("p1", 100, Lease, None);
        var events = messages.Select(m => MessagingAdapter.Serializer.Unwrap(m.Envelope)).ToList();
        Assert.That(events.OfType<Deposited>().Select(d => d.Amount), Is.EqualTo(new[] { 1L }));
        Assert.That(events.OfType<AccountOpened>().Select(o => o.Owner), Is.EqualTo(new[] { "ada" }));
    }

    [Test]
    public async Task A_message_already_handled_by_a_consumer_fails_the_commit_with_DuplicateMessageException_and_writes_nothing()
    {
        var messageId = Guid.CreateVersion7();
        await OpenAsync("first", uow => uow.MarkHandled(messageId, "billing"));
        var pendingBefore = await Outbox.CountPendingAsync(None);

        await using var redelivery = A.Begin();
        redelivery.MarkHandled(messageId, "billing");
        await redelivery.Accounts.AddAsync(Account.Open("second"), None);
        var ex = Assert.ThrowsAsync<DuplicateMessageException>(() => redelivery.CommitAsync(None));

        Assert.That(ex!.MessageId, Is.EqualTo(messageId));
        Assert.That(ex.Consumer, Is.EqualTo("billing"));
        Assert.That(await CountAccountsAsync(), Is.EqualTo(1));
        Assert.That(await Outbox.CountPendingAsync(None), Is.EqualTo(pendingBefore));
    }

    [Test]
    public async Task The_inbox_is_keyed_by_message_and_consumer_so_each_consumer_handles_a_message_once()
    {
        var messageId = Guid.CreateVersion7();
        await OpenAsync("billing", uow => uow.MarkHandled(messageId, "billing"));
        await OpenAsync("shipping", uow => uow.MarkHandled(messageId, "shipping"));

        Assert.ThrowsAsync<DuplicateMessageException>(() => OpenAsync("again", uow => uow.MarkHandled(messageId, "shipping")));
        Assert.That(await CountAccountsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_failed_commit_records_no_inbox_entry_so_the_redelivery_is_handled()
    {
        var messageId = Guid.CreateVersion7();
        var account = await OpenAsync("ada");
        await using (var stale = A.Begin())
        {
            (await stale.Accounts.GetAsync(account.Id, None)).Deposit(1);
            stale.MarkHandled(messageId, "billing");
            await using (var other = A.Begin())
            {
                (await other.Accounts.GetAsync(account.Id, None)).Deposit(2);
                await other.CommitAsync(None);
            }

            Assert.ThrowsAsync<ConcurrencyException>(() => stale.CommitAsync(None));
        }

        Assert.DoesNotThrowAsync(() => OpenAsync("handled", uow => uow.MarkHandled(messageId, "billing")));
        Assert.ThrowsAsync<DuplicateMessageException>(() => OpenAsync("twice", uow => uow.MarkHandled(messageId, "billing")));
    }

    [Test]
    public async Task Marking_one_message_twice_in_one_unit_of_work_records_it_once()
    {
        var messageId = Guid.CreateVersion7();
        await OpenAsync("ada", uow =>
        {
            uow.MarkHandled(messageId, "billing");
            uow.MarkHandled(messageId, "billing");
        });

        Assert.That(await CountAccountsAsync(), Is.EqualTo(1));
        Assert.ThrowsAsync<DuplicateMessageException>(() => OpenAsync("again", uow => uow.MarkHandled(messageId, "billing")));
    }

    [Test]
    public async Task A_commit_of_only_an_inbox_entry_is_a_commit()
    {
        var messageId = Guid.CreateVersion7();
        await using (var uow = A.Begin())
        {
            uow.MarkHandled(messageId, "audit");
            await uow.CommitAsync(None);
        }

        Assert.ThrowsAsync<DuplicateMessageException>(() => OpenAsync("again", uow => uow.MarkHandled(messageId, "audit")));
    }

    [Test]
    public async Task Claims_lease_in_commit_order_up_to_the_batch_size()
    {
        var expected = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            expected.AddRange(await OpenWithEventsAsync("owner-" + i));
        }

        var first = await Outbox.ClaimAsync("p1", 4, Lease, None);
        var second = await Outbox.ClaimAsync("p1", 4, Lease, None);
        var third = await Outbox.ClaimAsync("p1", 4, Lease, None);
        var fourth = await Outbox.ClaimAsync("p1", 4, Lease, None);

        Assert.That(first.Concat(second).Concat(third).Select(m => m.Envelope.EventId), Is.EqualTo(expected));
        Assert.That(new[] { first.Count, second.Count, third.Count }, Is.EqualTo(new[] { 4, 4, 2 }));
        Assert.That(fourth, Is.Empty, "leased messages are not claimed again, even by their owner");
    }

    [Test]
    public async Task A_leased_message_is_not_claimed_by_another_publisher_until_the_lease_expires_then_it_is_taken_over()
    {
        await OpenAsync("ada");
        var mine = await Outbox.ClaimAsync("p1", 10, Lease, None);
        var other = A.OpenOutbox();

        Assert.That(await other.ClaimAsync("p2", 10, Lease, None), Is.Empty);
        A.Time.Advance(Lease - TimeSpan.FromTicks(1));
        Assert.That(await other.ClaimAsync("p2", 10, Lease, None), Is.Empty, "the lease still runs");

        A.Time.Advance(TimeSpan.FromTicks(1));
        var takenOver = await other.ClaimAsync("p2", 10, Lease, None);
        Assert.That(takenOver.Select(m => m.Envelope), Is.EqualTo(mine.Select(m => m.Envelope)));

        // The first publisher resumes: it no longer owns the message, so it changes nothing.
        var id = mine[0].Envelope.MessageId;
        await Outbox.MarkDispatchedAsync("p1", [id], None);
        await Outbox.RecordFailureAsync("p1", id, "late failure", A.Time.GetUtcNow(), None);
        await Outbox.MoveToDeadLetterAsync("p1", id, "late failure", None);
        await Outbox.ReleaseAsync("p1", [id], None);
        var entry = await Outbox.FindAsync(id, None);
        Assert.That(entry!.Status, Is.EqualTo(OutboxMessageStatus.Pending));
        Assert.That(entry.LeaseOwner, Is.EqualTo("p2"));
        Assert.That(entry.Attempts, Is.Zero);
        Assert.That(entry.LastError, Is.Null);

        await other.MarkDispatchedAsync("p2", [id], None);
        entry = await Outbox.FindAsync(id, None);
        Assert.That(entry!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
        Assert.That(entry.CompletedAt, Is.EqualTo(A.Time.GetUtcNow()));
        Assert.That(entry.LeaseOwner, Is.Null);
        Assert.That(await Outbox.CountPendingAsync(None), Is.Zero);
    }

    [Test]
    public async Task Marking_or_releasing_a_batch_changes_only_its_messages_still_leased_by_the_caller()
    {
        await OpenAsync("ada");
        await OpenAsync("bob");
        await OpenAsync("cy");
        await OpenAsync("dee");
        var expired = (await Outbox.ClaimAsync("p1", 1, Lease, None)).Single().Envelope.MessageId;
        A.Time.Advance(Lease);
        var takenOver = (await A.OpenOutbox().ClaimAsync("p2", 1, Lease, None)).Single().Envelope.MessageId;
        Assert.That(takenOver, Is.EqualTo(expired));
        var mine = (await Outbox.ClaimAsync("p1", 10, Lease, None)).Select(m => m.Envelope.MessageId).ToList();
        Assert.That(mine, Has.Count.EqualTo(3));

        // One call for several messages: those p1 holds change; the taken-over one, an unknown id and a repeat change nothing more.
        await Outbox.MarkDispatchedAsync("p1", [expired, mine[0], Guid.NewGuid(), mine[1], mine[0]], None);
        await Outbox.ReleaseAsync("p1", [expired, mine[0], mine[2]], None);

        var stolen = await Outbox.FindAsync(expired, None);
        Assert.That((stolen!.Status, stolen.LeaseOwner), Is.EqualTo((OutboxMessageStatus.Pending, (string?)"p2")));
        foreach (var id in mine.Take(2))
        {
            var entry = await Outbox.FindAsync(id, None);
            Assert.That((entry!.Status, entry.LeaseOwner, entry.CompletedAt), Is.EqualTo((OutboxMessageStatus.Dispatched, (string?)null, (DateTimeOffset?)A.Time.GetUtcNow())));
        }

        var released = await Outbox.FindAsync(mine[2], None);
        Assert.That((released!.Status, released.LeaseOwner, released.LeaseUntil), Is.EqualTo((OutboxMessageStatus.Pending, (string?)null, (DateTimeOffset?)null)));
        Assert.That(await Outbox.CountPendingAsync(None), Is.EqualTo(2));
        Assert.That((await Outbox.ClaimAsync("p3", 10, Lease, None)).Select(m => m.Envelope.MessageId), Is.EqualTo(new[] { mine[2] }));
    }

    [Test]
    public async Task A_dispatched_message_is_never_claimed_again_even_after_its_lease_would_have_expired()
    {
        await OpenAsync("ada");
        var claimed = await Outbox.ClaimAsync("p1", 10, Lease, None);
        await Outbox.MarkDispatchedAsync("p1", [claimed[0].Envelope.MessageId], None);
        A.Time.Advance(Lease * 10);

        Assert.That(await Outbox.ClaimAsync("p2", 10, Lease, None), Is.Empty);
    }

    [Test]
    public async Task A_recorded_failure_counts_the_attempt_keeps_the_error_releases_the_lease_and_waits_until_the_next_attempt()
    {
        await OpenAsync("ada");
        var id = (await Outbox.ClaimAsync("p1", 10, Lease, None))[0].Envelope.MessageId;
        var next = A.Time.GetUtcNow() + TimeSpan.FromSeconds(10);

        await Outbox.RecordFailureAsync("p1", id, "broker down", next, None);

        var entry = await Outbox.FindAsync(id, None);
        Assert.That(entry!.Attempts, Is.EqualTo(1));
        Assert.That(entry.LastError, Is.EqualTo("broker down"));
        Assert.That(entry.LeaseOwner, Is.Null);
        Assert.That(entry.NextAttemptAt, Is.EqualTo(next));
        Assert.That(entry.Status, Is.EqualTo(OutboxMessageStatus.Pending));

        A.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.That(await Outbox.ClaimAsync("p2", 10, Lease, None), Is.Empty, "not due yet");
        A.Time.Advance(TimeSpan.FromTicks(1));
        var again = await Outbox.ClaimAsync("p2", 10, Lease, None);
        Assert.That(again.Select(m => (m.Envelope.MessageId, m.Attempts)), Is.EqualTo(new[] { (id, 1) }));
    }

    [Test]
    public async Task Dead_lettering_moves_the_message_atomically_with_every_attempt_and_the_last_error()
    {
        await OpenAsync("ada");
        var id = (await Outbox.ClaimAsync("p1", 10, Lease, None))[0].Envelope.MessageId;
        await Outbox.RecordFailureAsync("p1", id, "first", A.Time.GetUtcNow(), None);
        var claimed = await Outbox.ClaimAsync("p1", 10, Lease, None);
        A.Time.Advance(TimeSpan.FromSeconds(3));

        await Outbox.MoveToDeadLetterAsync("p1", id, "second and last", None);

        Assert.That(await Outbox.CountPendingAsync(None), Is.Zero);
        Assert.That(await Outbox.ClaimAsync("p2", 10, Lease, None), Is.Empty);
        var dead = await Outbox.ListDeadLettersAsync(10, None);
        Assert.That(dead, Has.Count.EqualTo(1));
        Assert.That(dead[0].Envelope, Is.EqualTo(claimed[0].Envelope));
        Assert.That(dead[0].Attempts, Is.EqualTo(2));
        Assert.That(dead[0].LastError, Is.EqualTo("second and last"));
        Assert.That(dead[0].DeadLetteredAt, Is.EqualTo(A.Time.GetUtcNow()));
        var entry = await Outbox.FindAsync(id, None);
        Assert.That(entry!.Status, Is.EqualTo(OutboxMessageStatus.DeadLettered));
        Assert.That(entry.Attempts, Is.EqualTo(2));
        Assert.That(entry.LastError, Is.EqualTo("second and last"));
    }

    [Test]
    public async Task A_replayed_dead_letter_is_due_at_once_with_its_attempts_reset_and_keeps_its_message_id()
    {
        await OpenAsync("ada");
        var id = (await Outbox.ClaimAsync("p1", 10, Lease, None))[0].Envelope.MessageId;
        await Outbox.MoveToDeadLetterAsync("p1", id, "poison", None);

        Assert.That(await Outbox.ReplayDeadLetterAsync(id, None), Is.True);
        Assert.That(await Outbox.ReplayDeadLetterAsync(id, None), Is.False, "already replayed");
        Assert.That(await Outbox.ReplayDeadLetterAsync(Guid.CreateVersion7(), None), Is.False, "unknown");

        Assert.That(await Outbox.ListDeadLettersAsync(10, None), Is.Empty);
        var entry = await Outbox.FindAsync(id, None);
        Assert.That(entry!.Status, Is.EqualTo(OutboxMessageStatus.Pending));
        Assert.That(entry.Attempts, Is.Zero);
        var claimed = await Outbox.ClaimAsync("p2", 10, Lease, None);
        Assert.That(claimed.Select(m => (m.Envelope.MessageId, m.Attempts)), Is.EqualTo(new[] { (id, 0) }));
    }

    [Test]
    public async Task Dead_letters_are_listed_oldest_first_up_to_the_maximum()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            await OpenAsync("owner-" + i);
            var id = (await Outbox.ClaimAsync("p1", 10, Lease, None))[0].Envelope.MessageId;
            await Outbox.MoveToDeadLetterAsync("p1", id, "poison " + i, None);
            ids.Add(id);
            A.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That((await Outbox.ListDeadLettersAsync(10, None)).Select(d => d.Envelope.MessageId), Is.EqualTo(ids));
        Assert.That((await Outbox.ListDeadLettersAsync(2, None)).Select(d => d.LastError), Is.EqualTo(new[] { "poison 0", "poison 1" }));
    }

    [Test]
    public async Task Released_messages_can_be_claimed_at_once_and_count_no_attempt()
    {
        await OpenAsync("ada");
        await OpenAsync("bob");
        var claimed = await Outbox.ClaimAsync("p1", 10, Lease, None);

        await Outbox.ReleaseAsync("p1", [claimed[1].Envelope.MessageId], None);

        var other = await Outbox.ClaimAsync("p2", 10, Lease, None);
        Assert.That(other.Select(m => (m.Envelope.MessageId, m.Attempts)), Is.EqualTo(new[] { (claimed[1].Envelope.MessageId, 0) }));
    }

    [Test]
    public async Task Purging_deletes_only_dispatched_messages_older_than_the_cutoff()
    {
        await OpenAsync("old");
        var old = (await Outbox.ClaimAsync("p1", 10, Lease, None))[0].Envelope.MessageId;
        await Outbox.MarkDispatchedAsync("p1", [old], None);
        A.Time.Advance(TimeSpan.FromHours(2));
        await OpenAsync("recent");
        var recent = (await Outbox.ClaimAsync("p1", 10, Lease, None))[0].Envelope.MessageId;
        await Outbox.MarkDispatchedAsync("p1", [recent], None);
        await OpenAsync("pending");
        A.Time.Advance(TimeSpan.FromDays(30));

        var purged = await Outbox.PurgeDispatchedAsync(A.Time.GetUtcNow() - TimeSpan.FromDays(30) - TimeSpan.FromHours(1), None);

        Assert.That(purged, Is.EqualTo(1));
        Assert.That(await Outbox.FindAsync(old, None), Is.Null);
        Assert.That((await Outbox.FindAsync(recent, None))!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
        Assert.That(await Outbox.CountPendingAsync(None), Is.EqualTo(1), "a pending message is never purged");
    }

    [Test]
    public async Task Purging_the_inbox_ends_the_deduplication_window_of_old_entries_only()
    {
        var old = Guid.CreateVersion7();
        var recent = Guid.CreateVersion7();
        await OpenAsync("a", uow => uow.MarkHandled(old, "billing"));
        A.Time.Advance(TimeSpan.FromDays(8));
        await OpenAsync("b", uow => uow.MarkHandled(recent, "billing"));

        var purged = await Outbox.PurgeInboxAsync(A.Time.GetUtcNow() - TimeSpan.FromDays(7), None);

        Assert.That(purged, Is.EqualTo(1));
        Assert.DoesNotThrowAsync(() => OpenAsync("c", uow => uow.MarkHandled(old, "billing")), "the documented behaviour: handled again after the window");
        Assert.ThrowsAsync<DuplicateMessageException>(() => OpenAsync("d", uow => uow.MarkHandled(recent, "billing")));
    }

    [Test]
    public async Task A_message_id_already_in_the_outbox_fails_the_commit_and_writes_nothing_and_blocks_a_replay_onto_it()
    {
        var envelope = new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), "tests.unknown", 1, A.Time.GetUtcNow(), "{}"u8.ToArray());
        await CommitAsync(new CommitBatch([], [envelope], []));

        Assert.That(() => CommitAsync(new CommitBatch([], [envelope], [])), Throws.InvalidOperationException.With.Message.Contains("already in the outbox"));
        var other = envelope with { MessageId = Guid.CreateVersion7() };
        Assert.That(() => CommitAsync(new CommitBatch([], [other, other], [])), Throws.InvalidOperationException, "twice in one batch");
        Assert.That(await Outbox.CountPendingAsync(None), Is.EqualTo(1));

        // Dead-letter it, commit the same id again, and the replay cannot put a second copy in the outbox.
        await Outbox.ClaimAsync("p1", 10, Lease, None);
        await Outbox.MoveToDeadLetterAsync("p1", envelope.MessageId, "poison", None);
        await CommitAsync(new CommitBatch([], [envelope], []));
        Assert.That(() => Outbox.ReplayDeadLetterAsync(envelope.MessageId, None), Throws.InvalidOperationException);
        Assert.That(await Outbox.ListDeadLettersAsync(10, None), Has.Count.EqualTo(1));
        Assert.That(await Outbox.CountPendingAsync(None), Is.EqualTo(1));
    }

    [Test]
    public async Task Find_returns_null_for_a_message_the_store_never_had()
    {
        await OpenAsync("ada");
        Assert.That(await Outbox.FindAsync(Guid.CreateVersion7(), None), Is.Null);
    }

    [Test]
    public void Arguments_are_checked()
    {
        Assert.That(() => Outbox.ClaimAsync(" ", 1, Lease, None), Throws.ArgumentException);
        Assert.That(() => Outbox.ClaimAsync("p1", 0, Lease, None), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Outbox.ClaimAsync("p1", 1, TimeSpan.Zero, None), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Outbox.MarkDispatchedAsync("p1", null!, None), Throws.ArgumentNullException);
        Assert.That(() => Outbox.RecordFailureAsync("p1", Guid.NewGuid(), null!, default, None), Throws.ArgumentNullException);
        Assert.That(() => Outbox.ListDeadLettersAsync(0, None), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task Cancelled_operations_change_nothing()
    {
        await OpenAsync("ada");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Assert.That(() => Outbox.ClaimAsync("p1", 10, Lease, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await Outbox.ClaimAsync("p2", 10, Lease, None), Has.Count.EqualTo(1));
    }

    private async Task<Account> OpenAsync(string owner, Action<BankUow>? before = null)
    {
        await using var uow = A.Begin();
        before?.Invoke(uow);
        var account = Account.Open(owner);
        await uow.Accounts.AddAsync(account, None);
        await uow.CommitAsync(None);
        return account;
    }

    /// <summary>Opens an account with a deposit (two events) and returns the events' ids in raise order.</summary>
    private async Task<IReadOnlyList<Guid>> OpenWithEventsAsync(string owner)
    {
        await using var uow = A.Begin();
        var account = Account.Open(owner);
        account.Deposit(owner.Length);
        var raised = account.PendingEvents.Select(e => e.EventId).ToList();
        await uow.Accounts.AddAsync(account, None);
        await uow.CommitAsync(None);
        return raised;
    }

    private async Task CommitAsync(CommitBatch batch)
    {
        await using var session = A.Store.OpenSession();
        await session.CommitAsync(batch, None);
    }

    private async Task<long> CountAccountsAsync()
    {
        await using var uow = A.BeginWithoutOutbox();
        return await uow.Accounts.CountAsync(null, None);
    }
}

public sealed class InMemoryOutboxStoreConformance : OutboxStoreConformance
{
    protected override async Task<MessagingAdapter> CreateAdapterAsync() => await InMemoryMessagingAdapter.CreateAsync();
}

public sealed class SqliteOutboxStoreConformance : OutboxStoreConformance
{
    protected override async Task<MessagingAdapter> CreateAdapterAsync() => await SqliteMessagingAdapter.CreateAsync();
}
