using Bloom;
using Shop.Domain;

namespace Shop.Application;

/// <summary>What <see cref="RecordPlacedOrder"/> saw: each placed order as read back after its commit. A singleton.</summary>
public sealed class PlacedOrders
{
    private readonly List<(OrderId Id, string Customer, long Version)> _seen = [];

    /// <summary>The orders seen, in the order their events were handled.</summary>
    public IReadOnlyList<(OrderId Id, string Customer, long Version)> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Records an order.</summary>
    /// <param name="order">The order as stored.</param>
    public void Add(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_seen)
        {
            _seen.Add((order.Id, order.Customer, order.Version));
        }
    }
}

/// <summary>
/// Reacts to <see cref="OrderPlaced"/> (an event of Shop.Domain) in Shop.Application, which does not reference Bloom.Runtime:
/// Bloom lists it with <c>[assembly: BloomEventHandler]</c>, and Shop.Infrastructure generates its descriptor and registration.
/// Public, so Shop.Infrastructure can name it.
/// </summary>
/// <param name="unitsOfWork">Starts the unit of work that reads the order back.</param>
/// <param name="placed">Where seen orders go.</param>
[DomainEventHandler]
public sealed class RecordPlacedOrder(IUnitOfWorkFactory<IShopUnitOfWork> unitsOfWork, PlacedOrders placed) : IAsyncDomainEventHandler<OrderPlaced>
{
    /// <inheritdoc />
    public async ValueTask HandleAsync(OrderPlaced domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        await using var unitOfWork = unitsOfWork.Begin();
        placed.Add(await unitOfWork.Orders.GetAsync(domainEvent.OrderId, cancellationToken).ConfigureAwait(false));
    }
}
