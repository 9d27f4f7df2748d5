using System.Reflection;

namespace Bloom.IntegrationTests;

public sealed class AggregateTests
{
    private static readonly PersonName Ada = new("Ada", null, "Lovelace");
    private static readonly CustomerNumber Customer = new(42);

    [Test]
    public void NewAggregate_HasVersionZero_AndItsCreationEventPending()
    {
        var order = Order.Place(Customer, Ada, "EUR");

        Assert.Multiple(() =>
        {
            Assert.That(order.Version, Is.Zero);
            Assert.That(order.PendingEvents, Has.Count.EqualTo(1));
            var placed = order.PendingEvents[0] as OrderPlaced;
            Assert.That(placed, Is.Not.Null);
            Assert.That(placed!.OrderId, Is.EqualTo(order.Id));
            Assert.That(placed.Customer, Is.EqualTo(Customer));
            Assert.That(placed.CustomerName, Is.EqualTo(Ada));
            Assert.That(order, Is.InstanceOf<IAggregateRoot<OrderId>>());
        });
    }

    [Test]
    public void LoadedAggregate_HasNoPendingEvents()
    {
        var order = Order.Load(OrderId.New(), Customer, "EUR");

        Assert.That(order.PendingEvents, Is.Not.Null.And.Empty);
        Assert.That(order.Version, Is.Zero);
    }

    [Test]
    public void RaisedEvents_AreKeptInOrder()
    {
        var order = Order.Place(Customer, Ada, "EUR");
        order.AddLine(new Sku("A"), 1, new Money(2m, "EUR"));
        order.AddLine(new Sku("B"), 3, new Money(1.5m, "EUR"));
        order.Cancel("no longer needed", CancellationKind.CustomerRequest);

        Assert.That(order.PendingEvents.Select(static e => e.GetType()), Is.EqualTo(new[]
        {
            typeof(OrderPlaced), typeof(OrderLineAdded), typeof(OrderLineAdded), typeof(OrderCancelled),
        }).AsCollection);
        var second = (OrderLineAdded)order.PendingEvents[2];
        Assert.Multiple(() =>
        {
            Assert.That(second.Sku, Is.EqualTo(new Sku("B")));
            Assert.That(second.Quantity, Is.EqualTo(3));
            Assert.That(second.UnitPrice, Is.EqualTo(new Money(1.5m, "EUR")));
            Assert.That(order.Total, Is.EqualTo(new Money(6.5m, "EUR")));
            Assert.That(((OrderCancelled)order.PendingEvents[3]).Kind, Is.EqualTo(CancellationKind.CustomerRequest));
        });
    }

    [Test]
    public void ClearPendingEvents_EmptiesTheList_ButKeepsTheVersion()
    {
        var order = Order.Place(Customer, Ada, "EUR");
        order.AddLine(new Sku("A"), 1, new Money(2m, "EUR"));

        order.ClearPendingEvents();

        Assert.That(order.PendingEvents, Is.Empty);
        Assert.That(order.Version, Is.Zero);

        order.AddLine(new Sku("B"), 1, new Money(2m, "EUR"));
        Assert.That(order.PendingEvents, Has.Count.EqualTo(1), "raising after a clear starts a new batch");
    }

    [Test]
    public void MarkCommitted_SetsTheVersion_AndClearsPendingEvents()
    {
        var order = Order.Place(Customer, Ada, "EUR");
        order.AddLine(new Sku("A"), 1, new Money(2m, "EUR"));
        IAggregateRoot root = order;

        root.MarkCommitted(2);

        Assert.Multiple(() =>
        {
            Assert.That(order.Version, Is.EqualTo(2));
            Assert.That(root.Version, Is.EqualTo(2));
            Assert.That(order.PendingEvents, Is.Empty);
        });

        order.AddLine(new Sku("B"), 1, new Money(2m, "EUR"));
        root.MarkCommitted(2);
        Assert.That(order.Version, Is.EqualTo(2), "committing at the same version is allowed");
        Assert.That(order.PendingEvents, Is.Empty);

        root.MarkCommitted(5);
        Assert.That(order.Version, Is.EqualTo(5));
    }

