using System.Globalization;
using Bloom.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bloom.IntegrationTests;

public sealed class StronglyTypedIdTests
{
    [Test]
    public void Guid_New_IsAVersion7UuidStampedWithTheScopedDomainClock()
    {
        var clock = Clocks.NewFake();
        OrderId id;
        using (DomainClock.Use(clock))
        {
            id = OrderId.New();
        }

        Assert.Multiple(() =>
        {
            Assert.That(id.Value.Version, Is.EqualTo(7));
            Assert.That(id.Value.Variant >> 2, Is.EqualTo(0b10), "RFC 9562 variant bits 10xx");
            Assert.That(Clocks.UnixMillisecondsOf(id.Value), Is.EqualTo(clock.GetUtcNow().ToUnixTimeMilliseconds()));
            Assert.That(id, Is.Not.EqualTo(OrderId.Empty));
        });
    }

    [Test]
    public void Guid_New_WithTimeProvider_UsesThatProviderInsteadOfTheDomainClock()
    {
        var explicitClock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var scope = DomainClock.Use(Clocks.NewFake());

        var id = AccountId.New(explicitClock);

        Assert.Multiple(() =>
        {
            Assert.That(id.Value.Version, Is.EqualTo(7));
            Assert.That(Clocks.UnixMillisecondsOf(id.Value), Is.EqualTo(explicitClock.GetUtcNow().ToUnixTimeMilliseconds()));
        });
        Assert.Throws<ArgumentNullException>(() => AccountId.New(null!));
    }

    [Test]
    public void Guid_New_IsTimeOrdered_AsTheClockAdvances()
    {
        var clock = Clocks.NewFake();
        var created = new List<OrderId>();
        using (DomainClock.Use(clock))
        {
            for (var i = 0; i < 300; i++)
            {
                created.Add(OrderId.New());
                clock.Advance(TimeSpan.FromMilliseconds(1 + (i % 3)));
            }
        }

        for (var i = 1; i < created.Count; i++)
        {
            var (earlier, later) = (created[i - 1], created[i]);
            Assert.That(earlier.CompareTo(later), Is.Negative, $"id {i - 1} must sort before id {i}");
            Assert.That(earlier < later && later > earlier && earlier <= later && later >= earlier, Is.True);
        }

        var shuffled = created.OrderBy(static _ => Random.Shared.Next()).ToList();
        shuffled.Sort();
        Assert.That(shuffled, Is.EqualTo(created).AsCollection, "sorting ids restores creation order");
    }

