namespace Bloom.Persistence;

/// <summary>
/// The tables of every aggregate registered with <see cref="BloomBuilder"/> (the generated <c>AddBloom</c> registers all the
/// project can see). A singleton: call <see cref="EnsureCreatedAsync"/> once at startup.
/// </summary>
public sealed class BloomSchema
{
    private readonly IAggregateStore _store;

    /// <summary>Creates the schema over <paramref name="store"/> for <paramref name="mappings"/> (duplicates are ignored).</summary>
    /// <param name="store">The aggregate store.</param>
    /// <param name="mappings">The aggregates' mappings.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public BloomSchema(IAggregateStore store, IEnumerable<AggregateMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mappings);
        _store = store;
        var distinct = new List<AggregateMapping>();
        var seen = new HashSet<AggregateMapping>(ReferenceEqualityComparer.Instance);
        foreach (var mapping in mappings)
        {
            ArgumentNullException.ThrowIfNull(mapping, nameof(mappings));
            if (seen.Add(mapping))
            {
                distinct.Add(mapping);
            }
        }

        Mappings = distinct;
    }

    /// <summary>The registered mappings, in registration order.</summary>
    public IReadOnlyList<AggregateMapping> Mappings { get; }

    /// <summary>
    /// Creates the tables (and indexes) of every registered aggregate that do not exist yet; never drops or alters existing ones.
    /// Idempotent.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _store.EnsureSchemaAsync(Mappings.ToArray(), cancellationToken);
}
