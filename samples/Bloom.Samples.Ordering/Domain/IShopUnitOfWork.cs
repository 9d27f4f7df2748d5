namespace Bloom.Samples.Ordering.Domain;

/// <summary>
/// The sample's unit of work. Bloom generates an <c>IOrderRepository Orders</c> property (one per persistable aggregate), the
/// implementation over the runtime, and <c>services.AddBloom(...)</c>, because this project references Bloom.Runtime and DI.
/// </summary>
[UnitOfWork]
public partial interface IShopUnitOfWork;