    [Test]
    public void Guid_New_IsUnique_EvenWithinOneMillisecond()
    {
        using var scope = DomainClock.Use(Clocks.NewFake());
        var ids = Enumerable.Range(0, 10_000).Select(static _ => OrderId.New()).ToList();

        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count));
    }

    [Test]
    public void Guid_Empty_IsTheDefaultValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OrderId.Empty, Is.EqualTo(default(OrderId)));
            Assert.That(OrderId.Empty.Value, Is.EqualTo(Guid.Empty));
            Assert.That(OrderId.Empty == new OrderId(Guid.Empty), Is.True);
        });
    }

    [Test]
    public void Equality_IsByValue_ForEveryBacking()
    {
        var guid = Guid.CreateVersion7();
        AssertValueEquality(new OrderId(guid), OrderId.From(guid), OrderId.From(Guid.CreateVersion7()));
        AssertValueEquality(new CustomerNumber(42), CustomerNumber.From(42), CustomerNumber.From(43));
        AssertValueEquality(new Sku("ABC-1"), Sku.From(new string("ABC-1".ToCharArray())), Sku.From("abc-1"));

        Assert.Multiple(() =>
        {
            Assert.That(new OrderId(guid) == OrderId.From(guid), Is.True);
            Assert.That(new OrderId(guid) != OrderId.From(guid), Is.False);
            Assert.That(new CustomerNumber(42) == new CustomerNumber(42), Is.True);
            Assert.That(new CustomerNumber(42) != new CustomerNumber(43), Is.True);
            Assert.That(new Sku("ABC-1") == new Sku("ABC-1"), Is.True);
            Assert.That(new Sku("ABC-1") != new Sku("abc-1"), Is.True, "string ids compare ordinally (case-sensitive)");
        });
    }

    [Test]
    public void DifferentIdTypes_OverTheSameRawValue_AreNotEqual()
    {
        var guid = Guid.CreateVersion7();
        object order = OrderId.From(guid);
        object account = AccountId.From(guid);

        Assert.That(order.Equals(account), Is.False);
    }

    [Test]
    public void Ordering_FollowsTheRawValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new CustomerNumber(-5) < new CustomerNumber(3), Is.True);
            Assert.That(new CustomerNumber(3).CompareTo(new CustomerNumber(3)), Is.Zero);
            Assert.That(new CustomerNumber(10) >= new CustomerNumber(9), Is.True);
            Assert.That(new Sku("B") < new Sku("a"), Is.True, "string ids order ordinally");
            Assert.That(new Sku("a").CompareTo(new Sku("b")), Is.Negative);
            Assert.That(new Sku("b") > new Sku("a"), Is.True);
        });

        var numbers = new[] { 5L, -1L, 300L, 0L }.Select(CustomerNumber.From).ToList();
        numbers.Sort();
        Assert.That(numbers.Select(static n => n.Value), Is.EqualTo(new[] { -1L, 0L, 5L, 300L }).AsCollection);
    }

    [Test]
    public void NonGenericCompareTo_HandlesNullAndRejectsOtherTypes()
    {
        IComparable id = new CustomerNumber(1);

        Assert.Multiple(() =>
        {
            Assert.That(id.CompareTo(null), Is.Positive);
            Assert.That(id.CompareTo(new CustomerNumber(2)), Is.Negative);
            Assert.That(() => id.CompareTo(1L), Throws.ArgumentException.With.Message.Contains("CustomerNumber"));
        });
    }

    [Test]
    [SetCulture("fi-FI")]
    public void ToStringAndParse_RoundTrip_ForEveryBacking_UnderANonInvariantCulture()
    {
        var order = OrderId.New();
        var number = new CustomerNumber(-1_234_567_890_123);
        var sku = new Sku("ÄÖ-1 2,3");

        Assert.Multiple(() =>
        {
            Assert.That(order.ToString(), Is.EqualTo(order.Value.ToString()));
            Assert.That(number.ToString(), Is.EqualTo("-1234567890123"), "long ids format with the invariant culture");
            Assert.That(sku.ToString(), Is.EqualTo("ÄÖ-1 2,3"));

            Assert.That(OrderId.Parse(order.ToString()), Is.EqualTo(order));
            Assert.That(CustomerNumber.Parse(number.ToString()), Is.EqualTo(number));
            Assert.That(Sku.Parse(sku.ToString()), Is.EqualTo(sku));

            Assert.That(OrderId.Parse(order.ToString().AsSpan(), CultureInfo.CurrentCulture), Is.EqualTo(order));
            Assert.That(CustomerNumber.Parse(number.ToString(), CultureInfo.CurrentCulture), Is.EqualTo(number));
            Assert.That(ParseVia<CustomerNumber>(number.ToString()), Is.EqualTo(number));
            Assert.That(ParseVia<Sku>(sku.ToString()), Is.EqualTo(sku));
            Assert.That(ParseVia<OrderId>(order.ToString()), Is.EqualTo(order));

            Assert.That(OrderId.TryParse(order.ToString(), out var parsedOrder), Is.True);
            Assert.That(parsedOrder, Is.EqualTo(order));
            Assert.That(CustomerNumber.TryParse(number.ToString().AsSpan(), null, out var parsedNumber), Is.True);
            Assert.That(parsedNumber, Is.EqualTo(number));
            Assert.That(Sku.TryParse(sku.ToString(), CultureInfo.InvariantCulture, out var parsedSku), Is.True);
            Assert.That(parsedSku, Is.EqualTo(sku));
        });
    }

    [TestCase("not-a-guid")]
    [TestCase("")]
    [TestCase("01957d1e-2b3c-7d4e-8f60-718293a4b5c")]
    public void Guid_Parse_InvalidText_ThrowsFormatExceptionNamingTheTextAndType(string text)
    {
        var exception = Assert.Throws<FormatException>(() => OrderId.Parse(text));

        Assert.That(exception!.Message, Does.Contain($"'{text}'").And.Contain("OrderId").And.Contain("GUID"));
        Assert.That(OrderId.TryParse(text, out var result), Is.False);
        Assert.That(result, Is.EqualTo(default(OrderId)));
    }

    [TestCase("12x")]
    [TestCase("")]
    [TestCase("1.5")]
    [TestCase("99999999999999999999")]
    public void Long_Parse_InvalidText_ThrowsFormatExceptionNamingTheTextAndType(string text)
    {
        var exception = Assert.Throws<FormatException>(() => CustomerNumber.Parse(text));

        Assert.That(exception!.Message, Does.Contain($"'{text}'").And.Contain("CustomerNumber").And.Contain("64-bit integer"));
        Assert.That(CustomerNumber.TryParse(text, out var result), Is.False);
        Assert.That(result, Is.EqualTo(default(CustomerNumber)));
    }

    [Test]
    public void Parse_Null_IsRejected_AndTryParse_Null_ReturnsFalse()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => OrderId.Parse(null!));
            Assert.Throws<ArgumentNullException>(() => CustomerNumber.Parse(null!));
            Assert.Throws<ArgumentNullException>(() => Sku.Parse(null!));
            Assert.That(OrderId.TryParse(null, out _), Is.False);
            Assert.That(CustomerNumber.TryParse(null, out _), Is.False);
            Assert.That(Sku.TryParse(null, out _), Is.False);
        });
    }

    [Test]
    public void String_RejectsNull_AndDefaultHasAnEmptyValue()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _ = new Sku(null!));
            Assert.Throws<ArgumentNullException>(() => Sku.From(null!));
            Assert.That(default(Sku).Value, Is.Empty);
            Assert.That(default(Sku).ToString(), Is.Empty);
            Assert.That(default(Sku).GetHashCode(), Is.EqualTo(new Sku(string.Empty).GetHashCode()));
        });
    }

    [Test]
    public void Ids_ImplementTheStronglyTypedIdContract()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Wrap<OrderId, Guid>(SampleEvents.Order.Value), Is.EqualTo(SampleEvents.Order));
            Assert.That(Wrap<CustomerNumber, long>(77).Value, Is.EqualTo(77L));
            Assert.That(Wrap<Sku, string>("X").Value, Is.EqualTo("X"));
            Assert.That(typeof(IStronglyTypedId<Sku, string>).IsAssignableFrom(typeof(Sku)), Is.True);
        });
    }

    private static void AssertValueEquality<T>(T id, T same, T different)
        where T : struct, IEquatable<T>
    {
        Assert.Multiple(() =>
        {
            Assert.That(id.Equals(same), Is.True);
            Assert.That(id.Equals((object)same), Is.True);
            Assert.That(id.GetHashCode(), Is.EqualTo(same.GetHashCode()));
            Assert.That(id.Equals(different), Is.False);
            Assert.That(id.Equals((object?)null), Is.False);
            Assert.That(id.ToString(), Is.EqualTo(same.ToString()));
        });
    }

    private static T ParseVia<T>(string text)
        where T : ISpanParsable<T> => T.Parse(text.AsSpan(), CultureInfo.InvariantCulture);

    private static TSelf Wrap<TSelf, TValue>(TValue value)
        where TSelf : struct, IStronglyTypedId<TSelf, TValue>
        where TValue : notnull => TSelf.From(value);
}
