using System.Linq.Expressions;

namespace Bloom.Samples.Ordering.Domain;

/// <summary>Orders that have not shipped yet.</summary>
public sealed class OpenOrders : Specification<Order>
{
    /// <inheritdoc />
    public override Expression<Func<Order, bool>> ToExpression() => order => order.Status == OrderStatus.Placed;
}

/// <summary>Orders with at least <paramref name="lines"/> lines.</summary>
/// <param name="lines">The minimum number of lines.</param>
public sealed class OrdersWithAtLeast(int lines) : Specification<Order>
{
    /// <summary>The minimum number of lines.</summary>
    public int Lines { get; } = lines;

    /// <inheritdoc />
    public override Expression<Func<Order, bool>> ToExpression()
    {
        var minimum = Lines;
        return order => order.Lines.Count >= minimum;
    }
}
