using System.Linq.Expressions;
using System.Text;

namespace Bloom.Runtime.Conformance.Specifications;

/// <summary>
/// Random orders and random specifications and page requests over them, from one seeded <see cref="Random"/>: the
/// generator of the RELIABILITY.md T8 differential suite. Strings are ASCII (with <c>%</c>, <c>_</c>, <c>\</c> and quotes),
/// so ordinal C# comparison and SQLite's BINARY collation agree.
/// </summary>
public sealed class RandomOrders(Random random)
{
    private static readonly string[] StringPool =
    [
        "", " ", "a", "b", "A", "B", "ab", "aB", "abc", "Abc", "x_y", "x%y", "100%", "50_50", "a\\b", "\\", "\\%", "%", "_", "O'Brien",
        "\"q\"", "it's", "--", "; DROP TABLE \"order\"; --", "/* c */", "zz", "aa_", "_a", "MiXeD", "mixed", "tab\there", "SELECT",
    ];

    private static readonly decimal[] DecimalPool = [0m, 1.50m, 1.5m, 10m, 10.00m, 9.5m, -3.25m, 100m, -0.01m, 2.345m, 0.001m, -100.5m];
    private static readonly string[] Currencies = ["EUR", "USD", "CHF", "eur"];
    private static readonly OrderStatus[] Statuses = [OrderStatus.Draft, OrderStatus.Placed, OrderStatus.Shipped, OrderStatus.Cancelled];
    private static readonly string[] SkuPool = ["A", "B", "a", "b", "AB", "a_b", "a%b", "A-1", "b\\c", "Z"];
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<Order> _seeded = [];

    /// <summary>Creates <paramref name="count"/> ids and drafts; the caller creates one <see cref="Order"/> per store from them.</summary>
    public List<(OrderId Id, OrderDraft Draft)> Drafts(int count)
    {
        var drafts = new List<(OrderId, OrderDraft)>(count);
        for (var i = 0; i < count; i++)
        {
            drafts.Add((OrderId.New(), Draft()));
        }

        return drafts;
    }

    /// <summary>The orders the specifications draw their values from (so that comparisons hit).</summary>
    public void UseValuesOf(IEnumerable<Order> orders) => _seeded.AddRange(orders);

