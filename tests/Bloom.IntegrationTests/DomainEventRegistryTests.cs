using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bloom.IntegrationTests.Support;

namespace Bloom.IntegrationTests;

public sealed class DomainEventRegistryTests
{
    private static readonly Type[] DeclaredEventTypes =
    [
        typeof(OrderPlaced), typeof(OrderLineAdded), typeof(OrderCancelled), typeof(ShipmentScheduled),
        typeof(CustomerRenamed), typeof(Billing.InvoiceIssued), typeof(SubscriptionStarted), typeof(SubscriptionUpgraded),
        typeof(AccountOpened), typeof(MoneyDeposited), typeof(MoneyWithdrawn), typeof(AccountFrozen),
        typeof(ProductListed), typeof(StockCounted),
    ];

    private static DomainEventRegistry Registry => BloomDomainEvents.Registry;

    [Test]
    public void Registry_ListsEveryDeclaredEventType_Once()
    {
        Assert.That(Registry.Types.Select(static t => t.ClrType), Is.EquivalentTo(DeclaredEventTypes));
        Assert.That(Registry.Types.Select(static t => t.Name), Is.Unique);
        Assert.That(SampleEvents.All().Select(static e => e.GetType()).Distinct(), Is.EquivalentTo(DeclaredEventTypes), "the samples cover every type");
    }

