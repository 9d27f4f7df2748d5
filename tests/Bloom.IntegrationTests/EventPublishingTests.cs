using Bloom.IntegrationTests.Events;
using Bloom.Messaging;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.IntegrationTests;

/// <summary>
/// "No publish without commit" (issue 5, DESIGN §2.4), through the generated <c>AddBloom</c> and a real container, on the in-memory
/// store and on a SQLite file: a committed unit of work publishes each event once, after the commit (its handlers see the
/// committed state through a new unit of work); a rolled-back, disposed-without-commit or failed one publishes nothing. Sync and
/// async units of work, scoped and from the factory.
/// </summary>
[TestFixture("memory")]
[TestFixture("sqlite")]
public sealed class EventPublishingTests(string store)
{
    private string? _directory;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "bloom-events-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory!, recursive: true);
    }

    [Test]
    public async Task A_committed_unit_of_work_publishes_each_event_once_after_the_commit([Values] bool async, [Values] bool scoped)
    {
        var journal = new EventJournal();
        await using var provider = await Provider(journal);
        await using var scope = provider.CreateAsyncScope();
        var unitOfWork = scoped ? scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>() : provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        var subscription = Subscription.Start(CustomerNumber.From(1), new Money(5m, "EUR"));
        var started = (SubscriptionStarted)subscription.PendingEvents.Single();

        await unitOfWork.Subscriptions.AddAsync(subscription, CancellationToken.None);
        Assert.That(journal.Lines, Is.Empty, "nothing before the commit");
        await Commit(unitOfWork, async);
        var afterFirstCommit = journal.Lines;
        await Commit(unitOfWork, async); // nothing left to publish
        if (!scoped)
        {
            await unitOfWork.DisposeAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(afterFirstCommit, Is.EqualTo(new[] { $"async {started.EventId} stored=True v1", $"sync {started.EventId}" }), "registration order; the handler read the committed row");
            Assert.That(journal.Lines, Is.EqualTo(afterFirstCommit), "each event once");
            Assert.That(subscription.PendingEvents, Is.Empty);
            Assert.That(journal.ScopeUnitsOfWork.Single(), scoped ? Is.SameAs(unitOfWork) : Is.Not.SameAs(unitOfWork),
                scoped ? "scoped handlers share the committing scope" : "the factory's unit of work dispatches in a scope of its own");
        });
        if (!scoped)
        {
            Assert.Throws<ObjectDisposedException>(() => journal.ScopeUnitsOfWork.Single().Subscriptions.Find(subscription.Id), "that scope was disposed after the dispatch");
        }
    }

    [Test]
    public async Task A_rolled_back_unit_of_work_publishes_nothing([Values] bool async)
    {
        var journal = new EventJournal();
        await using var provider = await Provider(journal);
        var subscription = Subscription.Start(CustomerNumber.From(2), new Money(5m, "EUR"));
        await using (var unitOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin())
        {
            unitOfWork.Subscriptions.Add(subscription);
            if (async)
            {
                await unitOfWork.RollbackAsync(CancellationToken.None);
            }
            else
            {
                unitOfWork.Rollback();
            }

            await Commit(unitOfWork, async);
        }

        await AssertNothingPublishedOrStored(provider, journal, subscription);
    }

    [Test]
    public async Task A_unit_of_work_disposed_without_commit_publishes_nothing([Values] bool async, [Values] bool scoped)
    {
        var journal = new EventJournal();
        await using var provider = await Provider(journal);
        var subscription = Subscription.Start(CustomerNumber.From(3), new Money(5m, "EUR"));
        var scope = provider.CreateAsyncScope();
        var unitOfWork = scoped ? scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>() : provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        unitOfWork.Subscriptions.Add(subscription);
        if (async)
        {
            await unitOfWork.DisposeAsync();
            await scope.DisposeAsync();
        }
        else
        {
            unitOfWork.Dispose();
            ((IDisposable)scope).Dispose();
        }

        await AssertNothingPublishedOrStored(provider, journal, subscription);
    }

    [Test]
    public async Task A_commit_that_fails_with_a_concurrency_conflict_publishes_nothing([Values] bool async)
    {
        var journal = new EventJournal();
        await using var provider = await Provider(journal);
        var factory = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>();
        var parcel = Parcel.Register(CustomerNumber.From(4), new Money(2m, "EUR"));
        using (var setup = factory.Begin())
        {
            setup.Parcels.Add(parcel);
            setup.Commit();
        }

        var subscription = Subscription.Start(CustomerNumber.From(4), new Money(5m, "EUR"));
        await using var stale = factory.Begin();
        stale.Parcels.Get(parcel.Id).Ship("stale");
        stale.Subscriptions.Add(subscription); // raises SubscriptionStarted in the same, doomed, commit
        using (var winner = factory.Begin())
        {
            winner.Parcels.Get(parcel.Id).Ship("winner");
            winner.Commit();
        }

        if (async)
        {
            Assert.ThrowsAsync<ConcurrencyException>(() => stale.CommitAsync(CancellationToken.None));
        }
        else
        {
            Assert.Throws<ConcurrencyException>(stale.Commit);
        }

        await AssertNothingPublishedOrStored(provider, journal, subscription);
    }

    [Test]
    public async Task A_failing_handler_surfaces_after_the_commit_which_stands_and_the_other_handler_still_runs([Values] bool async)
    {
        var journal = new EventJournal { FailSyncHandler = true };
        await using var provider = await Provider(journal);
        var subscription = Subscription.Start(CustomerNumber.From(5), new Money(5m, "EUR"));
        await using var unitOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        unitOfWork.Subscriptions.Add(subscription);

        var error = async
            ? Assert.ThrowsAsync<EventDispatchException>(() => unitOfWork.CommitAsync(CancellationToken.None))
            : Assert.Throws<EventDispatchException>(unitOfWork.Commit);

        await using var check = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures.Select(static f => (f.Handler, f.Event.GetType())), Is.EqualTo(new[] { (nameof(CountSubscriptions), typeof(SubscriptionStarted)) }));
            Assert.That(journal.Lines, Has.Count.EqualTo(1).And.All.StartsWith("async "), "the other handler ran");
            Assert.That(check.Subscriptions.Find(subscription.Id), Is.Not.Null, "the commit stands");
        });
    }

    [Test]
    public async Task PublishInProcess_false_keeps_committed_events_out_of_the_handlers()
    {
        var journal = new EventJournal();
        await using var provider = await Provider(journal, static b => b.PublishInProcess(false));
        await using var scope = provider.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();
        unitOfWork.Subscriptions.Add(Subscription.Start(CustomerNumber.From(6), new Money(5m, "EUR")));
        await unitOfWork.CommitAsync(CancellationToken.None);

        Assert.That(journal.Lines, Is.Empty);
    }

    [Test]
    public async Task UseConcurrentDispatch_runs_the_handlers_through_the_concurrent_registry([Values] bool scoped)
    {
        var journal = new EventJournal();
        await using var provider = await Provider(journal, static b => b.UseConcurrentDispatch());
        await using var scope = provider.CreateAsyncScope();
        var unitOfWork = scoped ? scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>() : provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        var subscription = Subscription.Start(CustomerNumber.From(7), new Money(5m, "EUR"));
        unitOfWork.Subscriptions.Add(subscription);
        await unitOfWork.CommitAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(scope.ServiceProvider.GetRequiredService<IEventDispatcher>(), Is.TypeOf<ConcurrentEventDispatcher>());
            Assert.That(journal.Lines.Select(static l => l.Split(' ')[0]), Is.EquivalentTo(new[] { "async", "sync" }), "both ran, in either order");
        });
    }

    private static async Task Commit(IShopUnitOfWork unitOfWork, bool async)
    {
        if (async)
        {
            await unitOfWork.CommitAsync(CancellationToken.None);
        }
        else
        {
            unitOfWork.Commit();
        }
    }

    private static async Task AssertNothingPublishedOrStored(ServiceProvider provider, EventJournal journal, Subscription subscription)
    {
        await using var check = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        var stored = await check.Subscriptions.FindAsync(subscription.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(journal.Lines, Is.Empty, "nothing published");
            Assert.That(stored, Is.Null, "nothing stored");
        });
    }

    private async Task<ServiceProvider> Provider(EventJournal journal, Action<BloomBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(journal);
        var connectionString = $"Data Source={Path.Combine(_directory!, "events.db")}";
        services.AddBloom(b =>
        {
            if (store == "sqlite")
            {
                b.UseSqlite(connectionString);
            }
            else
            {
                b.UseInMemory();
            }

            configure?.Invoke(b);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
        return provider;
    }
}
