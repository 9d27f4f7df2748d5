namespace Bloom;

/// <summary>Thrown when an aggregate that must exist is not in the store.</summary>
public sealed class AggregateNotFoundException : DomainException
{
    /// <summary>Creates the exception for the missing aggregate.</summary>
    /// <param name="aggregateType">The aggregate's type name, e.g. <c>"Order"</c>.</param>
    /// <param name="id">The id that was looked up.</param>
    public AggregateNotFoundException(string aggregateType, object id)
        : base($"{aggregateType} '{id}' was not found. Check the id, or use Find (which returns null) when absence is expected.")
    {
        AggregateType = aggregateType ?? throw new ArgumentNullException(nameof(aggregateType));
        Id = id ?? throw new ArgumentNullException(nameof(id));
    }

    /// <summary>The aggregate's type name.</summary>
    public string AggregateType { get; }

    /// <summary>The id that was looked up.</summary>
    public object Id { get; }
}
