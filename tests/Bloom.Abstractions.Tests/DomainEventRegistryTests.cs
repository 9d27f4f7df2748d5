using System.Text;
using System.Text.Json;

namespace Bloom.Abstractions.Tests;

/// <summary>A hand-written event with hand-written JSON code, so these tests need no generator.</summary>
public sealed record Pinged(string Target) : IDomainEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DomainClock.UtcNow;

    public static void Write(Utf8JsonWriter writer, IDomainEvent domainEvent, JsonSerializerOptions options)
    {
        var e = (Pinged)domainEvent;
        writer.WriteStartObject();
        writer.WriteString("target"u8, e.Target);
        writer.WriteString("eventId"u8, e.EventId);
        writer.WriteString("occurredAt"u8, e.OccurredAt);
        writer.WriteEndObject();
    }

    public static IDomainEvent Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        BloomJson.ExpectStartObject(ref reader, nameof(Pinged));
        string? target = null;
        Guid? eventId = null;
        DateTimeOffset? occurredAt = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = BloomJson.GetRequiredString(ref reader, "target");
            }
            else if (reader.ValueTextEquals("eventId"u8))
            {
                reader.Read();
                eventId = reader.GetGuid();
            }
            else if (reader.ValueTextEquals("occurredAt"u8))
            {
                reader.Read();
                occurredAt = reader.GetDateTimeOffset();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Pinged(target ?? throw BloomJson.MissingMember(nameof(Pinged), "target"))
        {
            EventId = eventId ?? throw BloomJson.MissingMember(nameof(Pinged), "eventId"),
            OccurredAt = occurredAt ?? throw BloomJson.MissingMember(nameof(Pinged), "occurredAt"),
        };
    }
}

/// <summary>A second hand-written event: a number only.</summary>
public sealed record Counted(int Count) : IDomainEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DomainClock.UtcNow;

    public static void Write(Utf8JsonWriter writer, IDomainEvent domainEvent, JsonSerializerOptions options)
    {
        var e = (Counted)domainEvent;
        writer.WriteStartObject();
        writer.WriteNumber("count"u8, e.Count);
        writer.WriteString("eventId"u8, e.EventId);
        writer.WriteString("occurredAt"u8, e.OccurredAt);
        writer.WriteEndObject();
    }

    public static IDomainEvent Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return new Counted(root.GetProperty("count").GetInt32())
        {
            EventId = root.GetProperty("eventId").GetGuid(),
            OccurredAt = root.GetProperty("occurredAt").GetDateTimeOffset(),
        };
    }
}

[TestFixture]
public sealed class DomainEventRegistryTests
{
    private static DomainEventType PingedType(string name = "tests.pinged", int version = 1) =>
        new(name, version, typeof(Pinged), Pinged.Write, Pinged.Read);

    private static DomainEventType CountedType(string name = "tests.counted", int version = 2) =>
        new(name, version, typeof(Counted), Counted.Write, Counted.Read);

    // ----- construction -----

    [Test]
    public void A_registry_lists_its_types_in_registration_order()
    {
        var pinged = PingedType();
        var counted = CountedType();

        var registry = new DomainEventRegistry([counted, pinged]);

        Assert.That(registry.Types, Is.EqualTo(new[] { counted, pinged }));
    }

    [Test]
    public void An_empty_registry_is_allowed()
    {
        var registry = new DomainEventRegistry([]);

        Assert.That(registry.Types, Is.Empty);
        Assert.That(registry.TryGet("anything", out _), Is.False);
    }

