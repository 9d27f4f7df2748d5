namespace Bloom.Runtime.Tests.Domain;

[StronglyTypedId]
public readonly partial struct CartId;

[DomainEvent(Name = "tests.cart-opened")]
public sealed partial record CartOpened(CartId CartId, string Owner);

/// <summary>Schema version 2, so envelopes carry a version other than the default.</summary>
[DomainEvent(Name = "tests.item-added", Version = 2)]
public sealed partial record ItemAdded(CartId CartId, string Sku, int Quantity, decimal UnitPrice, string? Note);

/// <summary>No explicit name: the stable name defaults to the type name.</summary>
[DomainEvent]
public sealed partial record CartCheckedOut(CartId CartId);

/// <summary>An event type no registry knows: it has no [DomainEvent] attribute.</summary>
public sealed record UnregisteredEvent(Guid EventId, DateTimeOffset OccurredAt) : IDomainEvent;

[Aggregate]
public sealed partial class Cart
{
    private Cart(CartId id, string owner)
    {
        Id = id;
        Owner = owner;
    }

    public CartId Id { get; private set; }

    public string Owner { get; private set; }

    public static Cart Open(string owner)
    {
        var cart = new Cart(CartId.New(), owner);
        cart.Raise(new CartOpened(cart.Id, owner));
        return cart;
    }

    public void AddItem(string sku, int quantity, decimal unitPrice, string? note = null) =>
        Raise(new ItemAdded(Id, sku, quantity, unitPrice, note));

    public void CheckOut() => Raise(new CartCheckedOut(Id));

    /// <summary>Lets tests raise an arbitrary event (for example an unregistered one).</summary>
    public void RaiseForTest(IDomainEvent domainEvent) => Raise(domainEvent);
}
