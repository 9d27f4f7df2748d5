using System.Collections.Immutable;
using System.Text.Json;
using Bloom.IntegrationTests.Support;

namespace Bloom.IntegrationTests;

public sealed class JsonRoundTripTests
{
    [Test]
    public void Ids_SerializeAsTheirRawValue_AndRoundTrip()
    {
        var order = OrderId.New();
        var number = new CustomerNumber(long.MinValue);
        var sku = new Sku("SKU \"1\" / é");

        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(order), Is.EqualTo($"\"{order.Value}\""));
            Assert.That(JsonSerializer.Serialize(number), Is.EqualTo("-9223372036854775808"));
            Assert.That(JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(sku)), Is.EqualTo(sku.Value));

            Assert.That(JsonSerializer.Deserialize<OrderId>(JsonSerializer.Serialize(order)), Is.EqualTo(order));
            Assert.That(JsonSerializer.Deserialize<CustomerNumber>(JsonSerializer.Serialize(number)), Is.EqualTo(number));
            Assert.That(JsonSerializer.Deserialize<Sku>(JsonSerializer.Serialize(sku)), Is.EqualTo(sku));
        });
    }

    [Test]
    public void Ids_AsDictionaryKeys_RoundTrip()
    {
        var byOrder = new Dictionary<OrderId, int> { [OrderId.New()] = 1, [OrderId.New()] = 2 };
        var byNumber = new Dictionary<CustomerNumber, string> { [new CustomerNumber(-1)] = "minus one", [new CustomerNumber(long.MaxValue)] = "max" };
        var bySku = new Dictionary<Sku, Money> { [new Sku("A")] = new Money(1m, "EUR"), [new Sku("b c")] = new Money(2.5m, "USD") };

        var orderJson = JsonSerializer.Serialize(byOrder);
        var numberJson = JsonSerializer.Serialize(byNumber);
        var skuJson = JsonSerializer.Serialize(bySku);

        Assert.Multiple(() =>
        {
            Assert.That(orderJson, Does.Contain($"\"{byOrder.Keys.First()}\":1"));
            Assert.That(numberJson, Is.EqualTo("{\"-1\":\"minus one\",\"9223372036854775807\":\"max\"}"));
            Assert.That(skuJson, Does.Contain("\"b c\":{\"amount\":2.5,\"currency\":\"USD\"}"));

            Assert.That(JsonSerializer.Deserialize<Dictionary<OrderId, int>>(orderJson), Is.EquivalentTo(byOrder));
            Assert.That(JsonSerializer.Deserialize<Dictionary<CustomerNumber, string>>(numberJson), Is.EquivalentTo(byNumber));
            Assert.That(JsonSerializer.Deserialize<Dictionary<Sku, Money>>(skuJson), Is.EquivalentTo(bySku));
        });
    }

    [Test]
    [SetCulture("fi-FI")]
    public void LongIdKeys_UseTheInvariantCulture()
    {
        var json = JsonSerializer.Serialize(new Dictionary<CustomerNumber, int> { [new CustomerNumber(-42)] = 1 });

        Assert.That(json, Is.EqualTo("{\"-42\":1}"));
        Assert.That(JsonSerializer.Deserialize<Dictionary<CustomerNumber, int>>(json)!.Keys.Single(), Is.EqualTo(new CustomerNumber(-42)));
    }

    [TestCase("null")]
    [TestCase("42")]
    [TestCase("\"not-a-guid\"")]
    [TestCase("{}")]
    public void GuidId_FromInvalidJson_ThrowsJsonException(string json)
    {
        Assert.That(() => JsonSerializer.Deserialize<OrderId>(json), Throws.InstanceOf<JsonException>());
    }

    [TestCase("null")]
    [TestCase("\"42\"")]
    [TestCase("1.5")]
    public void LongId_FromInvalidJson_ThrowsJsonException(string json)
    {
        Assert.That(() => JsonSerializer.Deserialize<CustomerNumber>(json), Throws.InstanceOf<JsonException>());
    }

    [TestCase("null")]
    [TestCase("42")]
    public void StringId_FromInvalidJson_ThrowsJsonException(string json)
    {
        Assert.That(() => JsonSerializer.Deserialize<Sku>(json), Throws.InstanceOf<JsonException>());
    }

    /// <summary>An unparsable dictionary key is invalid JSON input like an unparsable value, so it should surface as a JsonException too.</summary>
    [Test]
    public void IdDictionaryKey_FromInvalidText_ThrowsJsonException()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => JsonSerializer.Deserialize<Dictionary<OrderId, int>>("{\"not-a-guid\":1}"), Throws.InstanceOf<JsonException>());
            Assert.That(() => JsonSerializer.Deserialize<Dictionary<CustomerNumber, int>>("{\"forty-two\":1}"), Throws.InstanceOf<JsonException>());
        });
    }

    [Test]
    public void PositionalRecord_SerializesAsACamelCaseObject()
    {
        var money = new Money(10.50m, "EUR");

        var json = JsonSerializer.Serialize(money);

        Assert.That(json, Is.EqualTo("{\"amount\":10.50,\"currency\":\"EUR\"}"), "decimal scale is kept");
        var copy = JsonSerializer.Deserialize<Money>(json);
        Assert.That(copy, Is.EqualTo(money));
        Assert.That(copy!.ToString(), Is.EqualTo(money.ToString()));
        Assert.That(JsonSerializer.Deserialize<Money>("{\"currency\":\"EUR\",\"extra\":[1,{}],\"amount\":1}"), Is.EqualTo(new Money(1m, "EUR")));
    }

    [Test]
    public void SingleMemberValueObjects_SerializeAsTheBareValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(new Temperature(-3.5m)), Is.EqualTo("-3.5"));
            Assert.That(JsonSerializer.Deserialize<Temperature>("-3.5"), Is.EqualTo(new Temperature(-3.5m)));
            Assert.That(JsonSerializer.Serialize(new Route(["a", "b"])), Is.EqualTo("[\"a\",\"b\"]"));
            Assert.That(JsonSerializer.Deserialize<Route>("[\"a\",\"b\"]"), Is.EqualTo(new Route(["a", "b"])));
            Assert.That(JsonSerializer.Deserialize<Route>("[]"), Is.EqualTo(new Route(ImmutableArray<string>.Empty)));
            Assert.That(JsonSerializer.Serialize<Temperature?>(null), Is.EqualTo("null"));
        });
    }

    [Test]
    public void CollectionMembers_RoundTrip()
    {
        var tags = new TagList(["x", "y", "x"], [3, -2, 1]);
        var sheet = new ProductSheet(["one", "two"], new HashSet<string> { "p", "q" }, new Dictionary<string, int> { ["ams"] = 4, ["ber"] = 0 });

        var tagsJson = JsonSerializer.Serialize(tags);
        var sheetJson = JsonSerializer.Serialize(sheet);

        Assert.Multiple(() =>
        {
            Assert.That(tagsJson, Is.EqualTo("{\"names\":[\"x\",\"y\",\"x\"],\"scores\":[3,-2,1]}"));
            Assert.That(JsonSerializer.Deserialize<TagList>(tagsJson), Is.EqualTo(tags));
            Assert.That(JsonSerializer.Deserialize<ProductSheet>(sheetJson), Is.EqualTo(sheet));
            Assert.That(sheetJson, Does.Contain("\"stock\":{\"ams\":4,\"ber\":0}"));
        });
    }

    [Test]
    public void NullableMember_IsWrittenAsNull_AndOptionalWhenReading()
    {
        var name = new PersonName("Ada", null, "Lovelace");

        var json = JsonSerializer.Serialize(name);

        Assert.Multiple(() =>
        {
            Assert.That(json, Is.EqualTo("{\"first\":\"Ada\",\"middle\":null,\"last\":\"Lovelace\"}"));
            Assert.That(JsonSerializer.Deserialize<PersonName>(json), Is.EqualTo(name));
            Assert.That(JsonSerializer.Deserialize<PersonName>("{\"first\":\"Ada\",\"last\":\"Lovelace\"}"), Is.EqualTo(name));
            Assert.That(JsonSerializer.Deserialize<PersonName>("{\"first\":\"Ada\",\"middle\":\"K\",\"last\":\"Lovelace\"}")!.Middle, Is.EqualTo("K"));
        });
    }

    [Test]
    public void MissingRequiredMember_ThrowsJsonExceptionNamingIt()
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PersonName>("{\"first\":\"Ada\",\"middle\":null}"));
        Assert.That(exception!.Message, Does.Contain("'last'").And.Contain("PersonName"));

        var money = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Money>("{\"amount\":1}"));
        Assert.That(money!.Message, Does.Contain("'currency'"));

        Assert.That(() => JsonSerializer.Deserialize<Coordinates>("{\"latitude\":1}"), Throws.InstanceOf<JsonException>().With.Message.Contain("'longitude'"));
        Assert.That(() => JsonSerializer.Deserialize<Money>("[1,\"EUR\"]"), Throws.InstanceOf<JsonException>().With.Message.Contain("Money"));
    }

    [Test]
    public void Struct_RoundTrips()
    {
        var coordinates = new Coordinates(-33.8688, 151.2093);

        var json = JsonSerializer.Serialize(coordinates);

        Assert.That(json, Is.EqualTo("{\"latitude\":-33.8688,\"longitude\":151.2093}"));
        Assert.That(JsonSerializer.Deserialize<Coordinates>(json), Is.EqualTo(coordinates));
    }

    [Test]
    public void DomainModelTypes_NestInsidePlainDtos()
    {
        var dto = new OrderSnapshot(
            OrderId.New(),
            new CustomerNumber(12),
            null,
            [new Sku("A"), new Sku("B")],
            new Dictionary<Sku, Money> { [new Sku("A")] = new Money(1m, "EUR") },
            new Temperature(4m),
            null);

        var json = JsonSerializer.Serialize(dto);
        var copy = JsonSerializer.Deserialize<OrderSnapshot>(json)!;

        Assert.Multiple(() =>
        {
            Assert.That(copy.Id, Is.EqualTo(dto.Id));
            Assert.That(copy.Customer, Is.EqualTo(dto.Customer));
            Assert.That(copy.Referrer, Is.Null);
            Assert.That(copy.Skus, Is.EqualTo(dto.Skus).AsCollection);
            Assert.That(copy.Prices, Is.EquivalentTo(dto.Prices));
            Assert.That(copy.Storage, Is.EqualTo(dto.Storage));
            Assert.That(copy.Name, Is.Null);
        });
    }

    [TestCaseSource(typeof(SampleEvents), nameof(SampleEvents.Cases))]
    public void Events_RoundTripThroughJsonSerializer_WithTheirOwnConverter(IDomainEvent original)
    {
        var type = original.GetType();

        var json = JsonSerializer.Serialize(original, type);
        var copy = (IDomainEvent)JsonSerializer.Deserialize(json, type)!;

        SampleEvents.AssertSameEvent(original, copy);
        Assert.That(json, Is.EqualTo(System.Text.Encoding.UTF8.GetString(BloomDomainEvents.Registry.Serialize(original, JsonSerializerOptions.Default).Json)), "same JSON as the registry writes");
    }

    public sealed record OrderSnapshot(
        OrderId Id,
        CustomerNumber Customer,
        CustomerNumber? Referrer,
        List<Sku> Skus,
        Dictionary<Sku, Money> Prices,
        Temperature Storage,
        PersonName? Name);
}
