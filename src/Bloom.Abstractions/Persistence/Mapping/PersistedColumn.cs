namespace Bloom.Persistence;

/// <summary>
/// One column of an aggregate's table, described by generated mapping code: its name, logical type, and the member paths that
/// specifications may use to reach it.
/// </summary>
public sealed class PersistedColumn
{
    /// <summary>Creates a column description.</summary>
    /// <param name="name">The column name, unquoted (snake_case by convention), e.g. <c>total_amount</c>.</param>
    /// <param name="type">The logical type of the values in this column.</param>
    /// <param name="isNullable">Whether the column admits <see langword="null"/>.</param>
    /// <param name="memberPaths">The dotted member paths from the aggregate that read this column, e.g. <c>Total.Amount</c>; empty when not queryable.</param>
    /// <param name="toStorage">
    /// Converts a non-null value of a member type that maps here (a strongly typed id, a single-value value object, a
    /// <see cref="DateOnly"/>) to the column's logical value; <see langword="null"/> when values need no conversion beyond the
    /// adapter's normalisation (enums and integers to <see cref="long"/>).
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public PersistedColumn(string name, StorageType type, bool isNullable, IReadOnlyList<string>? memberPaths = null, Func<object, object?>? toStorage = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
        IsNullable = isNullable;
        MemberPaths = memberPaths ?? [];
        ToStorage = toStorage;
    }

    /// <summary>The column name, unquoted.</summary>
    public string Name { get; }

    /// <summary>The logical type of the column's values.</summary>
    public StorageType Type { get; }

    /// <summary>Whether the column admits <see langword="null"/>.</summary>
    public bool IsNullable { get; }

    /// <summary>The member paths specifications may use for this column (empty when it is not queryable).</summary>
    public IReadOnlyList<string> MemberPaths { get; }

    /// <summary>The conversion from a member-typed value to the column's logical value, when one is needed.</summary>
    public Func<object, object?>? ToStorage { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type}{(IsNullable ? ", null" : string.Empty)})";
}
