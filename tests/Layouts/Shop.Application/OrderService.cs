using Bloom;
using Shop.Domain;

namespace Shop.Application;

/// <summary>Use cases over orders; one unit of work per call, from the factory (so it can live as long as it likes).</summary>
/// <param name="unitsOfWork">Starts units of work.</param>
public sealed class OrderService(IUnitOfWorkFactory<IShopUnitOfWork> unitsOfWork)
{
    /// <summary>Places and stores an order.</summary>
    /// <param name="customer">Who orders.</param>
    /// <param name="total">What it costs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new order's id.</returns>
    public async Task<OrderId> PlaceAsync(string customer, Money total, CancellationToken cancellationToken)
    {
        await using var unitOfWork = unitsOfWork.Begin();
        var order = Order.Place(customer, total);
        await unitOfWork.Orders.AddAsync(order, cancellationToken).ConfigureAwait(false);
        await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
        return order.Id;
    }

    /// <summary>Ships a stored order.</summary>
    /// <param name="id">The order.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the change is committed.</returns>
    /// <exception cref="AggregateNotFoundException">No such order.</exception>
    public async Task ShipAsync(OrderId id, CancellationToken cancellationToken)
    {
        await using var unitOfWork = unitsOfWork.Begin();
        var order = await unitOfWork.Orders.GetAsync(id, cancellationToken).ConfigureAwait(false);
        order.Ship();
        await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
