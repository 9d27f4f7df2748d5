using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.Messaging.Tests.Outbox;

/// <summary>
/// RELIABILITY.md T6 (retry + dead letters), in process, PR size: the outbox publishes through the <see cref="InProcessTransport"/>
/// to real handlers behind a <see cref="SequentialEventDispatcher"/>. A handler that always throws is dead-lettered after exactly
/// MaxAttempts with the error kept, a transient one succeeds within the policy, a message that cannot be read is dead-lettered
/// too, nothing is silently dropped, a replay after the fix succeeds, and the inbox keeps a retried message's effect single.
/// </summary>
public abstract class InProcessPoisonConformance
{
    private const int MaxAttempts = 4;
    private const long Poison = 1_000;
    private static readonly CancellationToken None = CancellationToken.None;

    private MessagingAdapter _adapter = null!;
    private ServiceProvider _services = null!;
    private HandlerLog _log = null!;

    protected abstract Task<MessagingAdapter> CreateAdapterAsync();

    [SetUp]
    public async Task CreateAdapter()
    {
        _adapter = await CreateAdapterAsync();
        _log = new HandlerLog();
        var services = new ServiceCollection();
        services.AddSingleton(_log);
        services.AddSingleton(_adapter);
        services.AddScoped(static _ => new MessageContext());
        services.AddScoped(static sp => new DepositHandler(sp.GetRequiredService<HandlerLog>()));
        services.AddScoped(static sp => new ReceiptHandler(sp.GetRequiredService<MessageContext>(), sp.GetRequiredService<MessagingAdapter>(), sp.GetRequiredService<HandlerLog>()));
        services.AddScoped(static sp => new FlakyOpenedHandler(sp.GetRequiredService<HandlerLog>()));
        services.AddSingleton(new EventHandlerMap(
        [
            new EventHandlerDescriptor(typeof(Deposited), typeof(DepositHandler), static (sp, e, ct) => sp.GetRequiredService<DepositHandler>().HandleAsync((Deposited)e, ct)),
            new EventHandlerDescriptor(typeof(AccountOpened), typeof(ReceiptHandler), static (sp, e, ct) => sp.GetRequiredService<ReceiptHandler>().HandleAsync((AccountOpened)e, ct)),
            new EventHandlerDescriptor(typeof(AccountOpened), typeof(FlakyOpenedHandler), static (sp, e, ct) => sp.GetRequiredService<FlakyOpenedHandler>().HandleAsync((AccountOpened)e, ct)),
        ]));
        services.AddScoped<IEventDispatcher>(static sp => new SequentialEventDispatcher(sp, sp.GetRequiredService<EventHandlerMap>()));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [TearDown]
    public async Task DisposeAdapter()
    {
        await _services.DisposeAsync();
        await _adapter.DisposeAsync();
    }

    [Test]
    public async Task A_handler_that_always_throws_is_dead_lettered_after_exactly_MaxAttempts_with_its_error_and_replays_after_the_fix()
    {
        var deposit = (await DepositAsync(Poison))[0];
        var publisher = Publisher();

        await DrainAsync(publisher);

        Assert.That(_log.Calls(deposit), Is.EqualTo(MaxAttempts));
        var dead = await _adapter.Outbox.ListDeadLettersAsync(10, None);
        Assert.That(dead, Has.Count.EqualTo(1));
        Assert.That(dead[0].Envelope.EventId, Is.EqualTo(deposit));
        Assert.That(dead[0].Attempts, Is.EqualTo(MaxAttempts));
        Assert.That(dead[0].LastError, Does.Contain(nameof(EventDispatchException)).And.Contain(nameof(DepositHandler)).And.Contain("poisoned deposit"));
        Assert.That(await _adapter.Outbox.CountPendingAsync(None), Is.Zero);

        _log.Fixed = true;
        Assert.That(await _adapter.Outbox.ReplayDeadLetterAsync(dead[0].Envelope.MessageId, None), Is.True);
        Assert.That(await publisher.PublishPendingAsync(None), Is.EqualTo(1));

        Assert.That(_log.Calls(deposit), Is.EqualTo(MaxAttempts + 1));
        Assert.That(_log.Succeeded(deposit), Is.EqualTo(1));
        Assert.That((await _adapter.Outbox.FindAsync(dead[0].Envelope.MessageId, None))!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
        Assert.That(await _adapter.Outbox.ListDeadLettersAsync(10, None), Is.Empty);
    }

    [Test]
    public async Task A_handler_that_fails_fewer_times_than_MaxAttempts_succeeds_within_the_policy()
    {
        var deposit = (await DepositAsync(MaxAttempts - 1))[0];

        await DrainAsync(Publisher());

        Assert.That(_log.Calls(deposit), Is.EqualTo(MaxAttempts));
        Assert.That(_log.Succeeded(deposit), Is.EqualTo(1));
        Assert.That(await _adapter.Outbox.ListDeadLettersAsync(10, None), Is.Empty);
        Assert.That(await _adapter.Outbox.CountPendingAsync(None), Is.Zero);
    }

    [Test]
    public async Task A_corpus_of_poison_transient_unreadable_and_healthy_messages_ends_dispatched_or_dead_lettered_with_none_dropped()
    {
        var seed = Environment.GetEnvironmentVariable("BLOOM_SEED") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        TestContext.Out.WriteLine($"T6 corpus seed {seed} (rerun with BLOOM_SEED={seed})");
        var random = new Random(seed);
        var expectations = new List<(long Amount, string Kind)>();
        for (var i = 0; i < 10; i++)
        {
            expectations.Add((Poison, "poison"));
            expectations.Add((random.Next(1, MaxAttempts), "transient"));
        }

        for (var i = 0; i < 5; i++)
        {
            expectations.Add((0, "healthy"));
        }

        expectations = [.. expectations.OrderBy(_ => random.Next())];
        var events = new Dictionary<Guid, (long Amount, string Kind)>();
        foreach (var (amount, kind) in expectations)
        {
            events.Add((await DepositAsync(amount))[0], (amount, kind));
        }

        // Messages no handler can read: a type this process does not know, and a payload that is not valid JSON.
        var unreadable = new List<EventEnvelope>();
        for (var i = 0; i < 5; i++)
        {
            unreadable.Add(i % 2 == 0
                ? new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), "tests.unknown-event", 1, _adapter.Time.GetUtcNow(), "{}"u8.ToArray())
                : new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), "tests.deposited", 1, _adapter.Time.GetUtcNow(), "{not json"u8.ToArray()));
        }

        await using (var session = _adapter.Store.OpenSession())
        {
            await session.CommitAsync(new CommitBatch([], unreadable, []), None);
        }

        var publisher = Publisher();
        await DrainAsync(publisher);

        var dead = (await _adapter.Outbox.ListDeadLettersAsync(100, None)).ToDictionary(d => d.Envelope.MessageId);
        var dispatchedEvents = new HashSet<Guid>();
        foreach (var (eventId, (amount, kind)) in events)
        {
            switch (kind)
            {
                case "poison":
                    Assert.That(_log.Calls(eventId), Is.EqualTo(MaxAttempts), "poison: exactly MaxAttempts");
                    Assert.That(dead.Values.Count(d => d.Envelope.EventId == eventId), Is.EqualTo(1));
                    break;
                case "transient":
                    Assert.That(_log.Calls(eventId), Is.EqualTo(amount + 1), "transient: fails n times, then succeeds");
                    Assert.That(_log.Succeeded(eventId), Is.EqualTo(1));
                    dispatchedEvents.Add(eventId);
                    break;
                default:
                    Assert.That(_log.Calls(eventId), Is.EqualTo(1));
                    dispatchedEvents.Add(eventId);
                    break;
            }
        }

        Assert.That(dead, Has.Count.EqualTo(15), "10 poison + 5 unreadable");
        Assert.That(dead.Values.Select(d => d.Attempts), Is.All.EqualTo(MaxAttempts));
        foreach (var envelope in unreadable)
        {
            Assert.That(dead[envelope.MessageId].LastError, Does.Contain(envelope.EventType == "tests.unknown-event" ? nameof(KeyNotFoundException) : nameof(JsonException)));
        }

        Assert.That(await _adapter.Outbox.CountPendingAsync(None), Is.Zero, "stuck = 0");
        Assert.That(dispatchedEvents, Has.Count.EqualTo(15));
        Assert.That(dispatchedEvents.Count + dead.Count, Is.EqualTo(30), "silent drops = 0");

        // The fix: the poison handler now succeeds; replaying its dead letters succeeds 100%.
        _log.Fixed = true;
        var poison = dead.Values.Where(d => d.Envelope.EventType == "tests.deposited" && events.ContainsKey(d.Envelope.EventId)).ToList();
        foreach (var letter in poison)
        {
            Assert.That(await _adapter.Outbox.ReplayDeadLetterAsync(letter.Envelope.MessageId, None), Is.True);
        }

        Assert.That(await publisher.PublishPendingAsync(None), Is.EqualTo(poison.Count));
        foreach (var letter in poison)
        {
            Assert.That((await _adapter.Outbox.FindAsync(letter.Envelope.MessageId, None))!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
        }

        Assert.That(await _adapter.Outbox.ListDeadLettersAsync(100, None), Has.Count.EqualTo(5), "only the unreadable ones remain");
    }

    [Test]
    public async Task A_retried_message_has_one_effect_when_its_handler_records_it_in_the_inbox()
    {
        var opened = await OpenAsync("ada");

        await DrainAsync(Publisher());

        Assert.That(_log.Calls(opened), Is.EqualTo(2), "attempt 1 failed in the flaky handler; attempt 2 reran every handler");
        Assert.That(_log.Duplicates, Is.EqualTo(1), "the receipt handler's second run was recognised as a duplicate");
        await using var uow = _adapter.BeginWithoutOutbox();
        var receipts = await uow.Accounts.ListAsync(None);
        Assert.That(receipts.Count(a => a.Owner.StartsWith("receipt:", StringComparison.Ordinal)), Is.EqualTo(1), "one effect");
        Assert.That(await _adapter.Outbox.CountPendingAsync(None), Is.Zero);
    }

    [Test]
    public async Task A_scope_without_an_event_dispatcher_is_a_failed_publish_not_a_silent_success()
    {
        await DepositAsync(0);
        await using var empty = new ServiceCollection().BuildServiceProvider();
        var transport = new InProcessTransport(empty.GetRequiredService<IServiceScopeFactory>(), MessagingAdapter.Serializer);
        var publisher = new OutboxPublisher(_adapter.Outbox, transport, new OutboxPublisherOptions { MaxAttempts = 1 }, _adapter.Time);

        Assert.That(await publisher.PublishPendingAsync(None), Is.Zero);

        var dead = await _adapter.Outbox.ListDeadLettersAsync(10, None);
        Assert.That(dead.Select(d => d.LastError), Has.All.Contain("no IEventDispatcher"));
    }

    private OutboxPublisher Publisher() => new(
        _adapter.Outbox,
        new InProcessTransport(_services.GetRequiredService<IServiceScopeFactory>(), MessagingAdapter.Serializer),
        new OutboxPublisherOptions
        {
            MaxAttempts = MaxAttempts,
            BaseRetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(10),
        },
        _adapter.Time);

    private async Task DrainAsync(OutboxPublisher publisher)
    {
        for (var pass = 0; pass < 100 && await _adapter.Outbox.CountPendingAsync(None) > 0; pass++)
        {
            await publisher.PublishPendingAsync(None);
            _adapter.Time.Advance(TimeSpan.FromSeconds(12));
        }
    }

    /// <summary>Opens an account without outbox, then deposits <paramref name="amount"/> through it; returns the Deposited event's id.</summary>
    private async Task<Guid[]> DepositAsync(long amount)
    {
        var account = Account.Open("quiet:" + Guid.NewGuid());
        await using (var quiet = _adapter.BeginWithoutOutbox())
        {
            await quiet.Accounts.AddAsync(account, None);
            await quiet.CommitAsync(None);
        }

        await using var uow = _adapter.Begin();
        var loaded = await uow.Accounts.GetAsync(account.Id, None);
        loaded.Deposit(amount);
        var id = loaded.PendingEvents[0].EventId;
        await uow.CommitAsync(None);
        return [id];
    }

    private async Task<Guid> OpenAsync(string owner)
    {
        await using var uow = _adapter.Begin();
        var account = Account.Open(owner);
        var id = account.PendingEvents[0].EventId;
        await uow.Accounts.AddAsync(account, None);
        await uow.CommitAsync(None);
        return id;
    }

    /// <summary>What the handlers did, per event id.</summary>
    private sealed class HandlerLog
    {
        private readonly ConcurrentDictionary<Guid, int> _calls = new();
        private readonly ConcurrentDictionary<Guid, int> _succeeded = new();
        private int _duplicates;

        public bool Fixed { get; set; }

        public int Duplicates => Volatile.Read(ref _duplicates);

        public int Call(Guid eventId) => _calls.AddOrUpdate(eventId, 1, static (_, n) => n + 1);

        public void Success(Guid eventId) => _succeeded.AddOrUpdate(eventId, 1, static (_, n) => n + 1);

        public void Duplicate() => Interlocked.Increment(ref _duplicates);

        public int Calls(Guid eventId) => _calls.TryGetValue(eventId, out var n) ? n : 0;

        public int Succeeded(Guid eventId) => _succeeded.TryGetValue(eventId, out var n) ? n : 0;
    }

    /// <summary>Amount 0: succeeds; 1..MaxAttempts-1: fails that many times first; <see cref="Poison"/>: always fails until fixed.</summary>
    private sealed class DepositHandler(HandlerLog log) : IAsyncDomainEventHandler<Deposited>
    {
        public ValueTask HandleAsync(Deposited domainEvent, CancellationToken cancellationToken)
        {
            var call = log.Call(domainEvent.EventId);
            if (domainEvent.Amount == Poison && !log.Fixed)
            {
                throw new InvalidOperationException($"poisoned deposit {domainEvent.EventId}");
            }

            if (domainEvent.Amount != Poison && call <= domainEvent.Amount)
            {
                throw new TimeoutException($"transient failure {call} of {domainEvent.Amount}");
            }

            log.Success(domainEvent.EventId);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Writes a receipt (an account) for each opened account, recording the message in the inbox in the same commit.</summary>
    private sealed class ReceiptHandler(MessageContext context, MessagingAdapter adapter, HandlerLog log) : IAsyncDomainEventHandler<AccountOpened>
    {
        public async ValueTask HandleAsync(AccountOpened domainEvent, CancellationToken cancellationToken)
        {
            await using var uow = adapter.BeginWithoutOutbox();
            uow.MarkHandled(context.MessageId, nameof(ReceiptHandler));
            await uow.Accounts.AddAsync(Account.Open("receipt:" + domainEvent.Owner), cancellationToken);
            try
            {
                await uow.CommitAsync(cancellationToken);
            }
            catch (DuplicateMessageException)
            {
                // Already handled by an earlier attempt: its effect is stored, so this delivery is done.
                log.Duplicate();
            }
        }
    }

    /// <summary>Fails the first delivery of each opened account, so the message is retried and every handler runs again.</summary>
    private sealed class FlakyOpenedHandler(HandlerLog log) : IAsyncDomainEventHandler<AccountOpened>
    {
        public ValueTask HandleAsync(AccountOpened domainEvent, CancellationToken cancellationToken) =>
            log.Call(domainEvent.EventId) == 1 ? throw new TimeoutException("flaky") : ValueTask.CompletedTask;
    }
}

public sealed class InMemoryInProcessPoisonConformance : InProcessPoisonConformance
{
    protected override async Task<MessagingAdapter> CreateAdapterAsync() => await InMemoryMessagingAdapter.CreateAsync();
}

public sealed class SqliteInProcessPoisonConformance : InProcessPoisonConformance
{
    protected override async Task<MessagingAdapter> CreateAdapterAsync() => await SqliteMessagingAdapter.CreateAsync();
}
