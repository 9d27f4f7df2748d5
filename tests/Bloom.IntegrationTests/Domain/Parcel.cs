namespace Bloom.IntegrationTests.Domain;

/// <summary>Guid-backed id of a parcel.</summary>
[StronglyTypedId]
public readonly partial struct ParcelId;

public enum ParcelStatus
{
    Registered,
    Shipped,
}

/// <summary>
/// A persistable aggregate (every member maps to a column: an id, a long-backed id, a flattened value object, an enum, a string),
/// so the project's <see cref="IShopUnitOfWork"/> gets <c>Parcels</c>.
/// </summary>
[Aggregate]
public sealed partial class Parcel
{
    public ParcelId Id { get; private set; }

    public CustomerNumber Recipient { get; private set; }

    public Money Postage { get; private set; } = Money.Zero("EUR");

    public ParcelStatus Status { get; private set; }

    public string? TrackingCode { get; private set; }

    public static Parcel Register(CustomerNumber recipient, Money postage) =>
        new() { Id = ParcelId.New(), Recipient = recipient, Postage = postage, Status = ParcelStatus.Registered };

    public void Ship(string trackingCode)
    {
        CheckRule(Status == ParcelStatus.Registered, "ShipOnce", "only a registered parcel can be shipped");
        Status = ParcelStatus.Shipped;
        TrackingCode = trackingCode;
    }
}
