namespace Bloom.IntegrationTests.Domain;

/// <summary>
/// The one-project layout: Bloom adds <c>Parcels</c> and <c>Subscriptions</c>, one per persistable aggregate of this project (the event-sourced
/// <see cref="BankAccount"/> and the aggregates with unmappable members, like <see cref="Order"/>'s plain line records, get none),
/// and, since this project references Bloom.Runtime and DI, the implementation and <c>services.AddBloom(...)</c>.
/// </summary>
[UnitOfWork]
public partial interface IShopUnitOfWork;
