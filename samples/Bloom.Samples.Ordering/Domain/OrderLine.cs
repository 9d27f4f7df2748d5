namespace Bloom.Samples.Ordering.Domain;

/// <summary>One product on an order. An entity: reached only through its <see cref="Order"/>.</summary>
[Entity]
public sealed partial class OrderLine
{
    internal OrderLine(OrderLineId id, string sku, int quantity, Money unitPrice)
    {
        Id = id;
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    /// <summary>The line's identity within the order.</summary>
    public OrderLineId Id { get; }

    /// <summary>The product.</summary>
    public string Sku { get; }

    /// <summary>How many.</summary>
    public int Quantity { get; private set; }

    /// <summary>The price of one.</summary>
    public Money UnitPrice { get; }

    /// <summary>Quantity × unit price.</summary>
    public Money Total => UnitPrice.Times(Quantity);

    internal void Increase(int quantity) => Quantity += quantity;
}
