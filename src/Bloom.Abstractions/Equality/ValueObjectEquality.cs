using System.Collections.Immutable;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Bloom;

/// <summary>
/// Element-by-element equality and hashing for collection members of value objects, called by generated code.
/// A plain C# record compares a <see cref="List{T}"/> or an array by reference; Bloom value objects compare contents.
/// Sequences compare in order; sets and dictionaries ignore order. Elements compare with <see cref="EqualityComparer{T}.Default"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ValueObjectEquality
{
    private const int Seed = 17;
    private const int Multiplier = -1521134295;

    /// <summary>Compares two arrays element by element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="left">The first array.</param>
    /// <param name="right">The second array.</param>
    /// <returns>Whether both are null, or have equal elements in the same order.</returns>
    public static bool ArrayEqual<T>(T[]? left, T[]? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        return left is not null && right is not null && new ReadOnlySpan<T>(left).SequenceEqual(right, null);
    }

    /// <summary>Hashes an array's elements in order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The array.</param>
    /// <returns>A hash consistent with <see cref="ArrayEqual{T}"/>.</returns>
    public static int ArrayHash<T>(T[]? values) => values is null ? 0 : SpanHash<T>(values);

    /// <summary>Compares two lists element by element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="left">The first list.</param>
    /// <param name="right">The second list.</param>
    /// <returns>Whether both are null, or have equal elements in the same order.</returns>
    public static bool ListEqual<T>(List<T>? left, List<T>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        return left is not null && right is not null &&
               ((ReadOnlySpan<T>)CollectionsMarshal.AsSpan(left)).SequenceEqual(CollectionsMarshal.AsSpan(right), null);
    }

    /// <summary>Hashes a list's elements in order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The list.</param>
    /// <returns>A hash consistent with <see cref="ListEqual{T}"/>.</returns>
    public static int ListHash<T>(List<T>? values) => values is null ? 0 : SpanHash<T>(CollectionsMarshal.AsSpan(values));

    /// <summary>Compares two immutable arrays element by element (a default array equals only a default array).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="left">The first array.</param>
    /// <param name="right">The second array.</param>
    /// <returns>Whether both have equal elements in the same order.</returns>
    public static bool ImmutableArrayEqual<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        if (left.IsDefault || right.IsDefault)
        {
            return left.IsDefault == right.IsDefault;
        }

        return left.AsSpan().SequenceEqual(right.AsSpan(), null);
    }

    /// <summary>Hashes an immutable array's elements in order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The array.</param>
    /// <returns>A hash consistent with <see cref="ImmutableArrayEqual{T}"/>.</returns>
    public static int ImmutableArrayHash<T>(ImmutableArray<T> values) => values.IsDefault ? 0 : SpanHash(values.AsSpan());

    /// <summary>Compares two sequences element by element, in order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="left">The first sequence.</param>
    /// <param name="right">The second sequence.</param>
    /// <returns>Whether both are null, or have equal elements in the same order.</returns>
    public static bool SequenceEqual<T>(IEnumerable<T>? left, IEnumerable<T>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        if (left is IReadOnlyList<T> l && right is IReadOnlyList<T> r)
        {
            if (l.Count != r.Count)
            {
                return false;
            }

            var comparer = EqualityComparer<T>.Default;
            for (var i = 0; i < l.Count; i++)
            {
                if (!comparer.Equals(l[i], r[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return left.SequenceEqual(right);
    }

    /// <summary>Hashes a sequence's elements in order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The sequence.</param>
    /// <returns>A hash consistent with <see cref="SequenceEqual{T}"/>.</returns>
    public static int SequenceHash<T>(IEnumerable<T>? values)
    {
        if (values is null)
        {
            return 0;
        }

        var comparer = EqualityComparer<T>.Default;
        var hash = Seed;
        foreach (var value in values)
        {
            hash = unchecked((hash * Multiplier) + (value is null ? 0 : comparer.GetHashCode(value)));
        }

        return hash;
    }

    /// <summary>Compares two sets by membership, ignoring order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="left">The first set.</param>
    /// <param name="right">The second set.</param>
    /// <returns>Whether both are null, or contain the same elements.</returns>
    public static bool SetEqual<T>(IReadOnlySet<T>? left, IReadOnlySet<T>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        // Membership is decided by EqualityComparer<T>.Default, as the hash is, whatever comparer each set was built with:
        // otherwise a case-insensitive set could equal a case-sensitive one in one direction only.
        var comparer = EqualityComparer<T>.Default;
        if (left is HashSet<T> l && right is HashSet<T> r && ReferenceEquals(l.Comparer, comparer) && ReferenceEquals(r.Comparer, comparer))
        {
            return l.SetEquals(r);
        }

        var members = new HashSet<T>(left, comparer);
        return members.Count == left.Count && members.SetEquals(right) && new HashSet<T>(right, comparer).Count == right.Count;
    }

    /// <summary>Hashes a set's elements, ignoring order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The set.</param>
    /// <returns>A hash consistent with <see cref="SetEqual{T}"/>.</returns>
    public static int SetHash<T>(IReadOnlySet<T>? values)
    {
        if (values is null)
        {
            return 0;
        }

        var comparer = EqualityComparer<T>.Default;
        var hash = values.Count;
        foreach (var value in values)
        {
            hash = unchecked(hash + (value is null ? 0 : comparer.GetHashCode(value)));
        }

        return hash;
    }

    /// <summary>Compares two dictionaries by their entries, ignoring order.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="left">The first dictionary.</param>
    /// <param name="right">The second dictionary.</param>
    /// <returns>Whether both are null, or hold equal values under the same keys.</returns>
    public static bool DictionaryEqual<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? left, IReadOnlyDictionary<TKey, TValue>? right)
        where TKey : notnull
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        // Keys match by EqualityComparer<TKey>.Default, as the hash does, whatever comparer each dictionary was built with.
        var keys = EqualityComparer<TKey>.Default;
        var lookup = right is Dictionary<TKey, TValue> d && ReferenceEquals(d.Comparer, keys) ? d : Rebuild(right, keys);
        if (lookup is null)
        {
            return false;
        }

        var values = EqualityComparer<TValue>.Default;
        foreach (var pair in left)
        {
            if (!lookup.TryGetValue(pair.Key, out var other) || !values.Equals(pair.Value, other))
            {
                return false;
            }
        }

        return true;

        // Null when two keys collide under the default comparer: such a dictionary equals no other.
        static Dictionary<TKey, TValue>? Rebuild(IReadOnlyDictionary<TKey, TValue> source, IEqualityComparer<TKey> comparer)
        {
            var copy = new Dictionary<TKey, TValue>(source.Count, comparer);
            foreach (var pair in source)
            {
                if (!copy.TryAdd(pair.Key, pair.Value))
                {
                    return null;
                }
            }

            return copy;
        }
    }

    /// <summary>Hashes a dictionary's entries, ignoring order.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="values">The dictionary.</param>
    /// <returns>A hash consistent with <see cref="DictionaryEqual{TKey, TValue}"/>.</returns>
    public static int DictionaryHash<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? values)
        where TKey : notnull
    {
        if (values is null)
        {
            return 0;
        }

        var keys = EqualityComparer<TKey>.Default;
        var items = EqualityComparer<TValue>.Default;
        var hash = values.Count;
        foreach (var pair in values)
        {
            var keyHash = pair.Key is null ? 0 : keys.GetHashCode(pair.Key);
            var valueHash = pair.Value is null ? 0 : items.GetHashCode(pair.Value);
            hash = unchecked(hash + ((keyHash * 31) ^ valueHash));
        }

        return hash;
    }

    /// <summary>Formats a collection member for a value object's <c>ToString</c>: <c>[a, b, c]</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The collection.</param>
    /// <returns>The elements in brackets, or <c>null</c>.</returns>
    public static string Format<T>(IEnumerable<T>? values) =>
        values is null
            ? "null"
            : "[" + string.Join(", ", values.Select(static v => v is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : v?.ToString())) + "]";

    private static int SpanHash<T>(ReadOnlySpan<T> values)
    {
        var comparer = EqualityComparer<T>.Default;
        var hash = Seed;
        foreach (var value in values)
        {
            hash = unchecked((hash * Multiplier) + (value is null ? 0 : comparer.GetHashCode(value)));
        }

        return hash;
    }
}
