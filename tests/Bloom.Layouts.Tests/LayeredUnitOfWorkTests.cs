using System.Reflection;
using Bloom;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application;
using Shop.Domain;
using Shop.Domain.Catalog;
using Shop.Infrastructure;

namespace Bloom.Layouts.Tests;

/// <summary>
/// DESIGN §6, the layered layout: aggregates in Shop.Domain, <see cref="IShopUnitOfWork"/> in Shop.Application (no Bloom.Runtime),
/// the implementation and <c>AddBloom</c> generated in Shop.Infrastructure. Each project found the previous one's types only
/// through the assembly attributes Bloom wrote there.
/// </summary>
public sealed class LayeredUnitOfWorkTests
{
    private static readonly Assembly Domain = typeof(Order).Assembly;
    private static readonly Assembly Application = typeof(IShopUnitOfWork).Assembly;
    private static readonly Assembly Infrastructure = typeof(ShopInfrastructure).Assembly;

    [Test]
    public void Each_layer_got_its_share_of_the_generated_code()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Domain.GetCustomAttributes<BloomAggregateAttribute>().Select(static a => (a.Aggregate, a.Repository, a.PropertyName)),
                Is.EquivalentTo(new[] { (typeof(Order), typeof(IOrderRepository), "Orders"), (typeof(Category), typeof(ICategoryRepository), "Categories") }));
            Assert.That(Application.GetCustomAttributes<BloomUnitOfWorkAttribute>().Select(static a => a.UnitOfWork), Is.EqualTo(new[] { typeof(IShopUnitOfWork) }));
            Assert.That(typeof(IShopUnitOfWork).GetProperties().Select(static p => (p.Name, p.PropertyType)),
                Is.EquivalentTo(new[] { ("Orders", typeof(IOrderRepository)), ("Categories", typeof(ICategoryRepository)) }));
            Assert.That(Application.GetTypes().Where(static t => typeof(IShopUnitOfWork).IsAssignableFrom(t) && t.IsClass), Is.Empty, "Application has no Bloom.Runtime, so no implementation");
            Assert.That(Infrastructure.GetTypes().Where(static t => typeof(IShopUnitOfWork).IsAssignableFrom(t) && t.IsClass).Select(static t => t.FullName),
                Is.EqualTo(new[] { "Shop.Application.BloomShopUnitOfWork" }));
        });
    }

    [Test]
    public void Infrastructure_resolves_the_unit_of_work_its_repositories_and_factory()
    {
        using var provider = Provider(static b => b.UseInMemory());
        using var scope = provider.CreateScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();
        using var begun = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();

        Assert.Multiple(() =>
        {
            Assert.That(scope.ServiceProvider.GetRequiredService<IOrderRepository>(), Is.SameAs(unitOfWork.Orders));
            Assert.That(scope.ServiceProvider.GetRequiredService<ICategoryRepository>(), Is.SameAs(unitOfWork.Categories));
            Assert.That(begun, Is.Not.SameAs(unitOfWork), "the factory starts a new unit of work");
            Assert.That(provider.GetRequiredService<BloomSchema>().Mappings.Select(static m => m.Table), Is.EquivalentTo(new[] { "order", "category" }));
        });
    }

    [Test]
    public async Task An_order_and_a_category_round_trip_across_the_layers()
    {
        await using var provider = Provider(static b => b.UseInMemory());
        await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
        var orders = provider.GetRequiredService<OrderService>();

        var id = await orders.PlaceAsync("Ada", new Money(12.5m, "EUR"), CancellationToken.None);
        await orders.ShipAsync(id, CancellationToken.None);
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ICategoryRepository>().Add(Category.Create(CategoryId.From("books"), "Books"));
            await scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>().CommitAsync(CancellationToken.None);
        }

        await using var unitOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
        var order = await unitOfWork.Orders.GetAsync(id, CancellationToken.None);
        var category = await unitOfWork.Categories.GetAsync(CategoryId.From("books"), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((order.Customer, order.Total, order.Status, order.Version), Is.EqualTo(("Ada", new Money(12.5m, "EUR"), OrderStatus.Shipped, 2L)));
            Assert.That((category.Name, category.Version), Is.EqualTo(("Books", 1L)));
        });
    }

    [Test]
    public async Task Orders_survive_a_restart_with_UseSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bloom-layouts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = $"Data Source={Path.Combine(directory, "shop.db")}";
        try
        {
            OrderId id;
            await using (var provider = Provider(b => b.UseSqlite(connectionString)))
            {
                await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
                id = await provider.GetRequiredService<OrderService>().PlaceAsync("Grace", new Money(99.95m, "EUR"), CancellationToken.None);
            }

            await using (var provider = Provider(b => b.UseSqlite(connectionString)))
            {
                var orders = provider.GetRequiredService<OrderService>();
                await orders.ShipAsync(id, CancellationToken.None);
                Assert.ThrowsAsync<BusinessRuleViolationException>(() => orders.ShipAsync(id, CancellationToken.None));
                await using var scope = provider.CreateAsyncScope();
                var order = await scope.ServiceProvider.GetRequiredService<IOrderRepository>().GetAsync(id, CancellationToken.None);
                Assert.That((order.Customer, order.Total, order.Status, order.Version), Is.EqualTo(("Grace", new Money(99.95m, "EUR"), OrderStatus.Shipped, 2L)));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_missing_store_is_reported_when_services_are_added()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddShop(static _ => { }));

        Assert.That(error!.Message, Does.Contain("UseInMemory()"));
    }

    private static ServiceProvider Provider(Action<BloomBuilder> store) =>
        new ServiceCollection().AddShop(store).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
}
