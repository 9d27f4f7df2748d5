namespace Bloom;

/// <summary>
/// Marks a <c>partial</c> record or class as a domain event. Bloom generates <see cref="IDomainEvent"/>
/// (a time-ordered <c>EventId</c> and <c>OccurredAt</c> from <see cref="DomainClock"/>), the stable type name and
/// schema version, reflection-free JSON serialization and an entry in the assembly's event-type registry.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DomainEventAttribute : Attribute
{
    /// <summary>
    /// The stable name stored with the event. Defaults to the type name (outer types joined with <c>.</c>, no namespace).
    /// Set it explicitly before renaming or moving the type, so stored events still resolve.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The schema version of the event's payload. Defaults to 1; bump it when the payload shape changes.</summary>
    public int Version { get; set; } = 1;
}
