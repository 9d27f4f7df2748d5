using System.Reflection;
using Bloom;
using Bloom.Messaging;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application;
using Shop.Domain;
using Shop.Infrastructure;

namespace Bloom.Layouts.Tests;

/// <summary>
/// DESIGN §6 for events: <see cref="OrderPlaced"/> in Shop.Domain, its handler <see cref="RecordPlacedOrder"/> in Shop.Application
/// (no Bloom.Runtime), the handler map and registrations generated in Shop.Infrastructure from the assembly attributes the other
/// layers carry; the handler runs after the commit of an order placed through the application's service.
/// </summary>
public sealed class LayeredEventTests
{
    [Test]
    public void Each_layer_carries_what_the_composition_needs()
    {
        var domain = typeof(Order).Assembly;
        var application = typeof(RecordPlacedOrder).Assembly;
        var infrastructure = typeof(ShopInfrastructure).Assembly;

        Assert.Multiple(() =>
        {
            Assert.That(domain.GetCustomAttribute<BloomDomainEventRegistryAttribute>()!.Registry, Is.EqualTo(typeof(Shop.Domain.BloomDomainEvents)));
            Assert.That(application.GetCustomAttributes<BloomEventHandlerAttribute>().Select(static a => a.Handler), Is.EqualTo(new[] { typeof(RecordPlacedOrder) }));
            Assert.That(application.GetCustomAttribute<BloomEventHandlersAttribute>(), Is.Null, "Application has no Bloom.Runtime, so no handler map");
            var handlers = infrastructure.GetCustomAttribute<BloomEventHandlersAttribute>()!.Handlers;
            Assert.That(handlers.FullName, Is.EqualTo("Shop.Infrastructure.BloomEventHandlers"));
            var descriptors = (IReadOnlyList<EventHandlerDescriptor>)handlers.GetProperty("Descriptors")!.GetValue(null)!;
            Assert.That(descriptors.Select(static d => (d.EventType, d.HandlerType)), Is.EqualTo(new[] { (typeof(OrderPlaced), typeof(RecordPlacedOrder)) }));
        });
    }

    [Test]
    public async Task A_handler_in_Application_runs_after_the_commit_of_an_order_placed_in_Domain()
    {
        await using var provider = new ServiceCollection().AddShop(static b => b.UseInMemory())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
        var orders = provider.GetRequiredService<OrderService>();

        var id = await orders.PlaceAsync("Ada", new Money(12.5m, "EUR"), CancellationToken.None);
        await orders.ShipAsync(id, CancellationToken.None); // raises nothing

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<PlacedOrders>().Seen, Is.EqualTo(new[] { (id, "Ada", 1L) }), "once, reading the committed order");
            Assert.That(provider.GetRequiredService<DomainEventRegistry>().Get(typeof(OrderPlaced)).Name, Is.EqualTo(OrderPlaced.EventTypeName));
        });
    }

    [Test]
    public async Task A_failed_placement_publishes_nothing()
    {
        await using var provider = new ServiceCollection().AddShop(static b => b.UseInMemory())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();
            await unitOfWork.Orders.AddAsync(Order.Place("Grace", new Money(1m, "EUR")), CancellationToken.None);
            await unitOfWork.RollbackAsync(CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
        }

        Assert.That(provider.GetRequiredService<PlacedOrders>().Seen, Is.Empty);
    }
}
