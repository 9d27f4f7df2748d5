using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Bloom.Runtime.Tests.Messaging.Dispatchers;

namespace Bloom.Runtime.Tests.Messaging;

/// <summary>
/// The two registries (issue 5): the sequential one runs handlers in registration order, the concurrent one starts every handler
/// of an event before any finishes; both isolate failures, retry per handler on a <see cref="TimeProvider"/>, never retry a
/// cancellation, and allocate nothing when handlers complete synchronously.
/// </summary>
public sealed class EventDispatcherTests
{
    [Test]
    public async Task Sequential_runs_handlers_in_registration_order_and_events_in_the_order_raised()
    {
        var log = new List<string>();
        var dispatcher = Create(Sequential,
        [
            Sync<HandlerB, Ping>(e => log.Add($"B{e.N}")),
            Sync<HandlerA, Ping>(e => log.Add($"A{e.N}")),
            Sync<HandlerA, Pong>(e => log.Add($"A-pong{e.N}")),
            Sync<HandlerC, Ping>(e => log.Add($"C{e.N}")),
        ]);

        await dispatcher.DispatchAsync([new Ping(1), new Pong(2), new Ping(3)], CancellationToken.None);
        dispatcher.Dispatch([new Ping(4)]);

        Assert.That(log, Is.EqualTo(new[] { "B1", "A1", "C1", "A-pong2", "B3", "A3", "C3", "B4", "A4", "C4" }));
    }

    [Test]
    public async Task Sequential_starts_a_handler_only_after_the_previous_one_finished()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        var dispatcher = Create(Sequential,
        [
            Handler<HandlerA, Ping>(async (_, _) =>
            {
                log.Add("A started");
                await gate.Task;
                log.Add("A finished");
            }),
            Sync<HandlerB, Ping>(_ => log.Add("B")),
        ]);

        var dispatch = dispatcher.DispatchAsync(new Ping(1), CancellationToken.None).AsTask();
        Assert.That(log, Is.EqualTo(new[] { "A started" }), "B waits for A");
        gate.SetResult();
        await dispatch;

