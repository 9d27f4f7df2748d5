namespace Bloom.Runtime.Conformance.Domain;

/// <summary>A child entity of <see cref="Order"/>: the list of lines is stored as one JSON column.</summary>
[Entity]
public sealed partial class OrderLine
{
    public OrderLine(LineId id, Sku sku, int quantity, Money unitPrice, string? note)
    {
        Id = id;
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
        Note = note;
    }

    public LineId Id { get; }

    public Sku Sku { get; }

    public int Quantity { get; private set; }

    public Money UnitPrice { get; }

    public string? Note { get; }

    internal void Increase(int quantity) => Quantity += quantity;
}
