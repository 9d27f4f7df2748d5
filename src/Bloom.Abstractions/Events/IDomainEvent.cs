namespace Bloom;

/// <summary>Something that happened in the domain. Bloom generates the implementation for <see cref="DomainEventAttribute"/> types.</summary>
public interface IDomainEvent
{
    /// <summary>A unique, time-ordered (UUID version 7) id for this occurrence.</summary>
    Guid EventId { get; }

    /// <summary>When the event happened, from <see cref="DomainClock"/> at creation.</summary>
    DateTimeOffset OccurredAt { get; }
}
