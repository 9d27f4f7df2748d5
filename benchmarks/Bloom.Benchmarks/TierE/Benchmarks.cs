using BenchmarkDotNet.Attributes;
using Bloom.Benchmarks.ManyEvents;
using Bloom.Benchmarks.TierA;
using Bloom.Messaging;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.Benchmarks.TierE;

/// <summary>The services every Tier E class builds: Bloom handlers, the Mediator.SourceGenerator mediator of this assembly, MediatR.</summary>
internal static class TierEServices
{
    public static ServiceProvider Build(bool withManyEvents, bool singletons = true)
    {
        var services = new ServiceCollection();
        services.AddBloomHandlers(singletons);
        if (withManyEvents)
        {
            services.AddManyEventsHandlers(singletons);
        }

        // Mediator.SourceGenerator: singleton handlers (its fastest setting), the mediator of this assembly only (A7's 500 types
        // have their own, in Bloom.Benchmarks.ManyEvents).
        services.AddMediator(static options =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Assemblies = [typeof(Placed)];
        });

        // MediatR 5.1.0 resolves IEnumerable<INotificationHandler<T>> through its ServiceFactory on every publish.
        services.AddSingleton<MediatR.INotificationHandler<Placed>, PlacedMediatRHandler1>();
        services.AddSingleton<MediatR.INotificationHandler<Placed>, PlacedMediatRHandler2>();
        services.AddSingleton<MediatR.IMediator>(static sp => new MediatR.Mediator(sp.GetService!));
        return services.BuildServiceProvider();
    }

    public static EventHandlerMap Map(bool withManyEvents) =>
        new(withManyEvents ? [.. TierEHandlers.Descriptors, .. ManyEventsBloomHandlers.Descriptors] : TierEHandlers.Descriptors);
}

/// <summary>A6 — publish one event to two handlers that complete synchronously.</summary>
[TierARow("A6", "Publish 1 event → 2 handlers (complete synchronously)", 0.90, "0 B")]
public class A6_PublishTwoHandlers
{
    private readonly Placed _event = new();
    private ServiceProvider _services = null!;
    private PlacedBloomHandler1 _handler1 = null!;
    private PlacedBloomHandler2 _handler2 = null!;
    private Func<Placed, CancellationToken, ValueTask>[] _delegates = null!;
    private SequentialEventDispatcher _sequential = null!;
    private ConcurrentEventDispatcher _concurrent = null!;
    private IEventDispatcher _sequentialInterface = null!;
    private ServiceProvider _scopedServices = null!;
    private IServiceScope _scope = null!;
    private SequentialEventDispatcher _scopedSequential = null!;
    private EventHandlerMap _map = null!;
    private EventHandlerDescriptor[] _descriptors = null!;
    private FrozenBoundHandlers _bound = null!;
    private global::Mediator.Mediator _mediator = null!;
    private global::Mediator.IPublisher _publisher = null!;
    private MediatR.IMediator _mediatr = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = TierEServices.Build(withManyEvents: false);
        _handler1 = _services.GetRequiredService<PlacedBloomHandler1>();
        _handler2 = _services.GetRequiredService<PlacedBloomHandler2>();
        _delegates = [_handler1.HandleAsync, _handler2.HandleAsync];
        var map = TierEServices.Map(withManyEvents: false);
        _sequential = new SequentialEventDispatcher(_services, map);
        _concurrent = new ConcurrentEventDispatcher(_services, map);
        _sequentialInterface = _sequential;
        _scopedServices = TierEServices.Build(withManyEvents: false, singletons: false);
        _scope = _scopedServices.CreateScope();
        _scopedSequential = new SequentialEventDispatcher(_scope.ServiceProvider, map);
        _map = map;
        _descriptors = map.For(typeof(Placed)).ToArray();
        _bound = new FrozenBoundHandlers(_services, TierEHandlers.Descriptors);
        _mediator = _services.GetRequiredService<global::Mediator.Mediator>();
        _publisher = _services.GetRequiredService<global::Mediator.IPublisher>();
        _mediatr = _services.GetRequiredService<MediatR.IMediator>();

