using System.Reflection;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.IntegrationTests;

/// <summary>
/// The one-project layout (DESIGN §6): this project declares aggregates and <see cref="IShopUnitOfWork"/>, and references
/// Bloom.Runtime and DI, so Bloom generates the unit of work's properties, its implementation and <c>services.AddBloom(...)</c>.
/// Everything here goes through a real <see cref="ServiceCollection"/>.
/// </summary>
public sealed class UnitOfWorkRegistrationTests
{
    [Test]
    public void The_unit_of_work_has_one_repository_per_persistable_aggregate()
    {
        var properties = typeof(IShopUnitOfWork).GetProperties().ToDictionary(static p => p.Name, static p => p.PropertyType);

        Assert.That(properties, Is.EquivalentTo(new Dictionary<string, Type>
        {
            ["Parcels"] = typeof(IParcelRepository),
            ["Subscriptions"] = typeof(ISubscriptionRepository),
        }));
        Assert.That(typeof(IShopUnitOfWork).GetInterfaces(), Does.Contain(typeof(IUnitOfWork)).And.Contain(typeof(ISyncUnitOfWork)));
        Assert.That(typeof(IShopUnitOfWork).Assembly.GetCustomAttributes<BloomUnitOfWorkAttribute>().Select(static a => a.UnitOfWork), Is.EqualTo(new[] { typeof(IShopUnitOfWork) }));
    }

    [Test]
    public void Unit_of_work_repositories_and_factory_resolve_with_their_lifetimes()
    {
        using var provider = Provider();
        using var scope = provider.CreateScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();

        Assert.Multiple(() =>
        {
            Assert.That(scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>(), Is.SameAs(unitOfWork), "scoped");
            Assert.That(scope.ServiceProvider.GetRequiredService<IParcelRepository>(), Is.SameAs(unitOfWork.Parcels), "a repository belongs to the scope's unit of work");
            Assert.That(scope.ServiceProvider.GetRequiredService<ISubscriptionRepository>(), Is.SameAs(unitOfWork.Subscriptions));
            Assert.That(provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>(), Is.SameAs(scope.ServiceProvider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>()), "singleton");
            Assert.That(provider.GetRequiredService<IAggregateStore>(), Is.SameAs(provider.GetRequiredService<InMemoryAggregateStore>()));
            Assert.That(provider.GetRequiredService<BloomSchema>().Mappings, Is.EquivalentTo(new AggregateMapping[] { Parcel.Mapping, Subscription.Mapping }));
        });
        using var other = provider.CreateScope();
        Assert.That(other.ServiceProvider.GetRequiredService<IShopUnitOfWork>(), Is.Not.SameAs(unitOfWork));
    }

