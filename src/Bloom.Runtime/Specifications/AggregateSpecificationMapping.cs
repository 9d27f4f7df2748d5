using Bloom.Persistence;

namespace Bloom.Specifications;

/// <summary>
/// The <see cref="ISpecificationMapping{T}"/> of an aggregate, built from its generated <see cref="AggregateMapping"/>: every
/// column's member paths resolve to the column, and values convert member type → logical value (<see cref="StorageValues.ToLogical"/>)
/// → the adapter's physical value.
/// </summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
public sealed class AggregateSpecificationMapping<TAggregate> : ISpecificationMapping<TAggregate>
{
    private readonly AggregateMapping _mapping;
    // Member paths resolve through the generated mapping's own index; this only adds each column's SQL form.
    private readonly Dictionary<PersistedColumn, SqlColumn> _columns = [];

    /// <summary>Creates the mapping.</summary>
    /// <param name="mapping">The aggregate's generated mapping.</param>
    /// <param name="toPhysical">Converts a logical value of a column type to what the adapter binds as a parameter.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public AggregateSpecificationMapping(AggregateMapping mapping, Func<StorageType, object?, object?> toPhysical)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(toPhysical);
        _mapping = mapping;
        foreach (var column in mapping.Columns)
        {
            var persisted = column;
            _columns[column] = new SqlColumn(column.Name, value => toPhysical(persisted.Type, StorageValues.ToLogical(persisted, value)), column.IsNullable);
        }

        IdColumn = new SqlColumn(mapping.Columns[0].Name);
    }

    /// <inheritdoc />
    public string Table => _mapping.Table;

    /// <summary>The id column, the tie-breaker that makes paging deterministic.</summary>
    public SqlColumn IdColumn { get; }

    /// <inheritdoc />
    public bool TryGetColumn(string memberPath, out SqlColumn column)
    {
        if (_mapping.TryGetColumn(memberPath, out var persisted))
        {
            return _columns.TryGetValue(persisted, out column!);
        }

        column = null!;
        return false;
    }
}
