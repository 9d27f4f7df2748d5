using Bloom;

namespace Shop.Domain;

/// <summary>An order was placed. Handled in Shop.Application, dispatched from Shop.Infrastructure after the commit.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Customer">Who ordered.</param>
/// <param name="Total">What it costs.</param>
[DomainEvent]
public sealed partial record OrderPlaced(OrderId OrderId, string Customer, Money Total);