    [Test]
    public void MarkCommitted_WithALowerVersion_ThrowsAndChangesNothing()
    {
        var order = Order.Place(Customer, Ada, "EUR");
        IAggregateRoot root = order;
        root.MarkCommitted(3);
        order.AddLine(new Sku("A"), 1, new Money(2m, "EUR"));

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => root.MarkCommitted(2));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.ParamName, Is.EqualTo("newVersion"));
            Assert.That(exception.ActualValue, Is.EqualTo(2L));
            Assert.That(exception.Message, Does.Contain("Order is at version 3"));
            Assert.That(order.Version, Is.EqualTo(3));
            Assert.That(order.PendingEvents, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void MarkCommitted_IsNotPartOfThePublicSurface()
    {
        var method = typeof(Order).GetMethod("MarkCommitted", BindingFlags.Public | BindingFlags.Instance);

        Assert.That(method, Is.Null, "MarkCommitted is an explicit IAggregateRoot implementation");
    }

    [Test]
    public void BusinessRuleViolation_Throws_AndLeavesStateUnchanged()
    {
        var order = Order.Place(Customer, Ada, "EUR");
        order.AddLine(new Sku("A"), 2, new Money(3m, "EUR"));
        var eventsBefore = order.PendingEvents.ToList();

        var quantity = Assert.Throws<BusinessRuleViolationException>(() => order.AddLine(new Sku("B"), 0, new Money(1m, "EUR")));
        var currency = Assert.Throws<BusinessRuleViolationException>(() => order.AddLine(new Sku("B"), 1, new Money(1m, "USD")));

        Assert.Multiple(() =>
        {
            Assert.That(quantity!.RuleName, Is.EqualTo("PositiveQuantity"));
            Assert.That(quantity.RuleMessage, Is.EqualTo("the quantity must be at least 1"));
            Assert.That(quantity.Message, Is.EqualTo("Business rule 'PositiveQuantity' was violated: the quantity must be at least 1"));
            Assert.That(currency!.RuleName, Is.EqualTo("OrderCurrency"), "IBusinessRule overload");
            Assert.That(currency.RuleMessage, Is.EqualTo("prices must be in EUR, not USD"));
            Assert.That(currency, Is.InstanceOf<DomainException>());

            Assert.That(order.Lines, Has.Count.EqualTo(1));
            Assert.That(order.Total, Is.EqualTo(new Money(6m, "EUR")));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(order.PendingEvents, Is.EqualTo(eventsBefore).AsCollection);
        });
    }

    [Test]
    public void BusinessRule_OnAClosedAggregate_BlocksFurtherChanges()
    {
        var order = Order.Place(Customer, Ada, "EUR");
        var empty = Assert.Throws<BusinessRuleViolationException>(() => order.ScheduleShipment(new DateOnly(2025, 1, 1), ShippingSpeed.Express, default, null));
        Assert.That(empty!.RuleName, Is.EqualTo("OrderMustHaveLines"));
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));

        order.Cancel("changed my mind", CancellationKind.CustomerRequest);
        var eventsAfterCancel = order.PendingEvents.Count;

        var late = Assert.Throws<BusinessRuleViolationException>(() => order.AddLine(new Sku("A"), 1, new Money(1m, "EUR")));
        var twice = Assert.Throws<BusinessRuleViolationException>(() => order.Cancel("again", CancellationKind.Fraud));

        Assert.Multiple(() =>
        {
            Assert.That(late!.RuleName, Is.EqualTo("OnlyOpenOrdersChange"));
            Assert.That(twice!.RuleName, Is.EqualTo("CancelOnce"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(order.Lines, Is.Empty);
            Assert.That(order.PendingEvents, Has.Count.EqualTo(eventsAfterCancel));
        });
    }

    [Test]
    public void ScheduleShipment_RaisesAnEventDescribingTheLines()
    {
        var order = Order.Place(Customer, Ada, "EUR");
        order.AddLine(new Sku("A"), 2, new Money(3m, "EUR"));
        order.AddLine(new Sku("B"), 1, new Money(3m, "EUR"));

        order.ScheduleShipment(new DateOnly(2025, 6, 1), ShippingSpeed.SameDay, new Coordinates(1, 2), "ring twice");

        var scheduled = order.PendingEvents[^1] as ShipmentScheduled;
        Assert.That(scheduled, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(scheduled!.Items, Is.EqualTo(new[] { new Sku("A"), new Sku("B") }).AsCollection);
            Assert.That(scheduled.WeightKg, Is.EqualTo(1.5m));
            Assert.That(scheduled.Priority, Is.EqualTo(1));
            Assert.That(scheduled.Tags, Is.EqualTo(new TagList(["A", "B"], [2, 1])));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.ShipmentScheduled));
        });
    }

    [Test]
    public void SealedAggregate_HasPrivateHelpers_NonSealedHasProtectedOnes()
    {
        const BindingFlags All = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var sealedRaise = typeof(Order).GetMethod("Raise", All)!;
        var openRaise = typeof(Subscription).GetMethod("Raise", All)!;
        var openCheck = typeof(Subscription).GetMethods(All).Where(static m => m.Name == "CheckRule").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(sealedRaise.IsPrivate, Is.True);
            Assert.That(openRaise.IsFamily, Is.True, "protected, so derived classes can raise events");
            Assert.That(openCheck, Has.Count.EqualTo(2));
            Assert.That(openCheck.All(static m => m.IsFamily && m.IsStatic), Is.True);
        });
    }

    [Test]
    public void DerivedAggregate_UsesTheProtectedRaiseAndCheckRule()
    {
        var premium = PremiumSubscription.Start(Customer, new Money(10m, "EUR"));
        premium.Upgrade("platinum", new Money(20m, "EUR"));

        Assert.Multiple(() =>
        {
            Assert.That(premium.PendingEvents.Select(static e => e.GetType()), Is.EqualTo(new[] { typeof(SubscriptionStarted), typeof(SubscriptionUpgraded) }).AsCollection);
            Assert.That(premium.Tier, Is.EqualTo("platinum"));
            Assert.That(premium, Is.InstanceOf<IAggregateRoot<SubscriptionId>>());
        });

        var unknown = Assert.Throws<BusinessRuleViolationException>(() => premium.Upgrade("bronze", new Money(30m, "EUR")));
        var cheaper = Assert.Throws<BusinessRuleViolationException>(() => premium.Upgrade("gold", new Money(1m, "EUR")));
        Assert.Multiple(() =>
        {
            Assert.That(unknown!.RuleName, Is.EqualTo("KnownTier"));
            Assert.That(cheaper!.RuleName, Is.EqualTo("NoDowngradeFee"));
            Assert.That(premium.Tier, Is.EqualTo("platinum"));
            Assert.That(premium.MonthlyFee, Is.EqualTo(new Money(20m, "EUR")));
            Assert.That(premium.PendingEvents, Has.Count.EqualTo(2));
        });

        ((IAggregateRoot)premium).MarkCommitted(2);
        Assert.That(premium.Version, Is.EqualTo(2));
        Assert.That(premium.PendingEvents, Is.Empty);
    }

    [Test]
    public void BaseAggregate_WorksOnItsOwn()
    {
        var subscription = Subscription.Start(Customer, new Money(5m, "EUR"));

        Assert.That(subscription.PendingEvents.Single(), Is.InstanceOf<SubscriptionStarted>()
            .With.Property(nameof(SubscriptionStarted.SubscriptionId)).EqualTo(subscription.Id));
    }

    [Test]
    public void EventSourced_Raise_AppliesTheEventThroughWhen_AndRecordsIt()
    {
        var account = BankAccount.Open(Ada, "EUR");
        account.Deposit(new Money(100m, "EUR"));
        account.Withdraw(new Money(30m, "EUR"));

        Assert.Multiple(() =>
        {
            Assert.That(account.Id, Is.Not.EqualTo(default(AccountId)), "When(AccountOpened) set the id");
            Assert.That(account.IsOpen, Is.True);
            Assert.That(account.Owner, Is.EqualTo(Ada));
            Assert.That(account.Balance, Is.EqualTo(new Money(70m, "EUR")));
            Assert.That(account.AppliedCount, Is.EqualTo(3), "each event applied exactly once");
            Assert.That(account.PendingEvents.Select(static e => e.GetType()), Is.EqualTo(new[] { typeof(AccountOpened), typeof(MoneyDeposited), typeof(MoneyWithdrawn) }).AsCollection);
            Assert.That(account.Version, Is.Zero);
        });
    }

    [Test]
    public void EventSourced_RuleViolation_AppliesNothing()
    {
        var account = BankAccount.Open(Ada, "EUR");
        account.Deposit(new Money(10m, "EUR"));

        var exception = Assert.Throws<BusinessRuleViolationException>(() => account.Withdraw(new Money(10.01m, "EUR")));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.RuleName, Is.EqualTo("SufficientFunds"));
            Assert.That(account.Balance, Is.EqualTo(new Money(10m, "EUR")));
            Assert.That(account.PendingEvents, Has.Count.EqualTo(2));
            Assert.That(account.AppliedCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void EventSourced_LoadFromHistory_RebuildsStateAndVersion_WithoutPendingEvents()
    {
        var original = BankAccount.Open(Ada, "GBP");
        original.Deposit(new Money(50m, "GBP"));
        original.Deposit(new Money(25.5m, "GBP"));
        original.Withdraw(new Money(0.5m, "GBP"));
        var history = original.PendingEvents.ToList();

        var rebuilt = BankAccount.FromHistory(history);

        Assert.Multiple(() =>
        {
            Assert.That(rebuilt.Id, Is.EqualTo(original.Id));
            Assert.That(rebuilt, Is.EqualTo(original), "same identity");
            Assert.That(rebuilt.Balance, Is.EqualTo(new Money(75m, "GBP")));
            Assert.That(rebuilt.Owner, Is.EqualTo(Ada));
            Assert.That(rebuilt.Version, Is.EqualTo(4), "one version per historical event");
            Assert.That(rebuilt.PendingEvents, Is.Empty);
            Assert.That(rebuilt.AppliedCount, Is.EqualTo(4));
        });

        rebuilt.Deposit(new Money(1m, "GBP"));
        Assert.Multiple(() =>
        {
            Assert.That(rebuilt.Version, Is.EqualTo(4), "raising does not bump the persisted version");
            Assert.That(rebuilt.PendingEvents, Has.Count.EqualTo(1));
            Assert.That(rebuilt.Balance, Is.EqualTo(new Money(76m, "GBP")));
        });

        ((IAggregateRoot)rebuilt).MarkCommitted(rebuilt.Version + rebuilt.PendingEvents.Count);
        Assert.That(rebuilt.Version, Is.EqualTo(5));
    }

    [Test]
    public void EventSourced_LoadFromHistory_ContinuesFromTheCurrentVersion()
    {
        var original = BankAccount.Open(Ada, "EUR");
        original.Deposit(new Money(5m, "EUR"));
        var history = original.PendingEvents.ToList();

        var rebuilt = BankAccount.FromHistory(history.Take(1));
        rebuilt.LoadFromHistory(history.Skip(1));

        Assert.That(rebuilt.Version, Is.EqualTo(2));
        Assert.That(rebuilt.Balance, Is.EqualTo(new Money(5m, "EUR")));
    }

    [Test]
    public void EventSourced_EventWithoutWhen_ThrowsInvalidOperation_AndIsNotRecorded()
    {
        var account = BankAccount.Open(Ada, "EUR");

        var exception = Assert.Throws<InvalidOperationException>(() => account.Freeze("audit"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain("BankAccount").And.Contain("AccountFrozen").And.Contain("When"));
            Assert.That(account.PendingEvents, Has.Count.EqualTo(1));
        });

        var fromHistory = Assert.Throws<InvalidOperationException>(() => BankAccount.FromHistory([new AccountOpened(AccountId.New(), Ada, "EUR"), new AccountFrozen(AccountId.New(), "x")]));
        Assert.That(fromHistory!.Message, Does.Contain("AccountFrozen"));
        Assert.Throws<ArgumentNullException>(() => BankAccount.FromHistory(null!));
    }
}