    public OrderDraft Draft() => new(
        CustomerId: new CustomerNumber(random.Next(1, 21)),
        FeaturedSku: new Sku(Pick(SkuPool)),
        Status: Pick(Statuses),
        Reference: RandomString(),
        Note: random.Next(4) == 0 ? null : RandomString(),
        Priority: random.Next(-3, 11),
        Rating: random.Next(3) == 0 ? null : random.Next(0, 6),
        Sequence: random.Next(-5, 6) * 10_000_000_000L + random.Next(0, 3),
        Discount: Pick(DecimalPool),
        Total: new Money(Pick(DecimalPool), Pick(Currencies)),
        Refund: random.Next(3) == 0 ? null : new Money(Pick(DecimalPool), Pick(Currencies)),
        PlacedAt: RandomInstant(),
        ShippedAt: RandomInstant(),
        DueOn: new DateOnly(2024, 1, 1).AddDays(random.Next(0, 40)),
        Express: random.Next(2) == 0,
        Email: new EmailAddress($"u{random.Next(0, 30)}@example.com"),
        BackupEmail: random.Next(2) == 0 ? null : new EmailAddress($"b{random.Next(0, 5)}@example.org"),
        Lines: [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new OrderLine(LineId.New(), new Sku(Pick(SkuPool)), random.Next(1, 9), new Money(Pick(DecimalPool), "EUR"), random.Next(2) == 0 ? null : RandomString()))]);

    public Specification<Order> Specification(int depth)
    {
        if (depth <= 0 || random.Next(4) == 0)
        {
            return Atom();
        }

        return random.Next(5) switch
        {
            0 or 1 => Specification(depth - 1) & Specification(depth - 1),
            2 or 3 => Specification(depth - 1) | Specification(depth - 1),
            _ => !Specification(depth - 1),
        };
    }

    /// <summary>A random page (size 1–40, usually one of the first pages) with 0–3 sort keys (never a Guid).</summary>
    public PageRequest<Order> Page()
    {
        var size = random.Next(1, 41);
        var number = random.Next(5) == 0 ? random.Next(1, 300 / size + 3) : random.Next(1, 4);
        var request = PageRequest.Of<Order>(number, size);
        var keys = random.Next(0, 4);
        for (var i = 0; i < keys; i++)
        {
            var option = Pick(SortOptions);
            var descending = random.Next(2) == 0;
            request = i == 0 ? option.First(request, descending) : option.Then(request, descending);
        }

        return request;
    }

    private static readonly SortOption[] SortOptions =
    [
        new SortOption<int>(o => o.Priority),
        new SortOption<int?>(o => o.Rating),
        new SortOption<long>(o => o.Sequence),
        new SortOption<decimal>(o => o.Discount),
        new SortOption<decimal>(o => o.Total.Amount),
        new SortOption<string>(o => o.Total.Currency),
        new SortOption<string>(o => o.Reference),
        new SortOption<string?>(o => o.Note),
        new SortOption<DateTimeOffset>(o => o.PlacedAt),
        new SortOption<DateTimeOffset>(o => o.ShippedAt),
        new SortOption<DateOnly>(o => o.DueOn),
        new SortOption<bool>(o => o.Express),
        new SortOption<OrderStatus>(o => o.Status),
        new SortOption<CustomerNumber>(o => o.CustomerId),
        new SortOption<Sku>(o => o.FeaturedSku),
    ];

    private Specification<Order> Atom()
    {
        switch (random.Next(24))
        {
            case 0:
                {
                    var v = random.Next(3) == 0 ? random.Next(-5, 13) : Sample(o => o.Priority);
                    return Where(o => o.Priority == v, o => o.Priority != v, o => o.Priority < v, o => o.Priority <= v, o => o.Priority > v, o => o.Priority >= v, o => v > o.Priority);
                }

            case 1:
                {
                    var v = Sample(o => o.Sequence);
                    return Where(o => o.Sequence == v, o => o.Sequence != v, o => o.Sequence < v, o => o.Sequence <= v, o => o.Sequence > v, o => o.Sequence >= v);
                }

            case 2:
                {
                    var v = random.Next(3) == 0 ? Pick(DecimalPool) : Sample(o => o.Discount);
                    return Where(o => o.Discount == v, o => o.Discount != v, o => o.Discount < v, o => o.Discount <= v, o => o.Discount > v, o => o.Discount >= v);
                }

            case 3:
                {
                    var v = Sample(o => o.Total.Amount);
                    return Where(o => o.Total.Amount == v, o => o.Total.Amount != v, o => o.Total.Amount < v, o => o.Total.Amount <= v, o => o.Total.Amount > v, o => v <= o.Total.Amount);
                }

            case 4:
                {
                    var v = random.Next(3) == 0 ? RandomInstant() : Sample(o => o.PlacedAt).ToOffset(TimeSpan.FromHours(random.Next(-9, 10)));
                    return Where(o => o.PlacedAt == v, o => o.PlacedAt != v, o => o.PlacedAt < v, o => o.PlacedAt <= v, o => o.PlacedAt > v, o => o.PlacedAt >= v);
                }

            case 5:
                {
                    var v = Sample(o => o.ShippedAt);
                    return Where(o => o.ShippedAt == v, o => o.ShippedAt < v, o => o.ShippedAt >= v);
                }

            case 6:
                {
                    var v = Sample(o => o.DueOn);
                    return Where(o => o.DueOn == v, o => o.DueOn != v, o => o.DueOn < v, o => o.DueOn <= v, o => o.DueOn > v, o => o.DueOn >= v);
                }

            case 7:
                {
                    var v = Pick(Statuses);
                    return Where(o => o.Status == v, o => o.Status != v, o => o.Status < v, o => o.Status >= v, o => o.Status == OrderStatus.Shipped);
                }

            case 8:
                {
                    var v = random.Next(4) == 0 ? new CustomerNumber(random.Next(0, 23)) : Sample(o => o.CustomerId);
                    return Where(o => o.CustomerId == v, o => o.CustomerId != v, o => o.CustomerId < v, o => o.CustomerId <= v, o => o.CustomerId > v, o => o.CustomerId >= v);
                }

            case 9:
                {
                    var v = new Sku(Pick(SkuPool));
                    return Where(o => o.FeaturedSku == v, o => o.FeaturedSku != v, o => o.FeaturedSku < v, o => o.FeaturedSku >= v);
                }

            case 10:
                {
                    int? v = random.Next(5) == 0 ? null : random.Next(0, 6);
                    return Where(o => o.Rating == v, o => o.Rating != v, o => o.Rating < v, o => o.Rating >= v, o => o.Rating == null, o => o.Rating != null, o => o.Rating > 2);
                }

            case 11:
                {
                    var v = random.Next(2) == 0 ? Sample(o => o.Note) : RandomString();
                    return Where(o => o.Note == v, o => o.Note != v, o => o.Note == null, o => o.Note != null);
                }

            case 12:
                {
                    var v = Fragment(Sample(o => o.Note) ?? RandomString());
                    return Where(
                        o => o.Note != null && o.Note.StartsWith(v, StringComparison.Ordinal),
                        o => o.Note != null && o.Note.EndsWith(v, StringComparison.Ordinal),
                        o => o.Note != null && o.Note.Contains(v));
                }

            case 13:
                {
                    var v = random.Next(2) == 0 ? Sample(o => o.Reference) : RandomString();
                    return Where(o => o.Reference == v, o => o.Reference != v, o => v == o.Reference);
                }

            case 14:
                {
                    var v = Fragment(Sample(o => o.Reference));
                    return Where(
                        o => o.Reference.StartsWith(v, StringComparison.Ordinal),
                        o => o.Reference.EndsWith(v, StringComparison.Ordinal),
                        o => o.Reference.Contains(v));
                }

            case 15:
                {
                    var v = Pick(Currencies);
                    string[] some = [.. Currencies.Where(_ => random.Next(2) == 0)];
                    return Where(o => o.Total.Currency == v, o => o.Total.Currency != v, o => some.Contains(o.Total.Currency));
                }

            case 16:
                {
                    var v = Sample(o => o.Email);
                    return Where(o => o.Email == v, o => o.Email != v);
                }

            case 17:
                {
                    var flag = random.Next(2) == 0;
                    return Where(o => o.Express, o => !o.Express, o => o.Express == flag, o => flag || o.Express, o => flag && !o.Express);
                }

            case 18:
                {
                    int[] priorities = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(-3, 11))];
                    return Where(o => priorities.Contains(o.Priority), o => !priorities.Contains(o.Priority));
                }

            case 19:
                {
                    OrderStatus[] statuses = [.. Statuses.Where(_ => random.Next(3) == 0)];
                    var list = statuses.ToList();
                    return Where(o => statuses.Contains(o.Status), o => !statuses.Contains(o.Status), o => list.Contains(o.Status));
                }

            case 20:
                {
                    CustomerNumber[] customers = [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => new CustomerNumber(random.Next(0, 22)))];
                    Sku[] skus = [.. SkuPool.Where(_ => random.Next(3) == 0).Select(s => new Sku(s))];
                    return Where(o => customers.Contains(o.CustomerId), o => skus.Contains(o.FeaturedSku), o => !skus.Contains(o.FeaturedSku));
                }

            case 21:
                {
                    List<int?> ratings = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(4) == 0 ? (int?)null : random.Next(0, 6))];
                    decimal[] discounts = [.. DecimalPool.Where(_ => random.Next(3) == 0)];
                    return Where(o => ratings.Contains(o.Rating), o => !ratings.Contains(o.Rating), o => discounts.Contains(o.Discount));
                }

            case 22:
                {
                    string[] references = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(2) == 0 ? Sample(o => o.Reference) : RandomString())];
                    DateOnly[] days = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Sample(o => o.DueOn))];
                    return Where(o => references.Contains(o.Reference), o => days.Contains(o.DueOn));
                }

            default:
                {
                    var id = Sample(o => o.Id);
                    OrderId[] ids = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Sample(o => o.Id))];
                    return Where(o => o.Id == id, o => o.Id != id, o => ids.Contains(o.Id));
                }
        }
    }

    private Specification<Order> Where(params Expression<Func<Order, bool>>[] options) => Specification<Order>.Where(options[random.Next(options.Length)]);

    private T Sample<T>(Func<Order, T> member) => member(_seeded[random.Next(_seeded.Count)]);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string RandomString()
    {
        if (random.Next(3) != 0)
        {
            return Pick(StringPool);
        }

        var builder = new StringBuilder();
        var length = random.Next(1, 6);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(6) == 0 ? Pick(StringPool) : ((char)('a' + random.Next(3))).ToString());
        }

        return builder.ToString();
    }

    /// <summary>A prefix, suffix or middle part of <paramref name="text"/> (possibly empty), or a random string.</summary>
    private string Fragment(string text)
    {
        if (random.Next(5) == 0 || text.Length == 0)
        {
            return RandomString();
        }

        var start = random.Next(text.Length);
        return text.Substring(start, random.Next(0, text.Length - start + 1));
    }

    private DateTimeOffset RandomInstant() =>
        Epoch.AddMinutes(random.Next(0, 500)).AddTicks(random.Next(0, 2)).ToOffset(TimeSpan.FromMinutes(30 * random.Next(-10, 11)));

    private abstract class SortOption
    {
        public abstract PageRequest<Order> First(PageRequest<Order> request, bool descending);

        public abstract PageRequest<Order> Then(PageRequest<Order> request, bool descending);
    }

    private sealed class SortOption<TKey>(Expression<Func<Order, TKey>> key) : SortOption
    {
        public override PageRequest<Order> First(PageRequest<Order> request, bool descending) =>
            descending ? request.OrderByDescending(key) : request.OrderBy(key);

        public override PageRequest<Order> Then(PageRequest<Order> request, bool descending) =>
            descending ? request.ThenByDescending(key) : request.ThenBy(key);
    }
}
