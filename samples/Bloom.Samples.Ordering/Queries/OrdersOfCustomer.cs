using System.Linq.Expressions;
using Bloom.Samples.Ordering.Domain;

namespace Bloom.Samples.Ordering.Queries;

// An application-side query specification: it compares strongly typed ids, which the SQL translator turns into a parameter
// of the raw value ("customer_id" = @p0).
/// <summary>Orders placed by <paramref name="customerId"/>.</summary>
/// <param name="customerId">The customer.</param>
public sealed class OrdersOfCustomer(CustomerId customerId) : Specification<Order>
{
    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; } = customerId;

    /// <inheritdoc />
    public override Expression<Func<Order, bool>> ToExpression()
    {
        var customer = CustomerId;
        return order => order.CustomerId == customer;
    }
}
