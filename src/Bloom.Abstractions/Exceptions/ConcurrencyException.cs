namespace Bloom;

/// <summary>
/// Thrown when an aggregate was changed by someone else since it was loaded (optimistic concurrency).
/// Nothing was written. Reload the aggregate, re-apply the change and commit again.
/// </summary>
public sealed class ConcurrencyException : DomainException
{
    /// <summary>Creates the exception for a stale write.</summary>
    /// <param name="aggregateType">The aggregate's type name.</param>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="expectedVersion">The version the writer loaded.</param>
    /// <param name="actualVersion">The version found in the store, or <see langword="null"/> when the aggregate no longer exists.</param>
    public ConcurrencyException(string aggregateType, object id, long expectedVersion, long? actualVersion)
        : base(BuildMessage(aggregateType, id, expectedVersion, actualVersion))
    {
        AggregateType = aggregateType ?? throw new ArgumentNullException(nameof(aggregateType));
        Id = id ?? throw new ArgumentNullException(nameof(id));
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The aggregate's type name.</summary>
    public string AggregateType { get; }

    /// <summary>The aggregate's id.</summary>
    public object Id { get; }

    /// <summary>The version the writer loaded and expected to replace.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version in the store, or <see langword="null"/> when the aggregate was deleted.</summary>
    public long? ActualVersion { get; }

    private static string BuildMessage(string aggregateType, object id, long expected, long? actual)
    {
        var found = actual is { } v ? $"version {v}" : "no row (it was deleted)";
        return $"{aggregateType} '{id}' was changed concurrently: expected version {expected} but found {found}. " +
               "Nothing was written; reload the aggregate, re-apply the change and commit again.";
    }
}