    [Test]
    public void Registry_MapsNamesAndTypesBothWays()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Registry.Get("OrderPlaced").ClrType, Is.EqualTo(typeof(OrderPlaced)));
            Assert.That(Registry.Get(typeof(OrderPlaced)).Name, Is.EqualTo(OrderPlaced.EventTypeName));
            Assert.That(Registry.Get("shipping.shipment-scheduled").ClrType, Is.EqualTo(typeof(ShipmentScheduled)));
            Assert.That(Registry.Get(typeof(ShipmentScheduled)).SchemaVersion, Is.EqualTo(2));
            Assert.That(Registry.Get("Billing.InvoiceIssued").ClrType, Is.EqualTo(typeof(Billing.InvoiceIssued)));
            Assert.That(Registry.TryGet("CustomerRenamed", out var byName), Is.True);
            Assert.That(byName!.ClrType, Is.EqualTo(typeof(CustomerRenamed)));
            Assert.That(Registry.TryGet(typeof(AccountFrozen), out var byType), Is.True);
            Assert.That(byType!.Name, Is.EqualTo("AccountFrozen"));
            Assert.That(Registry.TryGet("ShipmentScheduled", out _), Is.False, "a custom name replaces the type name");
        });

        foreach (var type in Registry.Types)
        {
            Assert.That(Registry.Get(type.Name), Is.SameAs(type));
            Assert.That(Registry.Get(type.ClrType), Is.SameAs(type));
        }
    }

    [Test]
    public void Registry_NamesAndVersions_MatchTheGeneratedConstants()
    {
        var constants = new Dictionary<Type, (string Name, int Version)>
        {
            [typeof(OrderPlaced)] = (OrderPlaced.EventTypeName, OrderPlaced.EventSchemaVersion),
            [typeof(OrderLineAdded)] = (OrderLineAdded.EventTypeName, OrderLineAdded.EventSchemaVersion),
            [typeof(OrderCancelled)] = (OrderCancelled.EventTypeName, OrderCancelled.EventSchemaVersion),
            [typeof(ShipmentScheduled)] = (ShipmentScheduled.EventTypeName, ShipmentScheduled.EventSchemaVersion),
            [typeof(CustomerRenamed)] = (CustomerRenamed.EventTypeName, CustomerRenamed.EventSchemaVersion),
            [typeof(Billing.InvoiceIssued)] = (Billing.InvoiceIssued.EventTypeName, Billing.InvoiceIssued.EventSchemaVersion),
            [typeof(SubscriptionStarted)] = (SubscriptionStarted.EventTypeName, SubscriptionStarted.EventSchemaVersion),
            [typeof(SubscriptionUpgraded)] = (SubscriptionUpgraded.EventTypeName, SubscriptionUpgraded.EventSchemaVersion),
            [typeof(AccountOpened)] = (AccountOpened.EventTypeName, AccountOpened.EventSchemaVersion),
            [typeof(MoneyDeposited)] = (MoneyDeposited.EventTypeName, MoneyDeposited.EventSchemaVersion),
            [typeof(MoneyWithdrawn)] = (MoneyWithdrawn.EventTypeName, MoneyWithdrawn.EventSchemaVersion),
            [typeof(AccountFrozen)] = (AccountFrozen.EventTypeName, AccountFrozen.EventSchemaVersion),
            [typeof(ProductListed)] = (ProductListed.EventTypeName, ProductListed.EventSchemaVersion),
            [typeof(StockCounted)] = (StockCounted.EventTypeName, StockCounted.EventSchemaVersion),
        };

        foreach (var type in Registry.Types)
        {
            Assert.That((type.Name, type.SchemaVersion), Is.EqualTo(constants[type.ClrType]), type.ClrType.Name);
        }
    }

    [TestCaseSource(typeof(SampleEvents), nameof(SampleEvents.Cases))]
    public void EveryEvent_RoundTripsThroughNameAndJson(IDomainEvent original)
    {
        var (type, json) = Registry.Serialize(original);

        Assert.That(type.ClrType, Is.EqualTo(original.GetType()));
        Assert.That(Registry.Get(type.Name), Is.SameAs(type));

        var copy = Registry.Deserialize(type.Name, json);

        SampleEvents.AssertSameEvent(original, copy);
        Assert.That(Registry.Serialize(copy).Json, Is.EqualTo(json), "serializing the copy gives the same bytes");
    }

    [TestCaseSource(typeof(SampleEvents), nameof(SampleEvents.Cases))]
    public void EveryEvent_IsACamelCaseJsonObject_WithItsEnvelopeMembers(IDomainEvent original)
    {
        var json = JsonNode.Parse(Registry.Serialize(original).Json)!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(json["eventId"]!.GetValue<Guid>(), Is.EqualTo(original.EventId));
            Assert.That(json["occurredAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(original.OccurredAt));
            Assert.That(json.Select(static p => p.Key), Has.All.Matches<string>(static k => char.IsLower(k[0])), "camelCase names");
        });
    }

    [TestCaseSource(typeof(SampleEvents), nameof(SampleEvents.Cases))]
    public void EveryEvent_ReadsBack_WithPropertiesInAnyOrder_AndUnknownPropertiesIgnored(IDomainEvent original)
    {
        var json = JsonNode.Parse(Registry.Serialize(original).Json)!.AsObject();
        var reordered = new JsonObject { ["aFutureMember"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) } };
        foreach (var property in json.Reverse().ToList())
        {
            reordered[property.Key] = property.Value?.DeepClone();
        }

        reordered["zzzUnknown"] = "ignored";

        var copy = Registry.Deserialize(Registry.Get(original.GetType()).Name, Encoding.UTF8.GetBytes(reordered.ToJsonString()));

        SampleEvents.AssertSameEvent(original, copy);
    }

    [Test]
    public void Serialize_WritesMembersInTheirJsonShapes()
    {
        var scheduled = SampleEvents.All().OfType<ShipmentScheduled>().First();

        var json = JsonNode.Parse(Registry.Serialize(scheduled).Json)!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(json["orderId"]!.GetValue<string>(), Is.EqualTo(SampleEvents.Order.ToString()));
            Assert.That(json["shipOn"]!.GetValue<string>(), Is.EqualTo("2025-12-31"));
            Assert.That(json["speed"]!.GetValue<string>(), Is.EqualTo("SameDay"), "enums by name");
            Assert.That(json["note"]!.GetValue<string>(), Is.EqualTo("leave at the door"));
            Assert.That(json["items"]!.AsArray().Select(static i => i!.GetValue<string>()), Is.EqualTo(new[] { "A-1", "B-2", "A-1" }).AsCollection);
            Assert.That(json["weightKg"]!.GetValue<decimal>(), Is.EqualTo(12.345m));
            Assert.That(json["destination"]!["latitude"]!.GetValue<double>(), Is.EqualTo(52.37));
            Assert.That(json["maxTemperature"]!.GetValue<decimal>(), Is.EqualTo(-18.5m), "single-member value object as its bare value");
            Assert.That(json["priority"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(json["tags"]!["scores"]!.AsArray().Select(static i => i!.GetValue<int>()), Is.EqualTo(new[] { 5, -1, 0 }).AsCollection);
            Assert.That(json["route"]!.AsArray(), Has.Count.EqualTo(3));
        });

        var empty = SampleEvents.All().OfType<ShipmentScheduled>().Last();
        var emptyJson = JsonNode.Parse(Registry.Serialize(empty).Json)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(emptyJson.ContainsKey("note") && emptyJson["note"] is null, Is.True, "null members are written as null");
            Assert.That(emptyJson["maxTemperature"], Is.Null);
            Assert.That(emptyJson["replacesOrder"], Is.Null);
            Assert.That(emptyJson["items"]!.AsArray(), Is.Empty);
        });

        var placed = JsonNode.Parse(Registry.Serialize(new OrderPlaced(SampleEvents.Order, SampleEvents.Customer, SampleEvents.Ada, "EUR")).Json)!;
        Assert.That(placed["customer"]!.GetValue<long>(), Is.EqualTo(SampleEvents.Customer.Value), "long ids as numbers");
    }

    /// <summary>
    /// Members Bloom does not write itself (here the IReadOnlyDictionary inside ProductSheet) go through the options' type-info
    /// resolver. BloomJson.DefaultOptions, used when the caller passes no options, must be able to resolve them when reflection
    /// is available (its docs only warn about NativeAOT).
    /// </summary>
    [Test]
    public void SerializeAndDeserialize_WithDefaultOptions_HandleMembersThatFallBackToJsonSerializer()
    {
        var counted = new StockCounted(new Sku("S"), new ProductSheet(["l"], new HashSet<string> { "x" }, new Dictionary<string, int> { ["ams"] = 2 }));

        var explicitOptions = Registry.Serialize(counted, JsonSerializerOptions.Default);
        Assert.That(Registry.Deserialize(StockCounted.EventTypeName, explicitOptions.Json, JsonSerializerOptions.Default), Is.EqualTo(counted), "with explicit reflection-based options");

        (DomainEventType Type, byte[] Json) defaultOptions = default;
        Assert.That(() => defaultOptions = Registry.Serialize(counted), Throws.Nothing, "with the default options");
        Assert.That(defaultOptions.Json, Is.EqualTo(explicitOptions.Json));
        Assert.That(() => Registry.Deserialize(StockCounted.EventTypeName, explicitOptions.Json), Throws.Nothing);
    }

    [Test]
    public void Deserialize_UnknownName_ThrowsKeyNotFoundWithAHelpfulMessage()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => Registry.Deserialize("ordering.order-vanished", "{}"u8));

        Assert.That(exception!.Message, Does.Contain("'ordering.order-vanished'")
            .And.Contain("BloomDomainEvents.Registry")
            .And.Contain("[DomainEvent(Name = "));
        Assert.That(Registry.TryGet("ordering.order-vanished", out var none), Is.False);
        Assert.That(none, Is.Null);
    }

    [Test]
    public void Serialize_UnregisteredEventType_ThrowsKeyNotFoundNamingTheType()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => Registry.Serialize(new HandWrittenEvent()));

        Assert.That(exception!.Message, Does.Contain(typeof(HandWrittenEvent).FullName).And.Contain("[DomainEvent]"));
        Assert.Throws<KeyNotFoundException>(() => Registry.Get(typeof(string)));
        Assert.Throws<ArgumentNullException>(() => Registry.Serialize(null!));
    }

    [TestCase("orderId")]
    [TestCase("quantity")]
    [TestCase("unitPrice")]
    [TestCase("eventId")]
    [TestCase("occurredAt")]
    public void Deserialize_MissingRequiredMember_ThrowsJsonExceptionNamingIt(string member)
    {
        var line = new OrderLineAdded(SampleEvents.Order, new Sku("A"), 2, new Money(1m, "EUR"));
        var json = JsonNode.Parse(Registry.Serialize(line).Json)!.AsObject();
        Assert.That(json.Remove(member), Is.True, "precondition: the member is serialized under this name");

        var exception = Assert.Throws<JsonException>(() => Registry.Deserialize(OrderLineAdded.EventTypeName, Encoding.UTF8.GetBytes(json.ToJsonString())));

        Assert.That(exception!.Message, Does.Contain($"'{member}'").And.Contain("OrderLineAdded"));
    }

    [Test]
    public void Deserialize_MissingNullableMembers_DefaultToNull()
    {
        var scheduled = SampleEvents.All().OfType<ShipmentScheduled>().First();
        var json = JsonNode.Parse(Registry.Serialize(scheduled).Json)!.AsObject();
        json.Remove("note");
        json.Remove("maxTemperature");
        json.Remove("priority");
        json.Remove("replacesOrder");

        var copy = (ShipmentScheduled)Registry.Deserialize(ShipmentScheduled.EventTypeName, Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Multiple(() =>
        {
            Assert.That(copy.Note, Is.Null);
            Assert.That(copy.MaxTemperature, Is.Null);
            Assert.That(copy.Priority, Is.Null);
            Assert.That(copy.ReplacesOrder, Is.Null);
            Assert.That(copy.Route, Is.EqualTo(scheduled.Route));
            Assert.That(copy.EventId, Is.EqualTo(scheduled.EventId));
        });
    }

    [Test]
    public void Deserialize_ClassEvent_MissingOptionalInitMember_DefaultsToNull()
    {
        var renamed = new CustomerRenamed { Customer = new CustomerNumber(3), NewName = SampleEvents.Ada, PreviousName = SampleEvents.Grace };
        var json = JsonNode.Parse(Registry.Serialize(renamed).Json)!.AsObject();
        json.Remove("previousName");

        var copy = (CustomerRenamed)Registry.Deserialize(CustomerRenamed.EventTypeName, Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.That(copy.PreviousName, Is.Null);
        Assert.That(copy.NewName, Is.EqualTo(SampleEvents.Ada));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("[]")]
    [TestCase("42")]
    [TestCase("{\"orderId\":")]
    public void Deserialize_MalformedPayload_ThrowsJsonException(string payload)
    {
        Assert.That(() => Registry.Deserialize(OrderCancelled.EventTypeName, Encoding.UTF8.GetBytes(payload)), Throws.InstanceOf<JsonException>());
    }

    /// <summary>A stored payload whose member has the wrong JSON type is corrupt input, like a missing member: it should surface as a JsonException.</summary>
    [TestCase("quantity", "\"three\"")]
    [TestCase("orderId", "12")]
    [TestCase("eventId", "\"not-a-guid\"")]
    [TestCase("sku", "null")]
    public void Deserialize_MemberOfTheWrongJsonType_ThrowsJsonException(string member, string value)
    {
        var line = new OrderLineAdded(SampleEvents.Order, new Sku("A"), 2, new Money(1m, "EUR"));
        var json = JsonNode.Parse(Registry.Serialize(line).Json)!.AsObject();
        json[member] = JsonNode.Parse(value);

        Assert.That(
            () => Registry.Deserialize(OrderLineAdded.EventTypeName, Encoding.UTF8.GetBytes(json.ToJsonString())),
            Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void Deserialize_InvalidEnumName_ThrowsJsonException()
    {
        var cancelled = new OrderCancelled(SampleEvents.Order, "r", CancellationKind.Fraud);
        var json = JsonNode.Parse(Registry.Serialize(cancelled).Json)!.AsObject();
        json["kind"] = "Sabotage";

        var exception = Assert.Throws<JsonException>(() => Registry.Deserialize(OrderCancelled.EventTypeName, Encoding.UTF8.GetBytes(json.ToJsonString())));

        Assert.That(exception!.Message, Does.Contain("Sabotage").And.Contain(nameof(CancellationKind)));

        json["kind"] = 2;
        var byNumber = (OrderCancelled)Registry.Deserialize(OrderCancelled.EventTypeName, Encoding.UTF8.GetBytes(json.ToJsonString()));
        Assert.That(byNumber.Kind, Is.EqualTo(CancellationKind.OutOfStock), "enums are also read by number");
    }

    [Test]
    public void Combine_MergesRegistries_AndRejectsDuplicateNames()
    {
        var extra = new DomainEventRegistry(
        [
            new DomainEventType("tests.hand-written", 3, typeof(HandWrittenEvent), static (writer, _, _) => writer.WriteStartObject(), static (ref reader, _) => new HandWrittenEvent()),
        ]);

        var combined = DomainEventRegistry.Combine(Registry, extra);

        Assert.Multiple(() =>
        {
            Assert.That(combined.Types, Has.Count.EqualTo(Registry.Types.Count + 1));
            Assert.That(combined.Get("tests.hand-written").SchemaVersion, Is.EqualTo(3));
            Assert.That(combined.Get(typeof(OrderPlaced)).Name, Is.EqualTo("OrderPlaced"));
        });

        var duplicate = Assert.Throws<ArgumentException>(() => DomainEventRegistry.Combine(Registry, Registry));
        Assert.That(duplicate!.Message, Does.Contain("[DomainEvent(Name = "));
    }

    private sealed class HandWrittenEvent : IDomainEvent
    {
        public Guid EventId { get; } = Guid.CreateVersion7();

        public DateTimeOffset OccurredAt { get; } = DateTimeOffset.UnixEpoch;
    }
}
