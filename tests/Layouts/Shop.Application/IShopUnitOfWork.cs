using Bloom;

namespace Shop.Application;

/// <summary>The shop's unit of work: Bloom adds <c>Orders</c> and <c>Categories</c> from Shop.Domain.</summary>
[UnitOfWork]
public partial interface IShopUnitOfWork;
