using System.Linq.Expressions;

namespace Bloom;

/// <summary>
/// Which page of a query result to return: a 1-based page number and a page size capped at <see cref="MaxSize"/>.
/// Immutable. Add ordering with <see cref="OrderBy{T, TKey}"/> or <see cref="OrderByDescending{T, TKey}"/>, which return a
/// <see cref="PageRequest{T}"/>; an unordered request converts implicitly to <see cref="PageRequest{T}"/> for any <c>T</c>.
/// </summary>
/// <remarks>
/// C# cannot infer <c>T</c> from a lambda whose parameter is untyped, so write the first sort key with a typed parameter,
/// <c>PageRequest.Of(1, 20).OrderBy((Order o) =&gt; o.PlacedAt)</c>, or name the type up front,
/// <c>PageRequest.Of&lt;Order&gt;(1, 20).OrderBy(o =&gt; o.PlacedAt)</c>.
/// Without any sort key the order of rows, and therefore which rows land on which page, is up to the store:
/// order by a unique key when pages must be stable.
/// </remarks>
public sealed class PageRequest
{
    /// <summary>
    /// The largest page size accepted: 1000. It bounds the memory and time one query can take;
    /// read more rows by requesting further pages.
    /// </summary>
    public const int MaxSize = 1000;

    private PageRequest(int page, int size)
    {
        Page = page;
        Size = size;
    }

    /// <summary>The 1-based page number.</summary>
    public int Page { get; }

    /// <summary>The number of items per page, 1 to <see cref="MaxSize"/>.</summary>
    public int Size { get; }

    /// <summary>How many items precede this page: <c>(Page - 1) * Size</c> (SQL <c>OFFSET</c>).</summary>
    public long Skip => (Page - 1L) * Size;

    /// <summary>Creates a request for page <paramref name="page"/> of <paramref name="size"/> items.</summary>
    /// <param name="page">The 1-based page number.</param>
    /// <param name="size">Items per page, 1 to <see cref="MaxSize"/>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="page"/> is below 1, or <paramref name="size"/> is below 1 or above <see cref="MaxSize"/>.</exception>
    public static PageRequest Of(int page, int size)
    {
        Validate(page, size);
        return new PageRequest(page, size);
    }

    /// <summary>Creates a request for page <paramref name="page"/> of <paramref name="size"/> items of <typeparamref name="T"/>, ready for sort keys.</summary>
    /// <typeparam name="T">The item type, typically an aggregate root.</typeparam>
    /// <param name="page">The 1-based page number.</param>
    /// <param name="size">Items per page, 1 to <see cref="MaxSize"/>.</param>
    /// <returns>An unordered typed request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="page"/> is below 1, or <paramref name="size"/> is below 1 or above <see cref="MaxSize"/>.</exception>
    public static PageRequest<T> Of<T>(int page, int size)
    {
        Validate(page, size);
        return new PageRequest<T>(page, size, []);
    }

    /// <summary>Returns this page ordered by <paramref name="key"/>, ascending.</summary>
    /// <typeparam name="T">The item type (inferred from a typed lambda parameter, e.g. <c>(Order o) =&gt; o.PlacedAt</c>).</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="key">The member to sort by, e.g. <c>o =&gt; o.PlacedAt</c>.</param>
    /// <returns>A typed request with one sort key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public PageRequest<T> OrderBy<T, TKey>(Expression<Func<T, TKey>> key) => new PageRequest<T>(Page, Size, []).OrderBy(key);

    /// <summary>Returns this page ordered by <paramref name="key"/>, descending.</summary>
    /// <typeparam name="T">The item type (inferred from a typed lambda parameter).</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="key">The member to sort by.</param>
    /// <returns>A typed request with one sort key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public PageRequest<T> OrderByDescending<T, TKey>(Expression<Func<T, TKey>> key) => new PageRequest<T>(Page, Size, []).OrderByDescending(key);

    /// <summary>Returns the same page as an unordered request for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <returns>A typed request without sort keys.</returns>
    public PageRequest<T> For<T>() => new(Page, Size, []);

    /// <summary>Returns e.g. <c>page 2, size 20</c>.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() => $"page {Page}, size {Size}";

    internal static void Validate(int page, int size)
    {
        if (page < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(page), page, $"Page numbers start at 1, but {page} was requested. Pass 1 for the first page.");
        }

        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A page holds at least 1 item, but a size of {size} was requested. Pass a size from 1 to {MaxSize}.");
        }

        if (size > MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A page holds at most {MaxSize} items, but a size of {size} was requested. Request a smaller page and read further pages for more items.");
        }
    }
}

/// <summary>
/// A page request for items of <typeparamref name="T"/>, with sort keys applied in order (the first is the primary order).
/// Immutable: every method returns a new request.
/// </summary>
/// <typeparam name="T">The item type, typically an aggregate root.</typeparam>
public sealed class PageRequest<T>
{
    private readonly SortStep<T>[] _steps;
    private SortKey[]? _sortKeys;

    internal PageRequest(int page, int size, SortStep<T>[] steps)
    {
        Page = page;
        Size = size;
        _steps = steps;
    }

    /// <summary>The 1-based page number.</summary>
    public int Page { get; }

    /// <summary>The number of items per page, 1 to <see cref="PageRequest.MaxSize"/>.</summary>
    public int Size { get; }

    /// <summary>How many items precede this page: <c>(Page - 1) * Size</c> (SQL <c>OFFSET</c>).</summary>
    public long Skip => (Page - 1L) * Size;

    /// <summary>
    /// The sort keys, primary first. Each is a one-parameter lambda over <typeparamref name="T"/> and a direction;
    /// a SQL adapter resolves each lambda's member to a mapped column (never from text). Empty when unordered.
    /// </summary>
    public IReadOnlyList<SortKey> SortKeys => _sortKeys ??= Array.ConvertAll(_steps, static s => s.Key);

