using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application;

namespace Shop.Infrastructure;

/// <summary>The shop's composition root: the public face of this project's generated (internal) <c>AddBloom</c>.</summary>
public static class ShopInfrastructure
{
    /// <summary>
    /// Registers Bloom (store, unit of work, repositories, schema, and the event handlers of Shop.Application, whose descriptors are
    /// generated here) and the application's services.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="store">Chooses the store, e.g. <c>b =&gt; b.UseInMemory()</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddShop(this IServiceCollection services, Action<BloomBuilder> store)
    {
        services.AddBloom(store);
        services.AddSingleton(static provider => new OrderService(provider.GetRequiredService<Bloom.IUnitOfWorkFactory<IShopUnitOfWork>>()));
        services.AddSingleton(static _ => new PlacedOrders());
        return services;
    }
}
