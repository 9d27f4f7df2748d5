namespace Bloom;

/// <summary>One page of a query result, with the total count of matching items across all pages.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The items on this page, in order; at most <paramref name="size"/>.</param>
    /// <param name="pageNumber">The 1-based page number.</param>
    /// <param name="size">The requested page size (items per full page), at least 1.</param>
    /// <param name="totalCount">How many items match across all pages; not negative.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="items"/> holds more than <paramref name="size"/> items.</exception>
    public Page(IReadOnlyList<T> items, int pageNumber, int size, long totalCount)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (pageNumber < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, $"Page numbers start at 1, but the page was created with {pageNumber}. Pass the request's Page.");
        }

        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A page holds at least 1 item, but the page was created with size {size}. Pass the request's Size.");
        }

        if (totalCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totalCount), totalCount, $"The total count cannot be negative, but was {totalCount}. Pass the number of matching items (0 when none match).");
        }

        if (items.Count > size)
        {
            throw new ArgumentException($"A page of size {size} cannot hold {items.Count} items. Take at most Size items from the query.", nameof(items));
        }

        Items = items;
        PageNumber = pageNumber;
        Size = size;
        TotalCount = totalCount;
    }

    /// <summary>Creates the page that answers <paramref name="request"/>.</summary>
    /// <param name="items">The items on this page, in order; at most the request's size.</param>
    /// <param name="request">The request this page answers; its page number and size are copied.</param>
    /// <param name="totalCount">How many items match across all pages; not negative.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalCount"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="items"/> holds more items than the request's size.</exception>
    public Page(IReadOnlyList<T> items, PageRequest<T> request, long totalCount)
        : this(items, (request ?? throw new ArgumentNullException(nameof(request))).Page, request.Size, totalCount)
    {
    }

    /// <summary>The items on this page, in order. Fewer than <see cref="Size"/> on the last page; empty past the end.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The 1-based page number.</summary>
    public int PageNumber { get; }

    /// <summary>The requested page size (items per full page).</summary>
    public int Size { get; }

    /// <summary>How many items match across all pages.</summary>
    public long TotalCount { get; }

    /// <summary>How many pages the matching items fill: <c>ceil(TotalCount / Size)</c>; 0 when nothing matches.</summary>
    public long TotalPages => (TotalCount + Size - 1) / Size;

    /// <summary>Whether a later page holds items (<see cref="PageNumber"/> is below <see cref="TotalPages"/>).</summary>
    public bool HasNext => PageNumber < TotalPages;

    /// <summary>Whether this is not the first page (<see cref="PageNumber"/> is above 1).</summary>
    public bool HasPrevious => PageNumber > 1;

    /// <summary>Returns e.g. <c>page 2 of 5 (20 of 93 items)</c>.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() => $"page {PageNumber} of {TotalPages} ({Items.Count} of {TotalCount} items)";
}
