using System.Collections.Frozen;
using System.ComponentModel;

namespace Bloom.Persistence;

/// <summary>
/// How one aggregate type is stored: its table, its columns (the id first) and the generated code that writes an aggregate's
/// state to a row of logical values and reconstitutes an aggregate from one. Generated inside each <c>[Aggregate]</c>'s partial
/// type, so it reads and writes private state without reflection; adapters (in-memory, SQLite) work only through it.
/// </summary>
/// <remarks>
/// A mapped row holds one value per <see cref="Columns"/> entry, typed by the column's <see cref="StorageType"/>
/// (<see cref="long"/> for <see cref="StorageType.Int64"/>, <see cref="decimal"/> for <see cref="StorageType.Decimal"/>, JSON text for
/// <see cref="StorageType.Json"/>, …) or <see langword="null"/>. The version is not part of the row: adapters store it beside it.
/// </remarks>
public abstract class AggregateMapping
{
    private readonly FrozenDictionary<string, PersistedColumn> _byPath;

    /// <summary>Initialises the mapping.</summary>
    /// <param name="aggregateName">The aggregate's type name, used in messages (e.g. <c>Order</c>).</param>
    /// <param name="table">The table name, unquoted.</param>
    /// <param name="columns">The columns; the first is the id.</param>
    /// <exception cref="ArgumentException">A name is empty, there are no columns, or two columns share a name or member path.</exception>
    protected AggregateMapping(string aggregateName, string table, IReadOnlyList<PersistedColumn> columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(aggregateName);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException($"The mapping of {aggregateName} has no columns; the first column must be the id.", nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "version" };
        var byPath = new Dictionary<string, PersistedColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"The mapping of {aggregateName} has two columns named '{column.Name}' (or one named 'version', which Bloom reserves). Rename one of the members.", nameof(columns));
            }

            foreach (var path in column.MemberPaths)
            {
                if (!byPath.TryAdd(path, column))
                {
                    throw new ArgumentException($"The mapping of {aggregateName} maps member '{path}' twice.", nameof(columns));
                }
            }
        }

        AggregateName = aggregateName;
        Table = table;
        Columns = columns;
        _byPath = byPath.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The aggregate's type name, for messages.</summary>
    public string AggregateName { get; }

    /// <summary>The table name, unquoted (snake_case of the type name unless <see cref="AggregateAttribute.Table"/> says otherwise).</summary>
    public string Table { get; }

    /// <summary>The columns, the id first. The version column (<c>version</c>) is implicit.</summary>
    public IReadOnlyList<PersistedColumn> Columns { get; }

    /// <summary>Resolves a member path used in a specification or sort key (<c>Status</c>, <c>Total.Amount</c>, <c>Id</c>) to its column.</summary>
    /// <param name="memberPath">The dotted member path from the aggregate.</param>
    /// <param name="column">The column, when mapped.</param>
    /// <returns><see langword="true"/> when the member is mapped to a queryable column.</returns>
    public bool TryGetColumn(string memberPath, out PersistedColumn column)
    {
        ArgumentNullException.ThrowIfNull(memberPath);
        return _byPath.TryGetValue(memberPath, out column!);
    }

    /// <inheritdoc />
    public override string ToString() => $"{AggregateName} → {Table} ({Columns.Count} columns)";
}

/// <summary>The typed half of <see cref="AggregateMapping"/>: identity, row writing and reconstitution for <typeparamref name="TAggregate"/>.</summary>
/// <typeparam name="TAggregate">The aggregate root type.</typeparam>
/// <typeparam name="TId">Its identity type.</typeparam>
public abstract class AggregateMapping<TAggregate, TId> : AggregateMapping
    where TAggregate : class, IAggregateRoot<TId>
    where TId : notnull
{
    /// <inheritdoc />
    protected AggregateMapping(string aggregateName, string table, IReadOnlyList<PersistedColumn> columns)
        : base(aggregateName, table, columns)
    {
    }

    /// <summary>The aggregate's id.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <returns>Its id.</returns>
    public abstract TId GetId(TAggregate aggregate);

    /// <summary>The id's value in the id column (the first value of a row), e.g. the <see cref="Guid"/> inside an <c>OrderId</c>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The stored id value.</returns>
    public abstract object IdToStorage(TId id);

    /// <summary>Writes the aggregate's persisted state to <paramref name="row"/>, one logical value per column.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="row">The destination; exactly <see cref="AggregateMapping.Columns"/>.Count long.</param>
    public abstract void Write(TAggregate aggregate, Span<object?> row);

    /// <summary>
    /// <b>Reconstitution</b>: rebuilds an aggregate from a stored row at <paramref name="version"/> without running its constructors'
    /// logic, validation or raising events (creation is the aggregate's own factory methods, which do all three). Also useful in
    /// tests and imports.
    /// </summary>
    /// <param name="row">The stored values, as <see cref="Write"/> wrote them.</param>
    /// <param name="version">The stored version.</param>
    /// <returns>The aggregate, with no pending events.</returns>
    /// <exception cref="InvalidCastException">A value does not have its column's logical type.</exception>
    /// <exception cref="System.Text.Json.JsonException">A JSON column cannot be read.</exception>
    public abstract TAggregate Reconstitute(ReadOnlySpan<object?> row, long version);

    /// <summary>Captures the aggregate's state as a new row array.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <returns>One logical value per column.</returns>
    public object?[] Capture(TAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var row = new object?[Columns.Count];
        Write(aggregate, row);
        return row;
    }
}

/// <summary>
/// Implemented by every persistable <c>[Aggregate]</c> (generated): gives generic runtime code its mapping without reflection.
/// </summary>
/// <typeparam name="TSelf">The aggregate type.</typeparam>
/// <typeparam name="TId">Its identity type.</typeparam>
public interface IPersistentAggregate<TSelf, TId> : IAggregateRoot<TId>
    where TSelf : class, IPersistentAggregate<TSelf, TId>
    where TId : notnull
{
    /// <summary>The generated mapping of <typeparamref name="TSelf"/>.</summary>
    static abstract AggregateMapping<TSelf, TId> Mapping { get; }
}

/// <summary>Selects the generated reconstitution constructor of an aggregate or entity; not for use in domain code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReconstitutionMarker
{
}
