using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Bloom.Runtime.Tests.Messaging;

[TestFixture]
public sealed class EventEnvelopeSerializerTests
{
    private static readonly DateTimeOffset Start = new(2031, 5, 17, 9, 30, 15, 123, TimeSpan.Zero);

    private static EventEnvelopeSerializer CreateSerializer() => new(Bloom.Runtime.Tests.BloomDomainEvents.Registry);

    private static long UnixMillisecondsOf(Guid uuidV7) =>
        long.Parse(uuidV7.ToString("N")[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [Test]
    public void The_generated_registry_of_the_test_assembly_knows_the_test_events()
    {
        var names = Bloom.Runtime.Tests.BloomDomainEvents.Registry.Types.Select(static t => t.Name).Order(StringComparer.Ordinal);

        Assert.That(names, Is.EqualTo(new[] { "CartCheckedOut", "tests.cart-opened", "tests.item-added" }));
    }

    [Test]
    public void Wrap_then_Unwrap_returns_an_equal_event()
    {
        var serializer = CreateSerializer();
        var original = new ItemAdded(CartId.New(), "BOOK-DDD", 3, 45.50m, "gift \"wrapped\" ✓");

        var roundTripped = serializer.Unwrap(serializer.Wrap(original));

        Assert.That(roundTripped, Is.TypeOf<ItemAdded>());
        Assert.That(roundTripped, Is.EqualTo(original));
        Assert.That(roundTripped, Is.Not.SameAs(original));
        Assert.That(roundTripped.EventId, Is.EqualTo(original.EventId));
        Assert.That(roundTripped.OccurredAt, Is.EqualTo(original.OccurredAt));
    }

    [Test]
    public void Round_trip_keeps_null_members_and_every_event_type()
    {
        var serializer = CreateSerializer();
        var id = CartId.New();
        IDomainEvent[] events = [new CartOpened(id, "ada"), new ItemAdded(id, "MUG", 1, 9.90m, null), new CartCheckedOut(id)];

        var back = events.Select(e => serializer.Unwrap(serializer.Wrap(e))).ToArray();

        Assert.That(back, Is.EqualTo(events));
        Assert.That(((ItemAdded)back[1]).Note, Is.Null);
    }

    [Test]
    public void Round_trip_works_through_a_copy_of_the_stored_fields()
    {
        // As an outbox would: store the fields, read them back into a new envelope over a new buffer.
        var serializer = CreateSerializer();
        var original = new CartOpened(CartId.New(), "grace");
        var sent = serializer.Wrap(original, "corr-1", "cause-1");

        var stored = new EventEnvelope(
            sent.MessageId, sent.EventId, sent.EventType, sent.SchemaVersion, sent.OccurredAt,
            sent.Payload.ToArray(), sent.CorrelationId, sent.CausationId);

        Assert.That(stored, Is.EqualTo(sent));
        Assert.That(serializer.Unwrap(stored), Is.EqualTo(original));
    }

    [Test]
    public void Wrap_sets_type_name_schema_version_event_id_and_occurred_at_from_the_domain_clock()
    {
        var serializer = CreateSerializer();
        var clock = new FakeTimeProvider(Start);
        using var _ = DomainClock.Use(clock);
        var itemAdded = new ItemAdded(CartId.New(), "SKU-1", 2, 1.25m, null);
        var checkedOut = new CartCheckedOut(itemAdded.CartId);

        var first = serializer.Wrap(itemAdded);
        var second = serializer.Wrap(checkedOut);

        Assert.Multiple(() =>
        {
            Assert.That(first.EventType, Is.EqualTo("tests.item-added"));
            Assert.That(first.SchemaVersion, Is.EqualTo(2));
            Assert.That(first.EventId, Is.EqualTo(itemAdded.EventId));
            Assert.That(first.OccurredAt, Is.EqualTo(Start));
            Assert.That(second.EventType, Is.EqualTo("CartCheckedOut"));
            Assert.That(second.SchemaVersion, Is.EqualTo(1));
            Assert.That(second.EventId, Is.EqualTo(checkedOut.EventId));
            Assert.That(first.CorrelationId, Is.Null);
            Assert.That(first.CausationId, Is.Null);
        });
    }

    [Test]
    public void OccurredAt_is_when_the_event_happened_not_when_it_was_wrapped()
    {
        var serializer = CreateSerializer();
        var clock = new FakeTimeProvider(Start);
        using var _ = DomainClock.Use(clock);
        var opened = new CartOpened(CartId.New(), "ada");

        clock.Advance(TimeSpan.FromMinutes(5));
        var envelope = serializer.Wrap(opened);

        Assert.That(envelope.OccurredAt, Is.EqualTo(Start));
        Assert.That(UnixMillisecondsOf(envelope.MessageId), Is.EqualTo(Start.AddMinutes(5).ToUnixTimeMilliseconds()),
            "the message id is stamped when the message is created");
    }

    [Test]
    public void Payload_is_the_registry_json_of_the_event()
    {
        var serializer = CreateSerializer();
        var e = new ItemAdded(CartId.New(), "SKU-9", 7, 0.10m, "n");

        var envelope = serializer.Wrap(e);
        var (_, expected) = Bloom.Runtime.Tests.BloomDomainEvents.Registry.Serialize(e);

        Assert.That(envelope.Payload.ToArray(), Is.EqualTo(expected));
        using var json = JsonDocument.Parse(envelope.Payload);
        Assert.That(json.RootElement.GetProperty("sku").GetString(), Is.EqualTo("SKU-9"));
        Assert.That(json.RootElement.GetProperty("quantity").GetInt32(), Is.EqualTo(7));
        Assert.That(json.RootElement.GetProperty("eventId").GetGuid(), Is.EqualTo(e.EventId));
    }

    [Test]
    public void Message_ids_are_unique_version_7_uuids_over_10000_wraps()
    {
        var serializer = CreateSerializer();
        var e = new CartOpened(CartId.New(), "ada");
        var ids = new HashSet<Guid>();

        for (var i = 0; i < 10_000; i++)
        {
            var id = serializer.Wrap(e).MessageId;
            Assert.That(id.Version, Is.EqualTo(7), $"message id {id}");
            Assert.That(id.Variant & 0xC, Is.EqualTo(0x8), $"message id {id} must have the RFC 9562 variant");
            Assert.That(ids.Add(id), Is.True, $"message id {id} was produced twice");
        }

        Assert.That(ids, Has.Count.EqualTo(10_000));
        Assert.That(ids, Does.Not.Contain(e.EventId), "the message id is new, not the event id");
    }

    [Test]
    public void Message_ids_stay_unique_when_wrapped_concurrently_with_a_frozen_clock()
    {
        var serializer = CreateSerializer();
        var clock = new FakeTimeProvider(Start);
        var e = new CartOpened(CartId.New(), "ada");
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using var scope = DomainClock.Use(clock);
            for (var i = 0; i < 2_500; i++)
            {
                ids.Add(serializer.Wrap(e).MessageId);
            }
        });

        Assert.That(ids, Has.Count.EqualTo(10_000));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(10_000));
        Assert.That(ids.Select(UnixMillisecondsOf).Distinct(), Is.EqualTo(new[] { Start.ToUnixTimeMilliseconds() }));
    }

    [Test]
    public void Message_ids_sort_in_creation_order_when_time_advances()
    {
        var serializer = CreateSerializer();
        var clock = new FakeTimeProvider(Start);
        using var _ = DomainClock.Use(clock);
        var e = new CartCheckedOut(CartId.New());
        var ids = new List<Guid>();

        for (var i = 0; i < 100; i++)
        {
            ids.Add(serializer.Wrap(e).MessageId);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.That(ids, Is.Ordered);
        Assert.That(UnixMillisecondsOf(ids[0]), Is.EqualTo(Start.ToUnixTimeMilliseconds()));
    }

    [Test]
    public void Correlation_and_causation_ids_are_carried()
    {
        var serializer = CreateSerializer();

        var envelope = serializer.Wrap(new CartOpened(CartId.New(), "ada"), correlationId: "req-42", causationId: "cmd-7");

        Assert.That(envelope.CorrelationId, Is.EqualTo("req-42"));
        Assert.That(envelope.CausationId, Is.EqualTo("cmd-7"));
    }

    [Test]
    public void A_follow_up_message_can_name_the_previous_message_as_its_cause()
    {
        var serializer = CreateSerializer();
        var first = serializer.Wrap(new CartOpened(CartId.New(), "ada"), correlationId: "req-1");

        var second = serializer.Wrap(new CartCheckedOut(CartId.New()), first.CorrelationId, first.MessageId.ToString());

        Assert.That(second.CorrelationId, Is.EqualTo("req-1"));
        Assert.That(second.CausationId, Is.EqualTo(first.MessageId.ToString()));
        Assert.That(second.MessageId, Is.Not.EqualTo(first.MessageId));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Blank_correlation_or_causation_ids_are_rejected(string blank)
    {
        var serializer = CreateSerializer();
        var e = new CartOpened(CartId.New(), "ada");

        var correlation = Assert.Throws<ArgumentException>(() => serializer.Wrap(e, correlationId: blank));
        var causation = Assert.Throws<ArgumentException>(() => serializer.Wrap(e, causationId: blank));

        Assert.That(correlation!.ParamName, Is.EqualTo("correlationId"));
        Assert.That(correlation.Message, Does.Contain("null (none) or a non-blank string"));
        Assert.That(causation!.ParamName, Is.EqualTo("causationId"));
    }

    [Test]
    public void Null_arguments_are_rejected_with_their_names()
    {
        var serializer = CreateSerializer();

        Assert.That(() => new EventEnvelopeSerializer(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("registry"));
        Assert.That(() => serializer.Wrap(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("domainEvent"));
        Assert.That(() => serializer.WrapAll(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("aggregate"));
        Assert.That(() => serializer.Unwrap(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("envelope"));
    }

    [Test]
    public void Wrapping_an_event_with_an_empty_id_is_rejected()
    {
        var serializer = CreateSerializer();
        var e = new CartOpened(CartId.New(), "ada") { EventId = Guid.Empty };

        var ex = Assert.Throws<ArgumentException>(() => serializer.Wrap(e));

        Assert.That(ex!.ParamName, Is.EqualTo("domainEvent"));
        Assert.That(ex.Message, Does.Contain("CartOpened").And.Contain("empty EventId"));
    }

    [Test]
    public void Wrapping_an_unregistered_event_type_names_it_and_the_fix()
    {
        var serializer = CreateSerializer();

        var ex = Assert.Throws<KeyNotFoundException>(() => serializer.Wrap(new UnregisteredEvent(Guid.CreateVersion7(), Start)));

        Assert.That(ex!.Message, Does.Contain(typeof(UnregisteredEvent).FullName).And.Contain("[DomainEvent]"));
    }

    [Test]
    public void Unwrapping_an_unknown_event_type_names_the_message_the_type_and_the_fix()
    {
        var serializer = CreateSerializer();
        var envelope = serializer.Wrap(new CartOpened(CartId.New(), "ada")) with { EventType = "tests.cart-abandoned" };

        var ex = Assert.Throws<KeyNotFoundException>(() => serializer.Unwrap(envelope));

        Assert.That(ex!.Message, Does.Contain("'tests.cart-abandoned'")
            .And.Contain(envelope.MessageId.ToString())
            .And.Contain("BloomDomainEvents.Registry")
            .And.Contain("[DomainEvent(Name"));
    }

    [Test]
    public void Unwrapping_with_a_registry_that_lacks_the_type_fails_even_if_the_wrapping_one_had_it()
    {
        var sender = CreateSerializer();
        var receiver = new EventEnvelopeSerializer(new DomainEventRegistry([]));
        var envelope = sender.Wrap(new CartCheckedOut(CartId.New()));

        Assert.That(() => receiver.Unwrap(envelope), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("'CartCheckedOut'"));
    }

    [Test]
    public void Unwrapping_an_older_schema_version_asks_for_an_upcaster()
    {
        var serializer = CreateSerializer();
        var envelope = serializer.Wrap(new ItemAdded(CartId.New(), "SKU", 1, 1m, null)) with { SchemaVersion = 1 };

        var ex = Assert.Throws<InvalidOperationException>(() => serializer.Unwrap(envelope));

        Assert.That(ex!.Message, Does.Contain("'tests.item-added'")
            .And.Contain("schema version 1")
            .And.Contain("registered at schema version 2")
            .And.Contain("upcaster from v1 to v2")
            .And.Contain(typeof(ItemAdded).FullName)
            .And.Contain(envelope.MessageId.ToString()));
    }

    [Test]
    public void Unwrapping_a_newer_schema_version_says_the_consumer_is_out_of_date()
    {
        var serializer = CreateSerializer();
        var envelope = serializer.Wrap(new ItemAdded(CartId.New(), "SKU", 1, 1m, null)) with { SchemaVersion = 3 };

        var ex = Assert.Throws<InvalidOperationException>(() => serializer.Unwrap(envelope));

        Assert.That(ex!.Message, Does.Contain("schema version 3")
            .And.Contain("registered at schema version 2")
            .And.Contain("newer version of the application"));
    }

    [Test]
    public void Unwrapping_a_payload_that_belongs_to_another_event_is_rejected()
    {
        var serializer = CreateSerializer();
        var envelope = serializer.Wrap(new CartOpened(CartId.New(), "ada")) with { EventId = Guid.CreateVersion7() };

        var ex = Assert.Throws<InvalidOperationException>(() => serializer.Unwrap(envelope));

        Assert.That(ex!.Message, Does.Contain(envelope.EventId.ToString()).And.Contain("do not belong together"));
    }

    [TestCase("{}", "no 'cartId' property")]
    [TestCase("[1]", "Expected a JSON object")]
    [TestCase("{\"cartId\":", "")]
    public void Unwrapping_an_invalid_payload_throws_JsonException_naming_the_message_and_type(string json, string detail)
    {
        var serializer = CreateSerializer();
        var envelope = serializer.Wrap(new CartOpened(CartId.New(), "ada")) with { Payload = Encoding.UTF8.GetBytes(json) };

        var ex = Assert.Throws<JsonException>(() => serializer.Unwrap(envelope));

        Assert.That(ex!.Message, Does.Contain(envelope.MessageId.ToString())
            .And.Contain("'tests.cart-opened' v1")
            .And.Contain(typeof(CartOpened).FullName)
            .And.Contain(detail));
        Assert.That(ex.InnerException, Is.Not.Null);
    }

    [Test]
    public void WrapAll_wraps_pending_events_in_the_order_they_were_raised()
    {
        var serializer = CreateSerializer();
        var cart = Cart.Open("ada");
        cart.AddItem("A", 1, 1m);
        cart.AddItem("B", 2, 2m);
        cart.CheckOut();
        var pending = cart.PendingEvents.ToArray();

        var envelopes = serializer.WrapAll(cart, "req-9", "cmd-3");

        Assert.That(envelopes.Select(static e => e.EventId), Is.EqualTo(pending.Select(static e => e.EventId)));
        Assert.That(envelopes.Select(static e => e.EventType),
            Is.EqualTo(new[] { "tests.cart-opened", "tests.item-added", "tests.item-added", "CartCheckedOut" }));
        Assert.That(envelopes.Select(serializer.Unwrap), Is.EqualTo(pending));
        Assert.That(envelopes, Has.All.Property(nameof(EventEnvelope.CorrelationId)).EqualTo("req-9"));
        Assert.That(envelopes, Has.All.Property(nameof(EventEnvelope.CausationId)).EqualTo("cmd-3"));
        Assert.That(envelopes.Select(static e => e.MessageId).Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public void WrapAll_does_not_clear_the_pending_events()
    {
        var serializer = CreateSerializer();
        var cart = Cart.Open("ada");
        cart.CheckOut();
        var before = cart.PendingEvents.ToArray();

        _ = serializer.WrapAll(cart);

        Assert.That(cart.PendingEvents, Is.EqualTo(before));
        Assert.That(cart.Version, Is.Zero);
    }

    [Test]
    public void WrapAll_returns_a_snapshot_unaffected_by_later_events()
    {
        var serializer = CreateSerializer();
        var cart = Cart.Open("ada");

        var envelopes = serializer.WrapAll(cart);
        cart.CheckOut();

        Assert.That(envelopes, Has.Count.EqualTo(1));
        Assert.That(cart.PendingEvents, Has.Count.EqualTo(2));
    }

    [Test]
    public void WrapAll_of_an_aggregate_without_pending_events_is_empty()
    {
        var serializer = CreateSerializer();
        var cart = Cart.Open("ada");
        ((IAggregateRoot)cart).MarkCommitted(1);

        Assert.That(serializer.WrapAll(cart), Is.Empty);
    }

    [Test]
    public void WrapAll_fails_as_a_whole_when_one_pending_event_is_not_registered()
    {
        var serializer = CreateSerializer();
        var cart = Cart.Open("ada");
        cart.RaiseForTest(new UnregisteredEvent(Guid.CreateVersion7(), Start));
        cart.CheckOut();

        Assert.That(() => serializer.WrapAll(cart), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains(nameof(UnregisteredEvent)));
        Assert.That(cart.PendingEvents, Has.Count.EqualTo(3));
    }

    [Test]
    public void WrapAll_rejects_blank_correlation_ids()
    {
        var serializer = CreateSerializer();

        Assert.That(() => serializer.WrapAll(Cart.Open("ada"), correlationId: " "),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("correlationId"));
    }

    [Test]
    public void The_serializer_exposes_its_registry()
    {
        var registry = new DomainEventRegistry([]);

        Assert.That(new EventEnvelopeSerializer(registry).Registry, Is.SameAs(registry));
    }
}
