using Bloom.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bloom.IntegrationTests;

public sealed class DomainEventTests
{
    private static readonly PersonName Ada = new("Ada", null, "Lovelace");

    [Test]
    public void EventIdAndOccurredAt_ComeFromTheScopedClock()
    {
        var clock = Clocks.NewFake();
        using var scope = DomainClock.Use(clock);

        var placed = new OrderPlaced(OrderId.New(), new CustomerNumber(1), Ada, "EUR");

        Assert.Multiple(() =>
        {
            Assert.That(placed.OccurredAt, Is.EqualTo(Clocks.Start));
            Assert.That(placed.OccurredAt.Ticks, Is.EqualTo(Clocks.Start.Ticks), "full precision, no rounding");
            Assert.That(placed.EventId.Version, Is.EqualTo(7));
            Assert.That(Clocks.UnixMillisecondsOf(placed.EventId), Is.EqualTo(Clocks.Start.ToUnixTimeMilliseconds()));
            Assert.That(placed, Is.InstanceOf<IDomainEvent>());
        });
    }

    [Test]
    public void AdvancingTheClock_GivesLaterTimesAndLaterEventIds()
    {
        var clock = Clocks.NewFake();
        using var scope = DomainClock.Use(clock);
        var first = new OrderCancelled(OrderId.New(), "x", CancellationKind.Fraud);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = new OrderCancelled(OrderId.New(), "x", CancellationKind.Fraud);

        Assert.Multiple(() =>
        {
            Assert.That(second.OccurredAt - first.OccurredAt, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(second.EventId.CompareTo(first.EventId), Is.Positive);
            Assert.That(Clocks.UnixMillisecondsOf(second.EventId) - Clocks.UnixMillisecondsOf(first.EventId), Is.EqualTo(300_000));
        });
    }

    [Test]
    public void EventIds_AreUnique_UnderAFrozenClock()
    {
        using var scope = DomainClock.Use(Clocks.NewFake());
        var ids = Enumerable.Range(0, 5000).Select(static i => new AccountFrozen(default, "r").EventId).ToHashSet();

        Assert.That(ids, Has.Count.EqualTo(5000));
    }

    [Test]
    public void DisposingTheScope_RestoresTheSystemClock()
    {
        using (DomainClock.Use(Clocks.NewFake()))
        {
            Assert.That(new AccountFrozen(default, "r").OccurredAt, Is.EqualTo(Clocks.Start));
        }

        var before = DateTimeOffset.UtcNow;
        var occurredAt = new AccountFrozen(default, "r").OccurredAt;
        var after = DateTimeOffset.UtcNow;

        Assert.That(occurredAt, Is.InRange(before, after));
        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void NestedScopes_RestoreTheOuterClock()
    {
        var outer = new FakeTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var inner = new FakeTimeProvider(new DateTimeOffset(2002, 2, 2, 0, 0, 0, TimeSpan.Zero));

        using (DomainClock.Use(outer))
        {
            using (DomainClock.Use(inner))
            {
                Assert.That(new AccountFrozen(default, "r").OccurredAt.Year, Is.EqualTo(2002));
            }

            Assert.That(new AccountFrozen(default, "r").OccurredAt.Year, Is.EqualTo(2001));
        }
    }

    [Test]
    public async Task ScopedClocks_DoNotLeakBetweenConcurrentFlows()
    {
        var start = new SemaphoreSlim(0);

        async Task<DateTimeOffset> RunWith(int year)
        {
            using var scope = DomainClock.Use(new FakeTimeProvider(new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero)));
            await start.WaitAsync().ConfigureAwait(false);
            await Task.Yield();
            return new AccountFrozen(default, "r").OccurredAt;
        }

        var a = Task.Run(() => RunWith(2011));
        var b = Task.Run(() => RunWith(2022));
        start.Release(2);
        var results = await Task.WhenAll(a, b).ConfigureAwait(false);

        Assert.That(results.Select(static r => r.Year), Is.EqualTo(new[] { 2011, 2022 }).AsCollection);
        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System), "the test's own flow never saw either fake clock");
    }

    [Test]
    public void AggregatesRaiseEventsStampedWithTheScopedClock()
    {
        var clock = Clocks.NewFake();
        using var scope = DomainClock.Use(clock);

        var order = Order.Place(new CustomerNumber(5), Ada, "EUR");
        clock.Advance(TimeSpan.FromSeconds(2));
        order.AddLine(new Sku("A"), 1, new Money(1m, "EUR"));

        Assert.Multiple(() =>
        {
            Assert.That(order.PendingEvents.Select(static e => e.OccurredAt), Is.EqualTo(new[] { Clocks.Start, Clocks.Start.AddSeconds(2) }).AsCollection);
            Assert.That(Clocks.UnixMillisecondsOf(order.Id.Value), Is.EqualTo(Clocks.Start.ToUnixTimeMilliseconds()), "OrderId.New() uses the domain clock too");
        });
    }

    [Test]
    public void TypeNamesAndVersions_DefaultToTheTypeNameAndOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OrderPlaced.EventTypeName, Is.EqualTo("OrderPlaced"));
            Assert.That(OrderPlaced.EventSchemaVersion, Is.EqualTo(1));
            Assert.That(CustomerRenamed.EventTypeName, Is.EqualTo("CustomerRenamed"));
            Assert.That(ShipmentScheduled.EventTypeName, Is.EqualTo("shipping.shipment-scheduled"));
            Assert.That(ShipmentScheduled.EventSchemaVersion, Is.EqualTo(2));
            Assert.That(Billing.InvoiceIssued.EventTypeName, Is.EqualTo("Billing.InvoiceIssued"), "nested: outer types joined with '.', no namespace");
            Assert.That(Billing.InvoiceIssued.EventSchemaVersion, Is.EqualTo(1));
        });
    }

    [Test]
    public void RecordEvents_CompareEveryMember_IncludingEventIdAndOccurredAt()
    {
        var clock = Clocks.NewFake();
        using var scope = DomainClock.Use(clock);
        var id = OrderId.New();
        var first = new OrderCancelled(id, "reason", CancellationKind.OutOfStock);
        var second = new OrderCancelled(id, "reason", CancellationKind.OutOfStock);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.EqualTo(second), "same payload, different occurrence");
            Assert.That(first with { EventId = second.EventId }, Is.EqualTo(second), "OccurredAt is equal under a frozen clock");
            Assert.That(first with { EventId = second.EventId, OccurredAt = first.OccurredAt.AddTicks(1) }, Is.Not.EqualTo(second));
            Assert.That(first with { EventId = second.EventId, Reason = "other" }, Is.Not.EqualTo(second));
        });
    }

    [Test]
    public void EventIdAndOccurredAt_CanBeSetExplicitly()
    {
        var eventId = Guid.CreateVersion7();
        var at = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromHours(2));

        var renamed = new CustomerRenamed { Customer = new CustomerNumber(1), NewName = Ada, EventId = eventId, OccurredAt = at };

        Assert.Multiple(() =>
        {
            Assert.That(renamed.EventId, Is.EqualTo(eventId));
            Assert.That(renamed.OccurredAt, Is.EqualTo(at));
            Assert.That(((IDomainEvent)renamed).OccurredAt.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        });
    }
}