    [Test]
    public void Two_types_with_the_same_name_are_rejected_naming_both_types_and_the_fix()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new DomainEventRegistry([PingedType("tests.same"), CountedType("tests.same")]));

        Assert.That(ex!.ParamName, Is.EqualTo("types"));
        Assert.That(ex.Message, Does.Contain(typeof(Pinged).FullName)
            .And.Contain(typeof(Counted).FullName)
            .And.Contain("'tests.same'")
            .And.Contain("[DomainEvent(Name = \"...\")]"));
    }

    [Test]
    public void The_same_type_registered_twice_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new DomainEventRegistry([PingedType("tests.pinged"), PingedType("tests.pinged-again")]));

        Assert.That(ex!.ParamName, Is.EqualTo("types"));
        Assert.That(ex.Message, Does.Contain(typeof(Pinged).FullName).And.Contain("registered twice"));
    }

    [Test]
    public void Null_types_are_rejected()
    {
        Assert.That(() => new DomainEventRegistry(null!), Throws.ArgumentNullException);
    }

    // ----- lookup -----

    [Test]
    public void Lookups_by_name_and_by_type_find_the_registration()
    {
        var pinged = PingedType();
        var registry = new DomainEventRegistry([pinged, CountedType()]);

        Assert.That(registry.Get("tests.pinged"), Is.SameAs(pinged));
        Assert.That(registry.Get(typeof(Pinged)), Is.SameAs(pinged));
        Assert.That(registry.TryGet("tests.pinged", out var byName), Is.True);
        Assert.That(byName, Is.SameAs(pinged));
        Assert.That(registry.TryGet(typeof(Pinged), out var byType), Is.True);
        Assert.That(byType, Is.SameAs(pinged));
    }

    [Test]
    public void Names_are_case_sensitive()
    {
        var registry = new DomainEventRegistry([PingedType()]);

        Assert.That(registry.TryGet("TESTS.PINGED", out var type), Is.False);
        Assert.That(type, Is.Null);
    }

    [Test]
    public void Get_of_an_unknown_name_says_how_to_register_it()
    {
        var registry = new DomainEventRegistry([PingedType()]);

        var ex = Assert.Throws<KeyNotFoundException>(() => registry.Get("tests.unknown"));

        Assert.That(ex!.Message, Does.Contain("'tests.unknown'")
            .And.Contain("BloomDomainEvents.Registry")
            .And.Contain("[DomainEvent(Name = \"...\")]"));
    }

    [Test]
    public void Get_of_an_unknown_type_names_it_and_says_how_to_register_it()
    {
        var registry = new DomainEventRegistry([PingedType()]);

        var ex = Assert.Throws<KeyNotFoundException>(() => registry.Get(typeof(Counted)));

        Assert.That(registry.TryGet(typeof(Counted), out _), Is.False);
        Assert.That(ex!.Message, Does.Contain(typeof(Counted).FullName).And.Contain("[DomainEvent]").And.Contain("partial"));
    }

    // ----- combine -----

    [Test]
    public void Combine_merges_the_types_of_every_registry()
    {
        var pinged = PingedType();
        var counted = CountedType();

        var combined = DomainEventRegistry.Combine(new DomainEventRegistry([pinged]), new DomainEventRegistry([counted]));

        Assert.That(combined.Types, Is.EqualTo(new[] { pinged, counted }));
        Assert.That(combined.Get("tests.counted"), Is.SameAs(counted));
        Assert.That(combined.Get(typeof(Pinged)), Is.SameAs(pinged));
    }

    [Test]
    public void Combine_rejects_a_name_used_by_two_registries()
    {
        var a = new DomainEventRegistry([PingedType("tests.clash")]);
        var b = new DomainEventRegistry([CountedType("tests.clash")]);

        Assert.That(() => DomainEventRegistry.Combine(a, b),
            Throws.ArgumentException.With.Message.Contains(typeof(Pinged).FullName).And.Message.Contains(typeof(Counted).FullName));
    }

    [Test]
    public void Combine_of_nothing_is_empty_and_of_null_is_rejected()
    {
        Assert.That(DomainEventRegistry.Combine().Types, Is.Empty);
        Assert.That(() => DomainEventRegistry.Combine(null!), Throws.ArgumentNullException);
    }

    // ----- serialize / deserialize -----

    [Test]
    public void Serialize_writes_through_the_registered_writer_and_returns_the_registration()
    {
        var pinged = PingedType();
        var registry = new DomainEventRegistry([pinged, CountedType()]);
        var e = new Pinged("server-1") { EventId = Guid.Parse("0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f"), OccurredAt = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero) };

        var (type, json) = registry.Serialize(e);

        Assert.That(type, Is.SameAs(pinged));
        Assert.That(Encoding.UTF8.GetString(json), Is.EqualTo(
            "{\"target\":\"server-1\",\"eventId\":\"0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f\",\"occurredAt\":\"2020-01-02T03:04:05+00:00\"}"));
    }

    [Test]
    public void Serialize_then_Deserialize_round_trips_every_registered_type()
    {
        var registry = new DomainEventRegistry([PingedType(), CountedType()]);
        IDomainEvent[] events = [new Pinged("a \"quoted\" ✓ target"), new Counted(-42)];

        foreach (var e in events)
        {
            var (type, json) = registry.Serialize(e);
            var back = registry.Deserialize(type.Name, json);

            Assert.That(back, Is.EqualTo(e));
            Assert.That(back, Is.Not.SameAs(e));
        }
    }

    [Test]
    public void Serialize_and_Deserialize_pass_the_given_options_or_the_defaults()
    {
        var seen = new List<JsonSerializerOptions>();
        var type = new DomainEventType(
            "tests.pinged", 1, typeof(Pinged),
            (writer, e, options) => { seen.Add(options); Pinged.Write(writer, e, options); },
            (ref Utf8JsonReader reader, JsonSerializerOptions options) => { seen.Add(options); return Pinged.Read(ref reader, options); });
        var registry = new DomainEventRegistry([type]);
        var custom = new JsonSerializerOptions();

        var (_, json) = registry.Serialize(new Pinged("x"), custom);
        registry.Deserialize("tests.pinged", json, custom);
        registry.Serialize(new Pinged("y"));
        registry.Deserialize("tests.pinged", json);

        Assert.That(seen, Is.EqualTo(new[] { custom, custom, BloomJson.DefaultOptions, BloomJson.DefaultOptions }));
    }

    [Test]
    public void Deserialize_hands_the_reader_positioned_on_the_start_object()
    {
        JsonTokenType? tokenSeen = null;
        var type = new DomainEventType(
            "tests.pinged", 1, typeof(Pinged), Pinged.Write,
            (ref Utf8JsonReader reader, JsonSerializerOptions options) => { tokenSeen = reader.TokenType; return Pinged.Read(ref reader, options); });
        var registry = new DomainEventRegistry([type]);

        var e = (Pinged)registry.Deserialize("tests.pinged", "  {\"target\":\"t\",\"eventId\":\"0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f\",\"occurredAt\":\"2020-01-02T03:04:05Z\"}"u8);

        Assert.That(tokenSeen, Is.EqualTo(JsonTokenType.StartObject));
        Assert.That(e.Target, Is.EqualTo("t"));
    }

    [Test]
    public void Serialize_of_an_unregistered_event_names_its_type()
    {
        var registry = new DomainEventRegistry([PingedType()]);

        Assert.That(() => registry.Serialize(new Counted(1)),
            Throws.TypeOf<KeyNotFoundException>().With.Message.Contains(typeof(Counted).FullName));
        Assert.That(() => registry.Serialize(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Deserialize_of_an_unknown_name_throws_KeyNotFoundException()
    {
        var registry = new DomainEventRegistry([PingedType()]);

        Assert.That(() => registry.Deserialize("tests.nope", "{}"u8),
            Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("'tests.nope'"));
    }

    [Test]
    public void Deserialize_of_an_empty_payload_throws_JsonException_without_calling_the_reader()
    {
        var readerCalled = false;
        var type = new DomainEventType(
            "tests.pinged", 1, typeof(Pinged), Pinged.Write,
            (ref Utf8JsonReader reader, JsonSerializerOptions options) => { readerCalled = true; return Pinged.Read(ref reader, options); });
        var registry = new DomainEventRegistry([type]);

        // The registry checks for an empty payload itself, so the message names the event (Utf8JsonReader's own error would not).
        Assert.That(() => registry.Deserialize("tests.pinged", ReadOnlySpan<byte>.Empty),
            Throws.InstanceOf<JsonException>().With.Message.Contains("'tests.pinged'").And.Message.Contains("empty"));
        Assert.That(readerCalled, Is.False);
    }

    [Test]
    public void Deserialize_of_a_whitespace_payload_throws_JsonException()
    {
        var registry = new DomainEventRegistry([PingedType()]);

        Assert.That(() => registry.Deserialize("tests.pinged", "   "u8), Throws.InstanceOf<JsonException>().With.Message.Contains("empty"));
    }

    [Test]
    public void Deserialize_surfaces_reader_errors_as_JsonException()
    {
        var registry = new DomainEventRegistry([PingedType()]);

        Assert.That(() => registry.Deserialize("tests.pinged", "[]"u8),
            Throws.InstanceOf<JsonException>().With.Message.Contains("Expected a JSON object for Pinged"));
        Assert.That(() => registry.Deserialize("tests.pinged", "{\"target\":\"x\"}"u8),
            Throws.InstanceOf<JsonException>().With.Message.Contains("no 'eventId' property"));
    }
}

[TestFixture]
public sealed class DomainEventTypeTests
{
    [Test]
    public void A_registration_exposes_its_name_version_and_type_and_calls_its_delegates()
    {
        var type = new DomainEventType("tests.pinged", 3, typeof(Pinged), Pinged.Write, Pinged.Read);
        var e = new Pinged("t");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        using (var writer = new Utf8JsonWriter(buffer))
        {
            type.Write(writer, e, BloomJson.DefaultOptions);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        var back = type.Read(ref reader, BloomJson.DefaultOptions);

        Assert.That(type.Name, Is.EqualTo("tests.pinged"));
        Assert.That(type.SchemaVersion, Is.EqualTo(3));
        Assert.That(type.ClrType, Is.EqualTo(typeof(Pinged)));
        Assert.That(back, Is.EqualTo(e));
        Assert.That(type.ToString(), Is.EqualTo("tests.pinged v3 (Pinged)"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void A_blank_name_is_rejected(string name)
    {
        Assert.That(() => new DomainEventType(name, 1, typeof(Pinged), Pinged.Write, Pinged.Read),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
    }

    [Test]
    public void A_null_name_is_rejected()
    {
        Assert.That(() => new DomainEventType(null!, 1, typeof(Pinged), Pinged.Write, Pinged.Read),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("name"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void A_schema_version_below_1_is_rejected(int version)
    {
        Assert.That(() => new DomainEventType("tests.pinged", version, typeof(Pinged), Pinged.Write, Pinged.Read),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("schemaVersion"));
    }

    [Test]
    public void Null_type_or_delegates_are_rejected()
    {
        Assert.That(() => new DomainEventType("n", 1, null!, Pinged.Write, Pinged.Read),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("clrType"));
        Assert.That(() => new DomainEventType("n", 1, typeof(Pinged), null!, Pinged.Read),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("write"));
        Assert.That(() => new DomainEventType("n", 1, typeof(Pinged), Pinged.Write, null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("read"));
    }
}
