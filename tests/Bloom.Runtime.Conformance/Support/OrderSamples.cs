using System.Globalization;
using System.Text;

namespace Bloom.Runtime.Conformance.Support;

/// <summary>Builds test orders and customers, and describes their full state for exact comparisons.</summary>
public static class OrderSamples
{
    public static readonly DateTimeOffset Epoch = new(2024, 3, 10, 8, 30, 15, TimeSpan.FromHours(2));

    /// <summary>A draft whose every member is set (nullable ones to non-null values), with two lines.</summary>
    public static OrderDraft Draft(int n = 1, string? reference = null) => new(
        CustomerId: new CustomerNumber(1000 + n),
        FeaturedSku: new Sku("SKU-" + n.ToString("D3", CultureInfo.InvariantCulture)),
        Status: OrderStatus.Placed,
        Reference: reference ?? "ref-" + n.ToString(CultureInfo.InvariantCulture),
        Note: "note " + n.ToString(CultureInfo.InvariantCulture),
        Priority: n % 7,
        Rating: n % 5,
        Sequence: 10_000_000_000L + n,
        Discount: 1.50m,
        Total: new Money(10.10m + n, "EUR"),
        Refund: new Money(-2.50m, "USD"),
        PlacedAt: Epoch.AddMinutes(n),
        ShippedAt: new DateTimeOffset(2024, 4, 1, 23, 59, 59, 123, TimeSpan.FromHours(-7)).AddTicks(4567),
        DueOn: new DateOnly(2024, 12, 31),
        Express: n % 2 == 0,
        Email: new EmailAddress($"buyer{n}@example.com"),
        BackupEmail: new EmailAddress($"backup{n}@example.org"),
        Lines:
        [
            new OrderLine(LineId.New(), new Sku("A-1"), 2, new Money(9.5m, "EUR"), "gift wrap"),
            new OrderLine(LineId.New(), new Sku("B-\"2\""), 1, new Money(10m, "EUR"), null),
        ]);

    /// <summary>A draft whose nullable members are null and whose line list is empty.</summary>
    public static OrderDraft SparseDraft(int n = 2) => Draft(n) with
    {
        Note = null,
        Rating = null,
        Refund = null,
        BackupEmail = null,
        Lines = [],
    };

    public static Order NewOrder(int n = 1) => Order.Create(OrderId.New(), Draft(n));

    public static Customer NewCustomer(long number, string name = "Ada") =>
        Customer.Register(new CustomerNumber(number), name, new EmailAddress($"c{number}@example.com"));

    /// <summary>
    /// Every persisted member as text, with decimals in their exact scale, DateTimeOffsets as UTC ticks (the instant; the offset
    /// is not part of the stored state) and the lines member by member; equal text means equal stored state.
    /// </summary>
    public static string Describe(Order o)
    {
        var s = new StringBuilder();
        s.Append("Id=").Append(o.Id.Value.ToString("D")).Append(" v").Append(o.Version)
            .Append(" CustomerId=").Append(o.CustomerId.Value)
            .Append(" FeaturedSku=").Append(Quote(o.FeaturedSku.Value))
            .Append(" Status=").Append(o.Status)
            .Append(" Reference=").Append(Quote(o.Reference))
            .Append(" Note=").Append(Quote(o.Note))
            .Append(" Priority=").Append(o.Priority)
            .Append(" Rating=").Append(o.Rating?.ToString(CultureInfo.InvariantCulture) ?? "null")
            .Append(" Sequence=").Append(o.Sequence)
            .Append(" Discount=").Append(Dec(o.Discount))
            .Append(" Total=").Append(Money(o.Total))
            .Append(" Refund=").Append(o.Refund is null ? "null" : Money(o.Refund))
            .Append(" PlacedAt=").Append(o.PlacedAt.UtcTicks)
            .Append(" ShippedAt=").Append(o.ShippedAt.UtcTicks)
            .Append(" DueOn=").Append(o.DueOn.ToString("O", CultureInfo.InvariantCulture))
            .Append(" Express=").Append(o.Express)
            .Append(" Email=").Append(Quote(o.Email.Value))
            .Append(" BackupEmail=").Append(Quote(o.BackupEmail?.Value))
            .Append(" Lines=[");
        foreach (var line in o.Lines)
        {
            s.Append('{').Append(line.Id.Value.ToString("D")).Append(' ').Append(Quote(line.Sku.Value)).Append(" x").Append(line.Quantity)
                .Append(' ').Append(Money(line.UnitPrice)).Append(' ').Append(Quote(line.Note)).Append('}');
        }

        return s.Append(']').ToString();
    }

    public static string Describe(Customer c) =>
        $"Customer {c.Id.Value} v{c.Version} Name={Quote(c.Name)} Email={Quote(c.Email.Value)} LastSeenAt={c.LastSeenAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "null"}";

    public static string Describe(Counter c) => $"Counter {Quote(c.Id.Value)} v{c.Version} Value={c.Value}";

    /// <summary>The full stored state of every table, read through a fresh unit of work's <c>List()</c>, sorted.</summary>
    public static string Dump(IAggregateStore store)
    {
        using var uow = new ShopUow(store);
        var lines = new List<string>();
        lines.AddRange(uow.Orders.List().Select(Describe));
        lines.AddRange(uow.Customers.List().Select(Describe));
        lines.AddRange(uow.Counters.List().Select(Describe));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static string Money(Money m) => Dec(m.Amount) + " " + Quote(m.Currency);

    /// <summary>The decimal with its scale (1.50 stays "1.50").</summary>
    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? s) => s is null ? "null" : "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
