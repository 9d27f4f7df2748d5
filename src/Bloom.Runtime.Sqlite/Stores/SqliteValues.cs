using System.Globalization;
using Bloom.Persistence;
using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// The one place where a column's logical value (<see cref="StorageType"/>) becomes a SQLite value and back.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Logical</term><description>Physical (SQLite)</description></listheader>
/// <item><term><see cref="StorageType.Boolean"/></term><description><c>INTEGER</c> 0 / 1</description></item>
/// <item><term><see cref="StorageType.Int64"/></term><description><c>INTEGER</c></description></item>
/// <item><term><see cref="StorageType.Double"/></term><description><c>REAL</c></description></item>
/// <item><term><see cref="StorageType.Decimal"/></term><description><c>TEXT COLLATE BLOOM_DECIMAL</c>, <c>decimal.ToString(InvariantCulture)</c> (scale kept: <c>1.50</c> stays <c>1.50</c>)</description></item>
/// <item><term><see cref="StorageType.String"/>, <see cref="StorageType.Json"/></term><description><c>TEXT</c></description></item>
/// <item><term><see cref="StorageType.Guid"/></term><description><c>TEXT</c>, lower-case <c>D</c> format</description></item>
/// <item><term><see cref="StorageType.DateTimeOffset"/></term><description><c>INTEGER</c> <see cref="DateTimeOffset.UtcTicks"/>; read back with offset zero (same instant)</description></item>
/// <item><term><see cref="StorageType.DateTime"/></term><description><c>INTEGER</c> <see cref="DateTime.Ticks"/>; read back as <see cref="DateTimeKind.Utc"/></description></item>
/// </list>
/// Every conversion preserves order where the logical type has one (except <see cref="Guid"/>, whose text orders like
/// <see cref="StorageValues.Compare"/>), so comparisons and <c>ORDER BY</c> in SQL agree with memory.
/// </remarks>
internal static class SqliteValues
{
    /// <summary>The collation that compares decimal texts numerically; registered by <see cref="SqliteConnectionFactory"/>.</summary>
    public const string DecimalCollation = "BLOOM_DECIMAL";

    private const NumberStyles DecimalStyles = NumberStyles.Number | NumberStyles.AllowExponent;

