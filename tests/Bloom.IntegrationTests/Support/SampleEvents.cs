using Microsoft.Extensions.Time.Testing;

namespace Bloom.IntegrationTests.Support;

/// <summary>One fully populated instance of every domain event type in the test domain.</summary>
internal static class SampleEvents
{
    public static readonly OrderId Order = OrderId.From(Guid.Parse("01957d1e-2b3c-7d4e-8f60-718293a4b5c6"));
    public static readonly AccountId Account = AccountId.From(Guid.Parse("01957d1e-2b3c-7d4e-8f60-000000000001"));
    public static readonly SubscriptionId Subscription = SubscriptionId.From(Guid.Parse("01957d1e-2b3c-7d4e-8f60-000000000002"));
    public static readonly CustomerNumber Customer = new(-9_007_199_254_740_993);
    public static readonly PersonName Ada = new("Ada", null, "Lovelace");
    public static readonly PersonName Grace = new("Grace", "Brewster", "Hopper");

    /// <summary>Every event type the test domain declares, one instance each, created under a fake clock.</summary>
    public static IReadOnlyList<IDomainEvent> All()
    {
        var clock = new FakeTimeProvider(Clocks.Start);
        using var scope = DomainClock.Use(clock);
        var events = new List<IDomainEvent>();

        void Add(Func<IDomainEvent> create)
        {
            events.Add(create());
            clock.Advance(TimeSpan.FromMilliseconds(1.5));
        }

        Add(() => new OrderPlaced(Order, Customer, Grace, "EUR"));
        Add(() => new OrderLineAdded(Order, new Sku("BOOK-\"DDD\"-é"), 3, new Money(45.50m, "EUR")));
        Add(() => new OrderCancelled(Order, "customer changed their mind", CancellationKind.OutOfStock));
        Add(() => new ShipmentScheduled(
            Order,
            new DateOnly(2025, 12, 31),
            ShippingSpeed.SameDay,
            "leave at the door",
            [new Sku("A-1"), new Sku("B-2"), new Sku("A-1")],
            12.345m,
            new Coordinates(52.37, -4.89),
            new Temperature(-18.5m),
            3,
            OrderId.From(Guid.Parse("01957d1e-0000-7000-8000-000000000009")),
            new TagList(["fragile", "cold"], [5, -1, 0]),
            new Route(["warehouse", "hub", "door"])));
        Add(() => new ShipmentScheduled(
            Order,
            DateOnly.MinValue,
            ShippingSpeed.Standard,
            null,
            [],
            0m,
            default,
            null,
            null,
            null,
            new TagList([], []),
            new Route([])));
        Add(() => new CustomerRenamed { Customer = Customer, NewName = Grace, PreviousName = Ada });
        Add(() => new CustomerRenamed { Customer = new CustomerNumber(7), NewName = Ada });
        Add(() => new Billing.InvoiceIssued(Customer, new Money(1234.56m, "USD"), new DateOnly(2026, 2, 28)));
        Add(() => new SubscriptionStarted(Subscription, Customer, new Money(9.99m, "EUR")));
        Add(() => new SubscriptionUpgraded(Subscription, "platinum", new Money(19.99m, "EUR")));
        Add(() => new AccountOpened(Account, Ada, "GBP"));
        Add(() => new MoneyDeposited(Account, new Money(100m, "GBP")));
        Add(() => new MoneyWithdrawn(Account, new Money(0.01m, "GBP")));
        Add(() => new AccountFrozen(Account, "suspicious activity: \u2603 \n line two"));
        Add(() => new ProductListed(
            new Sku("LAMP-1"),
            new EmailAddress("sales@example.org"),
            new TimeOnly(8, 30, 15, 250),
            TimeSpan.FromHours(49.5),
            'B',
            true,
            4.35,
            0.1f,
            255,
            -32768,
            uint.MaxValue,
            ulong.MaxValue,
            new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234),
            Guid.Parse("11111111-2222-3333-4444-555555555555"),
            12.5m));
        Add(() => new ProductListed(
            new Sku(string.Empty),
            new EmailAddress("a@b"),
            TimeOnly.MinValue,
            TimeSpan.Zero,
            '"',
            false,
            double.MinValue,
            float.Epsilon,
            0,
            0,
            0,
            0,
            DateTime.MinValue,
            Guid.Empty,
            null));
        Add(() => new StockCounted(
            new Sku("LAMP-1"),
            new ProductSheet(["A lamp", "Bright"], new HashSet<string> { "home", "light" }, new Dictionary<string, int> { ["ams"] = 3, ["ber"] = 0 })));
        return events;
    }

    public static IEnumerable<TestCaseData> Cases() =>
        All().Select((e, i) => new TestCaseData(e).SetArgDisplayNames($"{i:00}-{e.GetType().Name}"));

    /// <summary>Asserts that two events carry the same data, including <c>EventId</c> and <c>OccurredAt</c>.</summary>
    public static void AssertSameEvent(IDomainEvent expected, IDomainEvent actual)
    {
        Assert.That(actual.GetType(), Is.EqualTo(expected.GetType()));
        switch (expected)
        {
            case ShipmentScheduled s:
                // A record compares a List<T> member by reference; compare the list by content, everything else by record equality.
                var copy = (ShipmentScheduled)actual;
                Assert.That(copy.Items, Is.EqualTo(s.Items).AsCollection);
                Assert.That(copy with { Items = s.Items }, Is.EqualTo(s));
                break;
            case CustomerRenamed c:
                // A class event has reference equality; compare its members.
                var renamed = (CustomerRenamed)actual;
                Assert.Multiple(() =>
                {
                    Assert.That(renamed.Customer, Is.EqualTo(c.Customer));
                    Assert.That(renamed.NewName, Is.EqualTo(c.NewName));
                    Assert.That(renamed.PreviousName, Is.EqualTo(c.PreviousName));
                    Assert.That(renamed.EventId, Is.EqualTo(c.EventId));
                    Assert.That(renamed.OccurredAt, Is.EqualTo(c.OccurredAt));
                    Assert.That(renamed.OccurredAt.Offset, Is.EqualTo(c.OccurredAt.Offset));
                });
                break;
            default:
                Assert.That(actual, Is.EqualTo(expected));
                Assert.That(actual.OccurredAt.Ticks, Is.EqualTo(expected.OccurredAt.Ticks));
                break;
        }
    }
}
