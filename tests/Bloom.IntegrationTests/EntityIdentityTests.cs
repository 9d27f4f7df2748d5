using System.Runtime.CompilerServices;

namespace Bloom.IntegrationTests;

public sealed class EntityIdentityTests
{
    private static readonly PersonName Ada = new("Ada", null, "Lovelace");
    private static readonly PersonName Grace = new("Grace", null, "Hopper");

    [Test]
    public void SameId_DifferentState_AreEqual()
    {
        var a = new Customer(new CustomerNumber(7), Ada);
        var b = new Customer(new CustomerNumber(7), Grace);

        Assert.Multiple(() =>
        {
            Assert.That(a.Equals(b), Is.True);
            Assert.That(b.Equals(a), Is.True);
            Assert.That(a.Equals((object)b), Is.True);
            Assert.That(a == b, Is.True);
            Assert.That(a != b, Is.False);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(new HashSet<Customer> { a, b }, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void DifferentIds_AreNotEqual()
    {
        var a = new Customer(new CustomerNumber(7), Ada);
        var b = new Customer(new CustomerNumber(8), Ada);

        Assert.Multiple(() =>
        {
            Assert.That(a.Equals(b), Is.False);
            Assert.That(a == b, Is.False);
            Assert.That(a != b, Is.True);
        });
    }

    [Test]
    public void Transient_EqualsOnlyItself()
    {
        var a = Customer.Transient(Ada);
        var b = Customer.Transient(Ada);
        var alias = a;

        Assert.Multiple(() =>
        {
            Assert.That(a.Id, Is.EqualTo(default(CustomerNumber)));
            Assert.That(a.Equals(b), Is.False, "two transient entities are different things");
            Assert.That(a == b, Is.False);
            Assert.That(a.Equals(a), Is.True);
            Assert.That(a == alias, Is.True);
            Assert.That(a.Equals(new Customer(new CustomerNumber(1), Ada)), Is.False);
            Assert.That(new Customer(new CustomerNumber(1), Ada).Equals(a), Is.False);
            Assert.That(a.GetHashCode(), Is.EqualTo(RuntimeHelpers.GetHashCode(a)));
            Assert.That(new HashSet<Customer> { a, b }, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Transient_BecomesEqualToTheStoredOne_OnceItHasAnId()
    {
        var draft = Customer.Transient(Ada);
        var stored = new Customer(new CustomerNumber(99), Ada);
        Assert.That(draft == stored, Is.False);

        draft.AssignNumber(new CustomerNumber(99));

        Assert.Multiple(() =>
        {
            Assert.That(draft == stored, Is.True);
            Assert.That(draft.GetHashCode(), Is.EqualTo(stored.GetHashCode()));
        });
    }

    [Test]
    public void NullComparisons_AreSafe()
    {
        // A fresh instance per check: the compiler treats `x.Equals(null)` as a null test of x.
        static Customer Make() => new(new CustomerNumber(1), Ada);
        Customer? none = null;

        Assert.That(Make().Equals("1"), Is.False);
        Assert.That(Make().Equals((object?)null), Is.False);
        Assert.That(Make().Equals(none), Is.False);
        Assert.That(none == null, Is.True);
        Assert.That(Make() != none, Is.True);
        Assert.That(none == Make(), Is.False);
        Assert.That(Make() == null, Is.False);
    }

    [Test]
    public void Entity_ExposesItsIdThroughIEntity()
    {
        IEntity<CustomerNumber> entity = new Customer(new CustomerNumber(5), Ada);

        Assert.That(entity.Id, Is.EqualTo(new CustomerNumber(5)));
        Assert.That(entity, Is.InstanceOf<IEquatable<Customer>>());
    }

    [Test]
    public void Aggregates_AreEqualByIdentity()
    {
        var id = OrderId.New();
        var a = Order.Load(id, new CustomerNumber(1), "EUR");
        var b = Order.Load(id, new CustomerNumber(2), "USD");
        var other = Order.Load(OrderId.New(), new CustomerNumber(1), "EUR");

        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a == other, Is.False);
            Assert.That(Order.Load(default, new CustomerNumber(1), "EUR") == Order.Load(default, new CustomerNumber(1), "EUR"), Is.False, "transient aggregates");
        });
    }

    [Test]
    public void NonSealedAggregate_ComparesTheRuntimeType_NotJustTheId()
    {
        var id = SubscriptionId.New();
        var fee = new Money(5m, "EUR");
        var basic = Subscription.Load(id, new CustomerNumber(1), fee);
        var premium = PremiumSubscription.Load(id, new CustomerNumber(1), fee);

        Assert.Multiple(() =>
        {
            Assert.That(basic == Subscription.Load(id, new CustomerNumber(1), fee), Is.True);
            Assert.That(premium == PremiumSubscription.Load(id, new CustomerNumber(2), fee), Is.True);
            Assert.That(basic.Equals(premium), Is.False, "a Subscription and a PremiumSubscription are different things");
            Assert.That(premium.Equals(basic), Is.False);
            Assert.That(basic == premium, Is.False);
        });
    }
}