    private static readonly object BoxedOne = 1L;
    private static readonly object BoxedZero = 0L;
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>The column's SQLite type (a STRICT-table type name) and the collation clause, if any.</summary>
    /// <param name="type">The logical type.</param>
    /// <returns>E.g. <c>INTEGER</c> or <c>TEXT COLLATE BLOOM_DECIMAL</c>.</returns>
    public static string ColumnType(StorageType type) => type switch
    {
        StorageType.Boolean or StorageType.Int64 or StorageType.DateTimeOffset or StorageType.DateTime => "INTEGER",
        StorageType.Double => "REAL",
        StorageType.Decimal => "TEXT COLLATE " + DecimalCollation,
        StorageType.String or StorageType.Guid or StorageType.Json => "TEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown storage type."),
    };

    /// <summary>Converts a logical value to the value bound as a SQLite parameter.</summary>
    /// <param name="type">The column's logical type.</param>
    /// <param name="value">The logical value (<see cref="StorageType"/> documents its CLR type), or <see langword="null"/>.</param>
    /// <param name="column">The column name, for the exception message.</param>
    /// <returns>A <see cref="long"/>, <see cref="double"/> or <see cref="string"/>; <see langword="null"/> for null.</returns>
    /// <exception cref="InvalidCastException"><paramref name="value"/> is not of <paramref name="type"/>'s logical CLR type.</exception>
    public static object? ToPhysical(StorageType type, object? value, string? column = null)
    {
        if (value is null)
        {
            return null;
        }

        return (type, value) switch
        {
            (StorageType.Boolean, bool b) => b ? BoxedOne : BoxedZero,
            (StorageType.Int64, long) => value,
            (StorageType.Double, double) => value,
            (StorageType.Double, float f) => (double)f,
            (StorageType.Decimal, decimal d) => d.ToString(CultureInfo.InvariantCulture),
            // Writes pass the column; query values are refused by the translator instead (UntranslatableSpecificationException).
            (StorageType.String or StorageType.Json, string text) when column is not null && text.Contains('\0', StringComparison.Ordinal) =>
                throw new InvalidOperationException(
                    $"Column '{column}' holds a string with U+0000 (NUL). Microsoft.Data.Sqlite binds long text NUL-terminated, which would silently cut it, " +
                    "so the store refuses it; nothing was written. Remove the NUL (or store the data as bytes in a JSON column)."),
            (StorageType.String or StorageType.Json, string) => value,
            (StorageType.Guid, Guid g) => g.ToString("D", CultureInfo.InvariantCulture),
            (StorageType.DateTimeOffset, DateTimeOffset d) => d.UtcTicks,
            (StorageType.DateTime, DateTime d) => d.Ticks,
            _ => throw new InvalidCastException(
                $"Column '{column ?? "?"}' stores {type} values, but the mapping produced a {value.GetType().Name} ('{value}'). " +
                "The mapping's Write must put the column's logical type in the row (see StorageType)."),
        };
    }

    /// <summary>Reads column <paramref name="ordinal"/> of the current row as a logical value.</summary>
    /// <param name="reader">A reader positioned on a row.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <param name="type">The column's logical type.</param>
    /// <returns>The logical value, or <see langword="null"/> for SQL NULL.</returns>
    /// <exception cref="FormatException">A decimal or Guid text cannot be parsed (the row was not written by the store).</exception>
    public static object? Read(SqliteDataReader reader, int ordinal, StorageType type)
    {
        return reader.IsDBNull(ordinal) ? null : ReadNotNull(reader, ordinal, type);
    }

    /// <summary>Reads a column known not to be NULL as its logical value.</summary>
    /// <param name="reader">A reader positioned on a row.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <param name="type">The column's logical type.</param>
    /// <returns>The logical value.</returns>
    /// <exception cref="FormatException">A decimal or Guid text cannot be parsed (the row was not written by the store).</exception>
    public static object ReadNotNull(SqliteDataReader reader, int ordinal, StorageType type)
    {
        return type switch
        {
            StorageType.Boolean => reader.GetInt64(ordinal) != 0 ? BoxedTrue : BoxedFalse,
            StorageType.Int64 => reader.GetInt64(ordinal),
            StorageType.Double => reader.GetDouble(ordinal),
            StorageType.Decimal => decimal.Parse(reader.GetString(ordinal), DecimalStyles, CultureInfo.InvariantCulture),
            StorageType.Guid => Guid.Parse(reader.GetString(ordinal)),
            StorageType.DateTimeOffset => new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero),
            StorageType.DateTime => new DateTime(reader.GetInt64(ordinal), DateTimeKind.Utc),
            _ => reader.GetString(ordinal),
        };
    }

    /// <summary>
    /// The <c>BLOOM_DECIMAL</c> collation: compares two invariant decimal texts by value (<c>1.50</c> = <c>1.5</c>,
    /// <c>10</c> &gt; <c>9</c>). Never throws (it runs inside a native SQLite callback): texts that are not decimals sort after
    /// all decimals, ordinally among themselves, which keeps the order total.
    /// </summary>
    /// <param name="left">The left text.</param>
    /// <param name="right">The right text.</param>
    /// <returns>A negative number, zero or a positive number.</returns>
    public static int CompareDecimalText(string? left, string? right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return 0;
        }

        var leftIsDecimal = decimal.TryParse(left, DecimalStyles, CultureInfo.InvariantCulture, out var l);
        var rightIsDecimal = decimal.TryParse(right, DecimalStyles, CultureInfo.InvariantCulture, out var r);
        return (leftIsDecimal, rightIsDecimal) switch
        {
            (true, true) => l.CompareTo(r),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };
    }
}