        // Every variant must reach both of its handlers (checked once here, so a filtered run checks too).
        var bloom = (_services.GetRequiredService<PlacedBloomHandler1>(), _services.GetRequiredService<PlacedBloomHandler2>());
        var mediator = _services.GetServices<global::Mediator.INotificationHandler<Placed>>().Cast<object>().ToArray();
        var mediatr = _services.GetServices<MediatR.INotificationHandler<Placed>>().Cast<object>().ToArray();
        var scoped = (_scope.ServiceProvider.GetRequiredService<PlacedBloomHandler1>(), _scope.ServiceProvider.GetRequiredService<PlacedBloomHandler2>());
        int Bloom() => bloom.Item1.Count + bloom.Item2.Count;
        int Scoped() => scoped.Item1.Count + scoped.Item2.Count;
        int Mediator() => ((PlacedMediatorHandler1)mediator[0]).Count + ((PlacedMediatorHandler2)mediator[1]).Count;
        int MediatRCount() => ((PlacedMediatRHandler1)mediatr[0]).Count + ((PlacedMediatRHandler2)mediatr[1]).Count;
        TierEChecks.Reaches("A6 delegates", Bloom, () => Delegates().AsTask().Wait());
        TierEChecks.Reaches("A6 floor", Bloom, () => Floor().AsTask().Wait());
        TierEChecks.Reaches("A6 sequential", Bloom, () => BloomSequential().AsTask().Wait());
        TierEChecks.Reaches("A6 concurrent", Bloom, () => BloomConcurrent().AsTask().Wait());
        TierEChecks.Reaches("A6 interface", Bloom, () => BloomSequentialInterface().AsTask().Wait());
        TierEChecks.Reaches("A6 scoped", Scoped, () => BloomSequentialScoped().AsTask().Wait());
        TierEChecks.Reaches("A6 descriptors", Bloom, () => BloomPartDescriptors().AsTask().Wait());
        TierEChecks.Reaches("A6 sketch", Bloom, () => BloomSketchBound().AsTask().Wait());
        TierEChecks.Reaches("A6 Mediator", Mediator, () => MediatorConcrete().AsTask().Wait());
        TierEChecks.Reaches("A6 Mediator IPublisher", Mediator, () => MediatorIPublisher().AsTask().Wait());
        TierEChecks.Reaches("A6 MediatR", MediatRCount, () => MediatR().Wait());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _scopedServices.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "direct delegate array, await each")]
    public async ValueTask Delegates()
    {
        var delegates = _delegates;
        var e = _event;
        for (var i = 0; i < delegates.Length; i++)
        {
            await delegates[i](e, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [Benchmark(Description = "floor: 2 direct interface calls, no state machine")]
    public ValueTask Floor()
    {
        var first = _handler1.HandleAsync(_event, CancellationToken.None);
        return first.IsCompletedSuccessfully ? _handler2.HandleAsync(_event, CancellationToken.None) : Rest(first);

        async ValueTask Rest(ValueTask pending)
        {
            await pending.ConfigureAwait(false);
            await _handler2.HandleAsync(_event, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [Benchmark(Description = "Bloom SequentialEventDispatcher.DispatchAsync")]
    public ValueTask BloomSequential() => _sequential.DispatchAsync(_event, CancellationToken.None);

    [Benchmark(Description = "Bloom ConcurrentEventDispatcher.DispatchAsync")]
    public ValueTask BloomConcurrent() => _concurrent.DispatchAsync(_event, CancellationToken.None);

    [Benchmark(Description = "Bloom sequential, through IEventDispatcher")]
    public ValueTask BloomSequentialInterface() => _sequentialInterface.DispatchAsync(_event, CancellationToken.None);

    [Benchmark(Description = "Bloom sequential, scoped handlers (the generated registration's default) resolved from a scope")]
    public ValueTask BloomSequentialScoped() => _scopedSequential.DispatchAsync(_event, CancellationToken.None);

    [Benchmark(Description = "Bloom part: EventHandlerMap.For(e.GetType()) only")]
    public int BloomPartMapLookup() => _map.For(_event.GetType()).Length;

    [Benchmark(Description = "Bloom part: 2× ServiceProvider.GetRequiredService<H>() only")]
    public int BloomPartResolve() =>
        _services.GetRequiredService<PlacedBloomHandler1>().Count + _services.GetRequiredService<PlacedBloomHandler2>().Count;

    [Benchmark(Description = "Bloom part: the 2 descriptors' Invoke (resolve + call), no map, no invoker")]
    public ValueTask BloomPartDescriptors()
    {
        var descriptors = _descriptors;
        for (var i = 0; i < descriptors.Length; i++)
        {
            var pending = descriptors[i].Invoke(_services, _event, CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                return pending;
            }
        }

        return default;
    }

    [Benchmark(Description = "sketch: map lookup + handlers resolved once per provider (not Bloom today)")]
    public ValueTask BloomSketchBound() => _bound.DispatchAsync(_event, CancellationToken.None);

    [Benchmark(Description = "Mediator.SG 3.0.2 concrete Mediator.Publish(Placed)")]
    public ValueTask MediatorConcrete() => _mediator.Publish(_event, CancellationToken.None);

    [Benchmark(Description = "Mediator.SG 3.0.2 IPublisher.Publish")]
    public ValueTask MediatorIPublisher() => _publisher.Publish(_event, CancellationToken.None);

    [Benchmark(Description = "MediatR 5.1.0 IMediator.Publish")]
    public Task MediatR() => _mediatr.Publish(_event, CancellationToken.None);
}

/// <summary>
/// A7 — the same publish with 500 more event types registered: Bloom's map holds this assembly's handlers and the 502 of
/// Bloom.Benchmarks.ManyEvents; the Mediator peer is the mediator generated for that 501-notification assembly.
/// </summary>
[TierARow("A7", "Publish 1 event → 2 handlers, 500 more event types registered", 1.10, "0 B")]
public class A7_PublishManyEventTypes
{
    private readonly ManyPlaced _event = new();
    private ServiceProvider _services = null!;
    private Func<ManyPlaced, CancellationToken, ValueTask>[] _delegates = null!;
    private SequentialEventDispatcher _sequential = null!;
    private ConcurrentEventDispatcher _concurrent = null!;
    private EventHandlerMap _map = null!;
    private ManyTypesMediatorPeer _mediator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = TierEServices.Build(withManyEvents: true);
        var handler1 = _services.GetRequiredService<ManyPlacedBloomHandler1>();
        var handler2 = _services.GetRequiredService<ManyPlacedBloomHandler2>();
        _delegates = [handler1.HandleAsync, handler2.HandleAsync];
        var map = TierEServices.Map(withManyEvents: true);
        if (map.EventTypes.Count() < ManyEventsBloomHandlers.EventTypeCount + 1)
        {
            throw new InvalidOperationException($"A7: the map holds only {map.EventTypes.Count()} event types.");
        }

        _sequential = new SequentialEventDispatcher(_services, map);
        _concurrent = new ConcurrentEventDispatcher(_services, map);
        _map = map;
        _mediator = new ManyTypesMediatorPeer();
        int Bloom() => ManyEventsBloomHandlers.ManyPlacedCount(_services);
        TierEChecks.Reaches("A7 delegates", Bloom, () => Delegates().AsTask().Wait());
        TierEChecks.Reaches("A7 sequential", Bloom, () => BloomSequential().AsTask().Wait());
        TierEChecks.Reaches("A7 concurrent", Bloom, () => BloomConcurrent().AsTask().Wait());
        TierEChecks.Reaches("A7 Mediator", () => _mediator.HandledCount, () => MediatorConcrete().AsTask().Wait());
        TierEChecks.Reaches("A7 Mediator IPublisher", () => _mediator.HandledCount, () => MediatorIPublisher().AsTask().Wait());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "direct delegate array, await each")]
    public async ValueTask Delegates()
    {
        var delegates = _delegates;
        var e = _event;
        for (var i = 0; i < delegates.Length; i++)
        {
            await delegates[i](e, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [Benchmark(Description = "Bloom SequentialEventDispatcher.DispatchAsync, map with 500 more event types")]
    public ValueTask BloomSequential() => _sequential.DispatchAsync(_event, CancellationToken.None);

    [Benchmark(Description = "Bloom ConcurrentEventDispatcher.DispatchAsync, map with 500 more event types")]
    public ValueTask BloomConcurrent() => _concurrent.DispatchAsync(_event, CancellationToken.None);

    [Benchmark(Description = "Bloom part: EventHandlerMap.For(e.GetType()) only, map with 500 more event types")]
    public int BloomPartMapLookup() => _map.For(_event.GetType()).Length;

    [Benchmark(Description = "Mediator.SG 3.0.2 concrete Publish, 501 notification types")]
    public ValueTask MediatorConcrete() => _mediator.PublishConcrete();

    [Benchmark(Description = "Mediator.SG 3.0.2 IPublisher.Publish, 501 notification types")]
    public ValueTask MediatorIPublisher() => _mediator.PublishViaIPublisher();
}

/// <summary>
/// A8 — a unit of work commits an aggregate (in-memory store) whose command raised 2 events, and the events go to 2 handlers
/// each. Every variant keeps one unit of work and one tracked aggregate: one operation = one command (2 new events) + one commit.
/// </summary>
[TierARow("A8", "Unit of work: commit 1 aggregate + dispatch its 2 events to 2 handlers each (in-memory store)", 1.20, "= baseline")]
public class A8_UnitOfWorkDispatch
{
    private readonly List<IDomainEvent> _collected = new(4);
    private ServiceProvider _services = null!;
    private CreditedHandler1 _credited1 = null!;
    private CreditedHandler2 _credited2 = null!;
    private BalanceChangedHandler1 _changed1 = null!;
    private BalanceChangedHandler2 _changed2 = null!;
    private (LedgerUow Uow, Ledger Ledger) _handWritten;
    private (LedgerUow Uow, Ledger Ledger) _noHandlers;
    private (LedgerUow Uow, Ledger Ledger) _sequential;
    private (LedgerUow Uow, Ledger Ledger) _concurrent;
    private (LedgerUow Uow, Ledger Ledger) _sequentialSync;
    private (LedgerUow Uow, Ledger Ledger) _noHandlersSync;
    private SequentialEventDispatcher _dispatcher = null!;
    private List<IDomainEvent> _twoEvents = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = TierEServices.Build(withManyEvents: false);
        _credited1 = _services.GetRequiredService<CreditedHandler1>();
        _credited2 = _services.GetRequiredService<CreditedHandler2>();
        _changed1 = _services.GetRequiredService<BalanceChangedHandler1>();
        _changed2 = _services.GetRequiredService<BalanceChangedHandler2>();
        var map = TierEServices.Map(withManyEvents: false);
        _handWritten = Open(null);
        _noHandlers = Open(null);
        _sequential = Open(new SequentialEventDispatcher(_services, map));
        _concurrent = Open(new ConcurrentEventDispatcher(_services, map));
        _sequentialSync = Open(new SequentialEventDispatcher(_services, map));
        _noHandlersSync = Open(null);
        _dispatcher = new SequentialEventDispatcher(_services, map);
        _twoEvents = [new LedgerCredited(1m), new LedgerBalanceChanged(1m)];
        int Handled() => _credited1.Count + _credited2.Count + _changed1.Count + _changed2.Count;
        TierEChecks.Reaches("A8 hand-written", Handled, () => HandWritten().Wait(), expected: 4);
        TierEChecks.Reaches("A8 sequential", Handled, () => BloomSequential().Wait(), expected: 4);
        TierEChecks.Reaches("A8 concurrent", Handled, () => BloomConcurrent().Wait(), expected: 4);
        TierEChecks.Reaches("A8 sync commit", Handled, BloomSequentialSyncCommit, expected: 4);
        TierEChecks.Reaches("A8 no handlers", Handled, () => CommitNoHandlers().Wait(), expected: 0);
        TierEChecks.Reaches("A8 no handlers sync", Handled, CommitNoHandlersSync, expected: 0);
        TierEChecks.Reaches("A8 list", Handled, () => BloomPartDispatchList().AsTask().Wait(), expected: 4);
        TierEChecks.Reaches("A8 each", Handled, () => BloomPartDispatchEach().AsTask().Wait(), expected: 4);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (uow, ledger) in new[] { _handWritten, _noHandlers, _sequential, _concurrent, _sequentialSync, _noHandlersSync })
        {
            if (((IAggregateRoot)ledger).Version < 2 || ((IAggregateRoot)ledger).PendingEvents.Count != 0)
            {
                throw new InvalidOperationException("A8: a variant did not commit.");
            }

            uow.Dispose();
        }

        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "commit without dispatcher + hand-written loop over the collected events")]
    public async Task HandWritten()
    {
        var (uow, ledger) = _handWritten;
        ledger.Credit(1m);
        var collected = _collected;
        collected.Clear();
        var pending = ((IAggregateRoot)ledger).PendingEvents;
        for (var i = 0; i < pending.Count; i++)
        {
            collected.Add(pending[i]);
        }

        await uow.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        for (var i = 0; i < collected.Count; i++)
        {
            switch (collected[i])
            {
                case LedgerCredited credited:
                    await _credited1.HandleAsync(credited, CancellationToken.None).ConfigureAwait(false);
                    await _credited2.HandleAsync(credited, CancellationToken.None).ConfigureAwait(false);
                    break;
                case LedgerBalanceChanged changed:
                    await _changed1.HandleAsync(changed, CancellationToken.None).ConfigureAwait(false);
                    await _changed2.HandleAsync(changed, CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }
    }

    [Benchmark(Description = "same commit, no dispatcher (no handlers run)")]
    public Task CommitNoHandlers()
    {
        var (uow, ledger) = _noHandlers;
        ledger.Credit(1m);
        return uow.CommitAsync(CancellationToken.None);
    }

    [Benchmark(Description = "Bloom CommitAsync + SequentialEventDispatcher")]
    public Task BloomSequential()
    {
        var (uow, ledger) = _sequential;
        ledger.Credit(1m);
        return uow.CommitAsync(CancellationToken.None);
    }

    [Benchmark(Description = "Bloom CommitAsync + ConcurrentEventDispatcher")]
    public Task BloomConcurrent()
    {
        var (uow, ledger) = _concurrent;
        ledger.Credit(1m);
        return uow.CommitAsync(CancellationToken.None);
    }

    [Benchmark(Description = "Bloom sync Commit() + SequentialEventDispatcher")]
    public void BloomSequentialSyncCommit()
    {
        var (uow, ledger) = _sequentialSync;
        ledger.Credit(1m);
        uow.Commit();
    }

    [Benchmark(Description = "same sync Commit(), no dispatcher")]
    public void CommitNoHandlersSync()
    {
        var (uow, ledger) = _noHandlersSync;
        ledger.Credit(1m);
        uow.Commit();
    }

    [Benchmark(Description = "Bloom part: SequentialEventDispatcher.DispatchAsync(list of the 2 events) alone")]
    public ValueTask BloomPartDispatchList() => _dispatcher.DispatchAsync(_twoEvents, CancellationToken.None);

    [Benchmark(Description = "Bloom part: DispatchAsync(event) for each of the 2 events, no list method")]
    public ValueTask BloomPartDispatchEach()
    {
        var events = _twoEvents;
        for (var i = 0; i < events.Count; i++)
        {
            var pending = _dispatcher.DispatchAsync(events[i], CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                return pending;
            }
        }

        return default;
    }

    private static (LedgerUow, Ledger) Open(IEventDispatcher? dispatcher)
    {
        var store = new InMemoryAggregateStore();
        store.EnsureSchemaAsync([Ledger.Mapping], CancellationToken.None).GetAwaiter().GetResult();
        var uow = new LedgerUow(new UnitOfWorkServices(store, dispatcher));
        var ledger = Ledger.Open(LedgerId.New());
        uow.Ledgers.Add(ledger);
        uow.Commit();
        return (uow, ledger);
    }
}

internal static class TierEChecks
{
    /// <summary>Runs <paramref name="variant"/> once and checks that it made <paramref name="expected"/> handler calls.</summary>
    public static void Reaches(string what, Func<int> handled, Action variant, int expected = 2)
    {
        var before = handled();
        variant();
        var calls = handled() - before;
        if (calls != expected)
        {
            throw new InvalidOperationException($"{what}: {calls} handler call(s), expected {expected}.");
        }
    }
}