    /// <summary>Converts an unordered request to a typed one, so <c>PageRequest.Of(1, 20)</c> can be passed where a <see cref="PageRequest{T}"/> is expected.</summary>
    /// <param name="request">The unordered request.</param>
    /// <returns>The same page, typed, without sort keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static implicit operator PageRequest<T>(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.For<T>();
    }

    /// <summary>Returns a request ordered by <paramref name="key"/> ascending, replacing any existing sort keys (as LINQ's <c>OrderBy</c> does).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="key">The member to sort by.</param>
    /// <returns>A new request with one sort key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public PageRequest<T> OrderBy<TKey>(Expression<Func<T, TKey>> key) => new(Page, Size, [new SortStep<T, TKey>(key, descending: false)]);

    /// <summary>Returns a request ordered by <paramref name="key"/> descending, replacing any existing sort keys.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="key">The member to sort by.</param>
    /// <returns>A new request with one sort key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public PageRequest<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> key) => new(Page, Size, [new SortStep<T, TKey>(key, descending: true)]);

    /// <summary>Returns a request with <paramref name="key"/> (ascending) appended as the next tie-breaker.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="key">The member to sort by.</param>
    /// <returns>A new request with one more sort key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The request has no sort key yet; start with <see cref="OrderBy{TKey}"/>.</exception>
    public PageRequest<T> ThenBy<TKey>(Expression<Func<T, TKey>> key) => Append(new SortStep<T, TKey>(key, descending: false));

    /// <summary>Returns a request with <paramref name="key"/> (descending) appended as the next tie-breaker.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="key">The member to sort by.</param>
    /// <returns>A new request with one more sort key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The request has no sort key yet; start with <see cref="OrderByDescending{TKey}"/>.</exception>
    public PageRequest<T> ThenByDescending<TKey>(Expression<Func<T, TKey>> key) => Append(new SortStep<T, TKey>(key, descending: true));

    /// <summary>
    /// Applies the sort keys, <see cref="Skip"/> and <see cref="Size"/> to an in-memory sequence: the reference semantics an
    /// in-memory repository uses and a SQL adapter must match. Strings compare ordinally (like SQLite's BINARY collation);
    /// other keys use <see cref="Comparer{T}.Default"/>, with <see langword="null"/> first when ascending. The sort is stable.
    /// </summary>
    /// <remarks>Key lambdas are compiled on first use (interpreted where dynamic code is not supported, as under NativeAOT).</remarks>
    /// <param name="source">The candidates, already filtered.</param>
    /// <returns>The items of this page, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    public IEnumerable<T> ApplyTo(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_steps.Length > 0)
        {
            var ordered = _steps[0].First(source);
            for (var i = 1; i < _steps.Length; i++)
            {
                ordered = _steps[i].Then(ordered);
            }

            source = ordered;
        }

        var skip = Skip;
        return skip > int.MaxValue ? [] : source.Skip((int)skip).Take(Size);
    }

    /// <summary>Returns e.g. <c>page 2, size 20, order by o =&gt; o.PlacedAt desc, o =&gt; o.Id</c>.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() =>
        _steps.Length == 0
            ? $"page {Page}, size {Size}"
            : $"page {Page}, size {Size}, order by {string.Join(", ", SortKeys)}";

    private PageRequest<T> Append(SortStep<T> step)
    {
        if (_steps.Length == 0)
        {
            throw new InvalidOperationException(
                $"ThenBy adds a tie-breaker to an existing order, but this page request has no sort key yet. Call OrderBy or OrderByDescending first.");
        }

        return new PageRequest<T>(Page, Size, [.. _steps, step]);
    }
}

/// <summary>One sort key of a <see cref="PageRequest{T}"/>: the member to sort by, as a one-parameter lambda, and the direction.</summary>
/// <param name="Member">The key selector, e.g. <c>o =&gt; o.PlacedAt</c>; its single parameter is the item.</param>
/// <param name="Descending"><see langword="true"/> for descending order.</param>
public sealed record SortKey(LambdaExpression Member, bool Descending)
{
    /// <summary>Returns e.g. <c>o =&gt; o.PlacedAt desc</c>.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() => Descending ? $"{Member} desc" : Member.ToString();
}

/// <summary>A sort key plus the typed, reflection-free in-memory ordering it stands for.</summary>
internal abstract class SortStep<T>(SortKey key)
{
    public SortKey Key { get; } = key;

    public abstract IOrderedEnumerable<T> First(IEnumerable<T> source);

    public abstract IOrderedEnumerable<T> Then(IOrderedEnumerable<T> source);
}

internal sealed class SortStep<T, TKey>(Expression<Func<T, TKey>> key, bool descending)
    : SortStep<T>(new SortKey(key ?? throw new ArgumentNullException(nameof(key)), descending))
{
    private static readonly IComparer<TKey> Comparer =
        typeof(TKey) == typeof(string) ? (IComparer<TKey>)(object)StringComparer.Ordinal : Comparer<TKey>.Default;

    private readonly Lazy<Func<T, TKey>> _selector = new(
        () => key.Compile(preferInterpretation: !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public override IOrderedEnumerable<T> First(IEnumerable<T> source) =>
        Key.Descending ? source.OrderByDescending(_selector.Value, Comparer) : source.OrderBy(_selector.Value, Comparer);

    public override IOrderedEnumerable<T> Then(IOrderedEnumerable<T> source) =>
        Key.Descending ? source.ThenByDescending(_selector.Value, Comparer) : source.ThenBy(_selector.Value, Comparer);
}
