namespace Bloom;

/// <summary>
/// Marks a <c>partial</c> class as an aggregate root. Bloom generates the
/// <see cref="IAggregateRoot{TId}"/> implementation: <c>Version</c>, <c>Raise</c>, the pending events,
/// identity equality by <c>Id</c> and a business-rule check helper.
/// </summary>
/// <remarks>The class must declare an <c>Id</c> property; its type is the aggregate's identity type.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AggregateAttribute : Attribute
{
    /// <summary>When <see langword="true"/>, the aggregate is rebuilt from its events (event sourcing).</summary>
    public bool EventSourced { get; set; }

    /// <summary>
    /// The table (state-stored aggregates) the aggregate is persisted in; the snake_case type name when omitted
    /// (<c>PurchaseOrder</c> → <c>purchase_order</c>).
    /// </summary>
    public string? Table { get; set; }
}