    [Test]
    public async Task A_parcel_round_trips_through_the_scoped_unit_of_work_and_the_factory()
    {
        await using var provider = Provider();
        await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
        var parcel = Parcel.Register(CustomerNumber.From(42), new Money(9.5m, "EUR"));

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IParcelRepository>().AddAsync(parcel, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>().CommitAsync(CancellationToken.None);
        }

        await using var unitOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        var loaded = await unitOfWork.Parcels.GetAsync(parcel.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.Not.SameAs(parcel));
            Assert.That(loaded.Id, Is.EqualTo(parcel.Id));
            Assert.That(loaded.Recipient, Is.EqualTo(CustomerNumber.From(42)));
            Assert.That(loaded.Postage, Is.EqualTo(new Money(9.5m, "EUR")));
            Assert.That(loaded.Status, Is.EqualTo(ParcelStatus.Registered));
            Assert.That(loaded.TrackingCode, Is.Null);
            Assert.That(loaded.Version, Is.EqualTo(1));
            Assert.That(parcel.Version, Is.EqualTo(1), "the committed instance's version moved on too");
            Assert.That(unitOfWork.Parcels.Get(parcel.Id), Is.SameAs(loaded), "identity map");
        });
    }

    [Test]
    public void Changes_are_written_only_by_commit_and_checked_against_the_version()
    {
        using var provider = Provider();
        var factory = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>();
        var parcel = Parcel.Register(CustomerNumber.From(7), new Money(4m, "EUR"));
        using (var unitOfWork = factory.Begin())
        {
            unitOfWork.Parcels.Add(parcel);
            unitOfWork.Commit();
        }

        using (var uncommitted = factory.Begin())
        {
            uncommitted.Parcels.Get(parcel.Id).Ship("never written");
        }

        using var first = factory.Begin();
        using var second = factory.Begin();
        first.Parcels.Get(parcel.Id).Ship("first");
        second.Parcels.Get(parcel.Id).Ship("second");
        first.Commit();

        Assert.Throws<ConcurrencyException>(second.Commit);
        using var check = factory.Begin();
        var stored = check.Parcels.Get(parcel.Id);
        Assert.That((stored.TrackingCode, stored.Version), Is.EqualTo(("first", 2L)), "disposing without commit wrote nothing; the stale commit wrote nothing");
    }

    [Test]
    public async Task A_parcel_and_a_subscription_survive_a_restart_with_UseSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bloom-uow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = $"Data Source={Path.Combine(directory, "shop.db")}";
        try
        {
            var parcel = Parcel.Register(CustomerNumber.From(5), new Money(3.2m, "EUR"));
            var subscription = Subscription.Start(CustomerNumber.From(5), new Money(9.99m, "EUR"));
            await using (var provider = Provider(b => b.UseSqlite(connectionString)))
            {
                Assert.That(provider.GetRequiredService<IAggregateStore>(), Is.TypeOf<Bloom.Sqlite.SqliteAggregateStore>());
                await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
                await using var scope = provider.CreateAsyncScope();
                var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();
                await unitOfWork.Parcels.AddAsync(parcel, CancellationToken.None);
                await unitOfWork.Subscriptions.AddAsync(subscription, CancellationToken.None);
                await unitOfWork.CommitAsync(CancellationToken.None);
                unitOfWork.Parcels.Get(parcel.Id).Ship("TRACK-1");
                await unitOfWork.CommitAsync(CancellationToken.None);
            }

            await using (var provider = Provider(b => b.UseSqlite(connectionString)))
            {
                await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
                await using var unitOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
                var loaded = await unitOfWork.Parcels.GetAsync(parcel.Id, CancellationToken.None);
                var loadedSubscription = await unitOfWork.Subscriptions.GetAsync(subscription.Id, CancellationToken.None);
                Assert.Multiple(() =>
                {
                    Assert.That((loaded.Status, loaded.TrackingCode, loaded.Postage, loaded.Version), Is.EqualTo((ParcelStatus.Shipped, "TRACK-1", new Money(3.2m, "EUR"), 2L)));
                    Assert.That((loadedSubscription.MonthlyFee, loadedSubscription.Version), Is.EqualTo((new Money(9.99m, "EUR"), 1L)));
                });
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void AddBloom_without_a_store_says_how_to_choose_one()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddBloom(static _ => { }));

        Assert.That(error!.Message, Does.Contain("b.UseSqlite(...)").And.Contain("b.UseInMemory()"));
    }

    [Test]
    public void AddBloom_twice_registers_each_service_once()
    {
        var services = new ServiceCollection();
        services.AddBloom(static b => b.UseInMemory());
        services.AddBloom(static b => b.UseInMemory());

        Assert.Multiple(() =>
        {
            Assert.That(services.Count(static d => d.ServiceType == typeof(IShopUnitOfWork)), Is.EqualTo(1));
            Assert.That(services.Count(static d => d.ServiceType == typeof(IParcelRepository)), Is.EqualTo(1));
            Assert.That(services.Count(static d => d.ServiceType == typeof(IAggregateStore)), Is.EqualTo(1));
            Assert.That(services.Count(static d => d.ServiceType == typeof(BloomSchema)), Is.EqualTo(1));
        });
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<BloomSchema>().Mappings, Has.Count.EqualTo(2));
    }

    private static ServiceProvider Provider() => Provider(static b => b.UseInMemory());

    private static ServiceProvider Provider(Action<BloomBuilder> store)
    {
        var services = new ServiceCollection();
        services.AddBloom(store);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
