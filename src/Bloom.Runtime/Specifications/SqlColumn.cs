using System.Globalization;

namespace Bloom.Specifications;

/// <summary>
/// A mapped column a specification member translates to: its name (unquoted; the translator quotes it) and the conversion
/// from a CLR value to the value stored in the column.
/// </summary>
/// <remarks>
/// <see cref="ToStored"/> must be the same conversion the adapter uses when it writes the column, and it must preserve
/// order for columns used with <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> or as sort keys
/// (<see cref="DefaultToStored"/> does for integers, enums, <see cref="DateTimeOffset"/> and <see cref="bool"/>;
/// not for <see cref="Guid"/>, whose string form orders differently from <see cref="Guid.CompareTo(Guid)"/>).
/// </remarks>
public sealed class SqlColumn
{
    /// <summary>Creates a column mapping.</summary>
    /// <param name="name">The column name, unquoted, e.g. <c>total_amount</c>.</param>
    /// <param name="toStored">Converts a CLR value (never called with <see langword="null"/>) to its stored form; <see cref="DefaultToStored"/> when omitted.</param>
    /// <param name="isNullable">Whether the column admits null (a path to it through a value object that can be null cannot be a sort key).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public SqlColumn(string name, Func<object?, object?>? toStored = null, bool isNullable = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        IsNullable = isNullable;
        ToStored = toStored ?? DefaultToStored;
        QuotedName = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The column name, unquoted.</summary>
    public string Name { get; }

    /// <summary>Whether the column admits null.</summary>
    public bool IsNullable { get; }

    /// <summary>Converts a CLR value of the member (or of the type the compiler converted it to, e.g. an enum's <see cref="int"/>) to its stored form.</summary>
    public Func<object?, object?> ToStored { get; }

    /// <summary>The name as a quoted SQL identifier, e.g. <c>"total_amount"</c> (embedded quotes doubled).</summary>
    public string QuotedName { get; }

    /// <summary>
    /// The default conversion: <see langword="null"/> stays null; <see cref="Guid"/> → lower-case <c>D</c> string; enum and every
    /// integral type → <see cref="long"/>; <see cref="bool"/> → 1/0 as <see cref="long"/>; <see cref="DateTimeOffset"/> → UTC ticks
    /// as <see cref="long"/>; <see cref="float"/> → <see cref="double"/>; anything else unchanged.
    /// </summary>
    /// <param name="value">The CLR value.</param>
    /// <returns>The stored form.</returns>
    public static object? DefaultToStored(object? value) => value switch
    {
        null => null,
        string => value,
        Guid g => g.ToString("D", CultureInfo.InvariantCulture),
        Enum e => ((IConvertible)e).ToInt64(CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        DateTimeOffset d => d.UtcTicks,
        long => value,
        int i => (long)i,
        short s => (long)s,
        sbyte sb => (long)sb,
        byte by => (long)by,
        ushort us => (long)us,
        uint ui => (long)ui,
        ulong ul => checked((long)ul),
        float f => (double)f,
        _ => value,
    };
}

/// <summary>
/// Maps the members of <typeparamref name="T"/> that specifications may use to the columns of one table. The whitelist a
/// <see cref="SqlSpecificationTranslator"/> resolves every member and sort key against: an unmapped member is untranslatable.
/// </summary>
/// <typeparam name="T">The mapped type, typically an aggregate root.</typeparam>
public interface ISpecificationMapping<T>
{
    /// <summary>The table name, unquoted.</summary>
    string Table { get; }

    /// <summary>Resolves a member path to its column.</summary>
    /// <param name="memberPath">The dotted member chain from the candidate, e.g. <c>Status</c>, <c>Total.Amount</c>, <c>Id</c>.</param>
    /// <param name="column">The column, when mapped.</param>
    /// <returns><see langword="true"/> when the member is mapped.</returns>
    bool TryGetColumn(string memberPath, out SqlColumn column);
}

/// <summary>The translation of a specification (and page request) to SQL fragments with positional parameters.</summary>
/// <param name="Where">The predicate, without the <c>WHERE</c> keyword, e.g. <c>("status" = @p0 AND "total" &gt; @p1)</c>; <c>1 = 1</c> for an unconditional specification.</param>
/// <param name="OrderBy">
/// The tail after the predicate: <c>ORDER BY … LIMIT @pN OFFSET @pM</c> when a page was given (the <c>ORDER BY</c> part only when it has
/// sort keys or a tie-breaker column was passed), otherwise empty. Starts without a leading space.
/// </param>
/// <param name="Parameters">The parameter values in order; the value at index <c>i</c> binds to <c>@pi</c>. Already converted by <see cref="SqlColumn.ToStored"/>.</param>
public sealed record SqlQuery(string Where, string OrderBy, IReadOnlyList<object?> Parameters)
{
    /// <summary>Builds <c>SELECT {selectList} FROM "{table}" WHERE {Where} {OrderBy}</c>.</summary>
    /// <param name="selectList">The select list, e.g. <c>"id", "name"</c> (trusted text from a mapping, never user input).</param>
    /// <param name="quotedTable">The quoted table name.</param>
    /// <returns>The command text.</returns>
    /// <remarks>The text is interned like <see cref="Where"/>: the same shape yields the same string instance.</remarks>
    public string ToSelect(string selectList, string quotedTable) =>
        SqlSpecificationTranslator.Intern(OrderBy.Length == 0
            ? $"SELECT {selectList} FROM {quotedTable} WHERE {Where}"
            : $"SELECT {selectList} FROM {quotedTable} WHERE {Where} {OrderBy}");
}
