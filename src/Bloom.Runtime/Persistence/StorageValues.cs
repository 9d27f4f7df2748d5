using System.Globalization;

namespace Bloom.Persistence;

/// <summary>Conversions between member-typed values (as specifications carry them) and a column's logical stored value.</summary>
public static class StorageValues
{
    /// <summary>
    /// Converts a value a specification compares a column with (a strongly typed id, an enum, an <see cref="int"/>, a value
    /// object, …) to the logical value the column stores: the column's own conversion first, then integral types and enums to
    /// <see cref="long"/>, <see cref="float"/> to <see cref="double"/>, <see cref="DateOnly"/> to its day number and
    /// <see cref="TimeOnly"/>/<see cref="TimeSpan"/> to ticks for <see cref="StorageType.Int64"/> columns.
    /// </summary>
    /// <param name="column">The column.</param>
    /// <param name="value">The value; <see langword="null"/> stays null.</param>
    /// <returns>The logical value.</returns>
    public static object? ToLogical(PersistedColumn column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
        {
            return null;
        }

        if (column.ToStorage is { } convert)
        {
            value = convert(value);
            if (value is null)
            {
                return null;
            }
        }

        return column.Type switch
        {
            StorageType.Int64 => value switch
            {
                long => value,
                Enum e => ((IConvertible)e).ToInt64(CultureInfo.InvariantCulture),
                int i => (long)i,
                short s => (long)s,
                sbyte sb => (long)sb,
                byte b => (long)b,
                ushort us => (long)us,
                uint ui => (long)ui,
                ulong ul => unchecked((long)ul),
                char c => (long)c,
                DateOnly d => (long)d.DayNumber,
                TimeOnly t => t.Ticks,
                TimeSpan t => t.Ticks,
                _ => value,
            },
            StorageType.Double => value is float f ? (double)f : value,
            StorageType.Decimal => value switch
            {
                int i => (decimal)i,
                long l => (decimal)l,
                _ => value,
            },
            _ => value,
        };
    }

    /// <summary>
    /// Compares two logical values of one column the way SQL stores order them: <see langword="null"/> first, strings and
    /// <see cref="Guid"/>s (by their lower-case text) ordinally, everything else by its natural order.
    /// </summary>
    /// <param name="left">A logical value.</param>
    /// <param name="right">A logical value of the same column.</param>
    /// <returns>A negative number, zero or a positive number.</returns>
    public static int Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        return (left, right) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (Guid a, Guid b) => string.CompareOrdinal(a.ToString("D"), b.ToString("D")),
            (IComparable a, _) => a.CompareTo(right),
            _ => 0,
        };
    }
}
