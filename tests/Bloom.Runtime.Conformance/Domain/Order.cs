namespace Bloom.Runtime.Conformance.Domain;

/// <summary>Every value an <see cref="Order"/> holds, so tests can create and rewrite orders in one call.</summary>
public sealed record OrderDraft(
    CustomerNumber CustomerId,
    Sku FeaturedSku,
    OrderStatus Status,
    string Reference,
    string? Note,
    int Priority,
    int? Rating,
    long Sequence,
    decimal Discount,
    Money Total,
    Money? Refund,
    DateTimeOffset PlacedAt,
    DateTimeOffset ShippedAt,
    DateOnly DueOn,
    bool Express,
    EmailAddress Email,
    EmailAddress? BackupEmail,
    IReadOnlyList<OrderLine> Lines);

/// <summary>
/// The conformance suites' main aggregate: one member per storage shape (Guid, long- and string-backed ids, enum, nullable
/// int/string/DateTimeOffset, decimal, DateOnly, bool, single-value and flattened value objects, nullable value objects, and a
/// child entity list stored as JSON).
/// </summary>
[Aggregate]
public sealed partial class Order
{
    private readonly List<OrderLine> _lines = [];

    private Order(OrderId id, OrderDraft draft)
    {
        Id = id;
        Reference = draft.Reference;
        Total = draft.Total;
        Email = draft.Email;
        Apply(draft);
    }

    public OrderId Id { get; private set; }

    public CustomerNumber CustomerId { get; private set; }

    public Sku FeaturedSku { get; private set; }

    public OrderStatus Status { get; private set; }

    public string Reference { get; private set; }

    public string? Note { get; private set; }

    public int Priority { get; private set; }

    public int? Rating { get; private set; }

    public long Sequence { get; private set; }

    public decimal Discount { get; private set; }

    public Money Total { get; private set; }

    public Money? Refund { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    /// <remarks>
    /// Not nullable only because of a generator bug: two nullable value-type members in one aggregate generate two
    /// <c>is { } __n</c> pattern variables in one scope of <c>Write</c> (CS0128). <see cref="Rating"/> is the nullable value-type
    /// member here; <see cref="Customer.LastSeenAt"/> covers a nullable <see cref="DateTimeOffset"/>.
    /// </remarks>
    public DateTimeOffset ShippedAt { get; private set; }

    public DateOnly DueOn { get; private set; }

    public bool Express { get; private set; }

    public EmailAddress Email { get; private set; }

    public EmailAddress? BackupEmail { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>Creates a new order (version 0) and raises <see cref="OrderPlaced"/>.</summary>
    public static Order Create(OrderId id, OrderDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var order = new Order(id, draft);
        order.Raise(new OrderPlaced(id));
        return order;
    }

    /// <summary>Overwrites every member with the draft's values.</summary>
    public void Revise(OrderDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Apply(draft);
    }

    public void Rename(string reference) => Reference = reference;

    public void Annotate(string? note) => Note = note;

    public void ChangeStatus(OrderStatus status) => Status = status;

    public void Reprice(Money total) => Total = total;

    public void IncreaseFirstLine(int quantity) => _lines[0].Increase(quantity);

    /// <summary>Raises an event without changing any persisted member.</summary>
    public void Touch() => Raise(new OrderTouched(Id));

    /// <summary>The current values as a draft (the lines are the same instances).</summary>
    public OrderDraft ToDraft() => new(
        CustomerId, FeaturedSku, Status, Reference, Note, Priority, Rating, Sequence, Discount, Total, Refund, PlacedAt, ShippedAt,
        DueOn, Express, Email, BackupEmail, [.. _lines]);

    private void Apply(OrderDraft draft)
    {
        CustomerId = draft.CustomerId;
        FeaturedSku = draft.FeaturedSku;
        Status = draft.Status;
        Reference = draft.Reference;
        Note = draft.Note;
        Priority = draft.Priority;
        Rating = draft.Rating;
        Sequence = draft.Sequence;
        Discount = draft.Discount;
        Total = draft.Total;
        Refund = draft.Refund;
        PlacedAt = draft.PlacedAt;
        ShippedAt = draft.ShippedAt;
        DueOn = draft.DueOn;
        Express = draft.Express;
        Email = draft.Email;
        BackupEmail = draft.BackupEmail;
        _lines.Clear();
        _lines.AddRange(draft.Lines);
    }
}