        Assert.That(log, Is.EqualTo(new[] { "A started", "A finished", "B" }));
    }

    [Test]
    public async Task Concurrent_starts_every_handler_of_an_event_before_any_finishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int started = 0, finished = 0;
        async ValueTask Handle(Ping e, CancellationToken ct)
        {
            Interlocked.Increment(ref started);
            await gate.Task;
            Interlocked.Increment(ref finished);
        }

        var dispatcher = Create(Concurrent, [Handler<HandlerA, Ping>(Handle), Handler<HandlerB, Ping>(Handle), Handler<HandlerC, Ping>(Handle)]);

        var dispatch = dispatcher.DispatchAsync(new Ping(1), CancellationToken.None).AsTask();
        Assert.Multiple(() =>
        {
            Assert.That(Volatile.Read(ref started), Is.EqualTo(3), "all three are running at once");
            Assert.That(Volatile.Read(ref finished), Is.Zero);
            Assert.That(dispatch.IsCompleted, Is.False);
        });

        gate.SetResult();
        await dispatch;
        Assert.That(finished, Is.EqualTo(3));
    }

    [Test]
    public async Task Concurrent_still_delivers_events_one_after_another()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        var dispatcher = Create(Concurrent,
        [
            Handler<HandlerA, Ping>(async (e, _) =>
            {
                log.Add($"A{e.N} started");
                if (e.N == 1)
                {
                    await gate.Task;
                }

                log.Add($"A{e.N} finished");
            }),
        ]);

        var dispatch = dispatcher.DispatchAsync([new Ping(1), new Ping(2)], CancellationToken.None).AsTask();
        Assert.That(log, Is.EqualTo(new[] { "A1 started" }));
        gate.SetResult();
        await dispatch;

        Assert.That(log, Is.EqualTo(new[] { "A1 started", "A1 finished", "A2 started", "A2 finished" }));
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public void A_failing_handler_does_not_stop_the_others_and_the_failure_names_handler_and_event(string kind)
    {
        var ran = new List<string>();
        var boom = new InvalidOperationException("boom");
        var logging = new ListLoggerProvider();
        var dispatcher = Create(kind,
        [
            Sync<HandlerA, Ping>(_ => ran.Add("A")),
            Handler<HandlerB, Ping>(async (_, _) =>
            {
                await Task.Yield();
                throw boom;
            }),
            Sync<HandlerC, Ping>(_ => ran.Add("C")),
        ], logging: logging);
        var ping = new Ping(7);

        var error = Assert.ThrowsAsync<EventDispatchException>(async () => await dispatcher.DispatchAsync(ping, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.EquivalentTo(new[] { "A", "C" }));
            Assert.That(error!.Failures, Has.Count.EqualTo(1));
            Assert.That(error.Failures[0], Is.EqualTo(new HandlerFailure(nameof(HandlerB), ping, 1, boom)));
            Assert.That(error.Message, Does.Contain("HandlerB failed on Ping " + ping.EventId).And.Contain("boom"));
            Assert.That(error.InnerException, Is.SameAs(boom));
            Assert.That(logging.Entries, Has.Count.EqualTo(1));
            Assert.That(logging.Entries[0].Level, Is.EqualTo(LogLevel.Error));
            Assert.That(logging.Entries[0].Message, Does.Contain("HandlerB").And.Contain("Ping").And.Contain(ping.EventId.ToString()));
            Assert.That(logging.Entries[0].Exception, Is.SameAs(boom));
        });
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public void Failures_of_several_handlers_and_events_are_surfaced_together_from_the_synchronous_path(string kind)
    {
        var ran = new List<string>();
        var dispatcher = Create(kind,
        [
            Sync<HandlerA, Ping>(e => throw new InvalidOperationException($"A{e.N}")),
            Sync<HandlerB, Ping>(e => ran.Add($"B{e.N}")),
            Sync<HandlerC, Pong>(e => throw new ArgumentException($"C{e.N}")),
        ]);

        var error = Assert.Throws<EventDispatchException>(() => dispatcher.Dispatch([new Ping(1), new Pong(2), new Ping(3)]));

        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.EqualTo(new[] { "B1", "B3" }));
            Assert.That(error!.Failures.Select(static f => $"{f.Handler}:{f.Exception.Message}"), Is.EqualTo(new[] { "HandlerA:A1", "HandlerC:C2", "HandlerA:A3" }));
        });
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task A_handler_is_retried_with_exponential_backoff_on_the_time_provider_until_it_succeeds(string kind)
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var retry = new HandlerRetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(100), JitterRatio = 0 };
        var dispatcher = Create(kind, [Sync<HandlerA, Ping>(_ => { if (Interlocked.Increment(ref attempts) < 3) throw new TimeoutException("flaky"); }, retry)], time: time);

        var dispatch = dispatcher.DispatchAsync(new Ping(1), CancellationToken.None).AsTask();
        Assert.That(Volatile.Read(ref attempts), Is.EqualTo(1));

        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.That(Volatile.Read(ref attempts), Is.EqualTo(1), "the first retry waits the base delay");
        time.Advance(TimeSpan.FromMilliseconds(1));
        WaitFor(() => Volatile.Read(ref attempts) == 2);

        time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.That(Volatile.Read(ref attempts), Is.EqualTo(2), "the second retry waits twice as long");
        time.Advance(TimeSpan.FromMilliseconds(1));
        await dispatch;

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(attempts, Is.EqualTo(3), "no attempt after the success");
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task A_handler_that_keeps_failing_is_attempted_exactly_MaxAttempts_times(string kind)
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var retry = new HandlerRetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), JitterRatio = 0 };
        var dispatcher = Create(kind, [Sync<HandlerA, Ping>(_ => { Interlocked.Increment(ref attempts); throw new TimeoutException("down"); }, retry)], time: time);

        var dispatch = dispatcher.DispatchAsync(new Ping(1), CancellationToken.None).AsTask();
        foreach (var (delay, expected) in new[] { (1, 2), (2, 3), (3, 4) }) // 1 s, 2 s, then capped at 3 s (not 4 s)
        {
            time.Advance(TimeSpan.FromSeconds(delay) - TimeSpan.FromMilliseconds(1));
            Assert.That(Volatile.Read(ref attempts), Is.EqualTo(expected - 1));
            time.Advance(TimeSpan.FromMilliseconds(1));
            WaitFor(() => Volatile.Read(ref attempts) == expected);
        }

        var error = Assert.ThrowsAsync<EventDispatchException>(async () => await dispatch);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(4));
            Assert.That(error!.Failures.Single().Attempts, Is.EqualTo(4));
            Assert.That(error.Failures.Single().Exception.Message, Is.EqualTo("down"));
        });
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public void Jitter_adds_at_most_its_ratio_to_a_delay(string kind)
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var retry = new HandlerRetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(100), JitterRatio = 0.5 };
        var dispatcher = Create(kind, [Sync<HandlerA, Ping>(_ => { if (Interlocked.Increment(ref attempts) == 1) throw new TimeoutException(); }, retry)], time: time);

        var dispatch = dispatcher.DispatchAsync(new Ping(1), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.That(Volatile.Read(ref attempts), Is.EqualTo(1));
        time.Advance(TimeSpan.FromMilliseconds(51));
        WaitFor(() => dispatch.IsCompleted);

        Assert.That(dispatch.IsCompletedSuccessfully && attempts == 2, Is.True);
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public void A_cancelled_handler_is_not_retried(string kind)
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        using var cancellation = new CancellationTokenSource();
        var retry = new HandlerRetryPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(10), JitterRatio = 0 };
        var dispatcher = Create(kind,
        [
            Handler<HandlerA, Ping>((_, ct) =>
            {
                Interlocked.Increment(ref attempts);
                cancellation.Cancel();
                ct.ThrowIfCancellationRequested();
                return default;
            }, retry),
        ], time: time);

        var error = Assert.ThrowsAsync<EventDispatchException>(async () => await dispatcher.DispatchAsync(new Ping(1), cancellation.Token));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(1));
            Assert.That(error!.Failures.Single().Attempts, Is.EqualTo(1));
            Assert.That(error.Failures.Single().Exception, Is.InstanceOf<OperationCanceledException>());
        });
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task Cancelling_during_a_backoff_stops_the_retries(string kind)
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        using var cancellation = new CancellationTokenSource();
        var retry = new HandlerRetryPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(1), JitterRatio = 0 };
        var dispatcher = Create(kind, [Sync<HandlerA, Ping>(_ => { Interlocked.Increment(ref attempts); throw new TimeoutException(); }, retry)], time: time);

        var dispatch = dispatcher.DispatchAsync(new Ping(1), cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        var error = Assert.ThrowsAsync<EventDispatchException>(async () => await dispatch);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(1));
            Assert.That(error!.Failures.Single().Exception, Is.InstanceOf<OperationCanceledException>());
        });
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task An_event_without_handlers_is_a_no_op(string kind)
    {
        var dispatcher = Create(kind, [Sync<HandlerA, Pong>(_ => throw new InvalidOperationException())]);

        await dispatcher.DispatchAsync(new Ping(1), CancellationToken.None);
        await dispatcher.DispatchAsync([], CancellationToken.None);
        dispatcher.Dispatch([new Ping(2)]);

        Assert.Pass("nothing was called");
    }

    // The handlers are real classes resolved from the provider, invoked as the generated descriptors invoke them.
    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task Dispatch_allocates_nothing_when_every_handler_completes_synchronously(string kind)
    {
        var counter = new CountingHandler();
        var services = new TestServices().Add(counter);
        var dispatcher = Create(kind,
        [
            new EventHandlerDescriptor(typeof(Ping), typeof(CountingHandler), static (provider, domainEvent, _) =>
            {
                ((IDomainEventHandler<Ping>)provider.GetService(typeof(CountingHandler))!).Handle((Ping)domainEvent);
                return default;
            }),
            new EventHandlerDescriptor(typeof(Ping), typeof(CountingHandler), static (provider, domainEvent, cancellationToken) =>
                ((IAsyncDomainEventHandler<Ping>)provider.GetService(typeof(CountingHandler))!).HandleAsync((Ping)domainEvent, cancellationToken)),
        ], services);
        var ping = new Ping(1);
        IReadOnlyList<IDomainEvent> events = [ping, ping];
        for (var i = 0; i < 100; i++)
        {
            await dispatcher.DispatchAsync(ping, CancellationToken.None);
            await dispatcher.DispatchAsync(events, CancellationToken.None);
            dispatcher.Dispatch(events);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            var single = dispatcher.DispatchAsync(ping, CancellationToken.None);
            var list = dispatcher.DispatchAsync(events, CancellationToken.None);
            dispatcher.Dispatch(events);
            if (!single.IsCompletedSuccessfully || !list.IsCompletedSuccessfully)
            {
                Assert.Fail("a synchronous dispatch did not complete synchronously");
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(counter.Count, Is.EqualTo(2 * 5 * 1100));
    }

    // As generated: a resolver and a call, so the dispatcher resolves each handler once and then calls it directly; two event
    // types alternate, so the dispatcher's "last event type" cache misses on every event.
    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task Dispatch_with_resolved_handlers_allocates_nothing_when_every_handler_completes_synchronously(string kind)
    {
        var counter = new CountingHandler();
        var services = new ResolveCountingServices(counter);
        var dispatcher = Create(kind, ResolveAndCall(), services);
        var ping = new Ping(1);
        IReadOnlyList<IDomainEvent> events = [ping, new Pong(2)];
        for (var i = 0; i < 100; i++)
        {
            await dispatcher.DispatchAsync(ping, CancellationToken.None);
            await dispatcher.DispatchAsync(events, CancellationToken.None);
            dispatcher.Dispatch(events);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            var single = dispatcher.DispatchAsync(ping, CancellationToken.None);
            var list = dispatcher.DispatchAsync(events, CancellationToken.None);
            dispatcher.Dispatch(events);
            if (!single.IsCompletedSuccessfully || !list.IsCompletedSuccessfully)
            {
                Assert.Fail("a synchronous dispatch did not complete synchronously");
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(counter.Count, Is.EqualTo(8 * 1100), "per round: Ping 3 times to 2 handlers, Pong twice to 1");
        Assert.That(services.Resolutions, Is.EqualTo(3), "each descriptor's handler is resolved once by this dispatcher");
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task A_handler_is_resolved_once_per_dispatcher_so_once_per_scope(string kind)
    {
        var counter = new CountingHandler();
        var services = new ResolveCountingServices(counter);
        var map = ResolveAndCall();
        var first = Create(kind, map, services);
        var second = Create(kind, map, services);

        await first.DispatchAsync(new Ping(1), CancellationToken.None);
        await first.DispatchAsync(new Ping(2), CancellationToken.None);
        Assert.That(services.Resolutions, Is.EqualTo(2), "2 Ping handlers, resolved on first use only");

        await second.DispatchAsync(new Ping(3), CancellationToken.None);
        await first.DispatchAsync(new Pong(4), CancellationToken.None);
        Assert.That(services.Resolutions, Is.EqualTo(5), "another dispatcher (scope) resolves its own; Pong's handler on its first event");
        Assert.That(counter.Count, Is.EqualTo(7));
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task A_resolution_that_throws_is_a_handler_failure_and_is_attempted_again_next_time(string kind)
    {
        var counter = new CountingHandler();
        var services = new ResolveCountingServices(counter) { FailNext = 1 };
        var dispatcher = Create(kind, ResolveAndCall(), services);

        var failed = Assert.ThrowsAsync<EventDispatchException>(async () => await dispatcher.DispatchAsync(new Ping(1), CancellationToken.None));
        Assert.That(failed!.Failures.Select(static f => f.Attempts), Is.EqualTo(new[] { 1 }));
        Assert.That(counter.Count, Is.EqualTo(1), "the other handler still ran");

        await dispatcher.DispatchAsync(new Ping(2), CancellationToken.None);
        await dispatcher.DispatchAsync(new Ping(3), CancellationToken.None);
        Assert.That(counter.Count, Is.EqualTo(5));
        Assert.That(services.Resolutions, Is.EqualTo(3), "the failed resolution kept nothing and was attempted again once");
    }

    [TestCaseSource(typeof(Dispatchers), nameof(Both))]
    public async Task A_retry_after_a_failed_resolution_resolves_again(string kind)
    {
        var counter = new CountingHandler();
        var services = new ResolveCountingServices(counter) { FailNext = 1 };
        var time = new FakeTimeProvider();
        var retry = new HandlerRetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.FromSeconds(1), JitterRatio = 0 };
        var dispatcher = Create(kind, [ResolveAndCallSync(retry)], services, time);

        var pending = dispatcher.DispatchAsync(new Ping(1), CancellationToken.None);
        Assert.That(pending.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromMinutes(1));
        await pending;

        Assert.That(counter.Count, Is.EqualTo(1));
        Assert.That(services.Resolutions, Is.EqualTo(2));
    }

    private static readonly Ping Unused = new(0);

    private static EventHandlerDescriptor ResolveAndCallSync(HandlerRetryPolicy? retry = null) =>
        new(typeof(Ping), typeof(CountingHandler),
            static provider => provider.GetService(typeof(CountingHandler))!,
            static (handler, domainEvent, _) =>
            {
                ((IDomainEventHandler<Ping>)(CountingHandler)handler).Handle((Ping)domainEvent);
                return default;
            },
            retry);

    private static EventHandlerDescriptor[] ResolveAndCall() =>
    [
        ResolveAndCallSync(),
        new(typeof(Ping), typeof(CountingHandler),
            static provider => provider.GetService(typeof(CountingHandler))!,
            static (handler, domainEvent, cancellationToken) => ((IAsyncDomainEventHandler<Ping>)(CountingHandler)handler).HandleAsync((Ping)domainEvent, cancellationToken)),
        new(typeof(Pong), typeof(CountingHandler),
            static provider => provider.GetService(typeof(CountingHandler))!,
            static (handler, _, _) =>
            {
                ((CountingHandler)handler).Handle(Unused);
                return default;
            }),
    ];

    private static void WaitFor(Func<bool> condition) =>
        Assert.That(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(10)), Is.True, "the awaited continuation did not run");

    private sealed class CountingHandler : IDomainEventHandler<Ping>, IAsyncDomainEventHandler<Ping>
    {
        public int Count { get; private set; }

        public void Handle(Ping domainEvent) => Count++;

        public ValueTask HandleAsync(Ping domainEvent, CancellationToken cancellationToken)
        {
            Count++;
            return default;
        }
    }

    /// <summary>Counts resolutions of the one handler; can fail the next resolutions.</summary>
    private sealed class ResolveCountingServices(CountingHandler handler) : IServiceProvider
    {
        public int Resolutions { get; private set; }

        public int FailNext { get; set; }

        public object? GetService(Type serviceType)
        {
            Resolutions++;
            if (FailNext > 0)
            {
                FailNext--;
                throw new InvalidOperationException("resolution failed");
            }

            return serviceType == typeof(CountingHandler) ? handler : null;
        }
    }
}
