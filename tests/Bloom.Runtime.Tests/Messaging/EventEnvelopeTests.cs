using System.Text;

namespace Bloom.Runtime.Tests.Messaging;

[TestFixture]
public sealed class EventEnvelopeTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

    private static EventEnvelope Sample(byte[]? payload = null) => new(
        Guid.Parse("0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f"),
        Guid.Parse("0190f2a4-0000-7000-8000-000000000001"),
        "tests.sample",
        3,
        At,
        payload ?? Encoding.UTF8.GetBytes("{\"a\":1}"),
        "corr",
        "cause");

    [Test]
    public void The_constructor_sets_every_field()
    {
        var envelope = Sample();

        Assert.Multiple(() =>
        {
            Assert.That(envelope.MessageId, Is.EqualTo(Guid.Parse("0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f")));
            Assert.That(envelope.EventId, Is.EqualTo(Guid.Parse("0190f2a4-0000-7000-8000-000000000001")));
            Assert.That(envelope.EventType, Is.EqualTo("tests.sample"));
            Assert.That(envelope.SchemaVersion, Is.EqualTo(3));
            Assert.That(envelope.OccurredAt, Is.EqualTo(At));
            Assert.That(envelope.OccurredAt.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(Encoding.UTF8.GetString(envelope.Payload.Span), Is.EqualTo("{\"a\":1}"));
            Assert.That(envelope.CorrelationId, Is.EqualTo("corr"));
            Assert.That(envelope.CausationId, Is.EqualTo("cause"));
        });
    }

    [Test]
    public void Correlation_and_causation_default_to_null()
    {
        var envelope = new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), "x", 1, At, new byte[] { (byte)'{', (byte)'}' });

        Assert.That(envelope.CorrelationId, Is.Null);
        Assert.That(envelope.CausationId, Is.Null);
    }

    [Test]
    public void Envelopes_with_the_same_payload_bytes_in_different_buffers_are_equal_and_hash_alike()
    {
        var a = Sample(Encoding.UTF8.GetBytes("{\"a\":1}"));
        var b = Sample(Encoding.UTF8.GetBytes("{\"a\":1}"));

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    [Test]
    public void Envelopes_differ_when_any_field_differs()
    {
        var a = Sample();

        EventEnvelope[] others =
        [
            a with { MessageId = Guid.CreateVersion7() },
            a with { EventId = Guid.CreateVersion7() },
            a with { EventType = "tests.other" },
            a with { EventType = "TESTS.SAMPLE" },
            a with { SchemaVersion = 4 },
            a with { OccurredAt = At.AddTicks(1) },
            a with { CorrelationId = null },
            a with { CausationId = "other" },
            a with { Payload = Encoding.UTF8.GetBytes("{\"a\":2}") },
            a with { Payload = Encoding.UTF8.GetBytes("{\"a\":1} ") },
        ];

        foreach (var other in others)
        {
            Assert.That(other, Is.Not.EqualTo(a), other.ToString());
            Assert.That(a != other, Is.True, other.ToString());
        }

        Assert.That(a.Equals(null), Is.False);
    }

    [Test]
    public void ToString_shows_the_metadata_and_the_payload_size_only()
    {
        var text = Sample().ToString();

        Assert.That(text, Does.StartWith("EventEnvelope { MessageId = 0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f"));
        Assert.That(text, Does.Contain("EventType = tests.sample").And.Contain("SchemaVersion = 3")
            .And.Contain("OccurredAt = 2030-01-02T03:04:05.0000000+02:00").And.Contain("Payload = 7 bytes"));
    }

    [Test]
    public void Empty_ids_are_rejected_in_the_constructor_and_in_with_expressions()
    {
        Assert.That(() => new EventEnvelope(Guid.Empty, Guid.CreateVersion7(), "x", 1, At, new byte[] { 1 }),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("MessageId").And.Message.Contains("Guid.Empty"));
        Assert.That(() => new EventEnvelope(Guid.CreateVersion7(), Guid.Empty, "x", 1, At, new byte[] { 1 }),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("EventId"));
        Assert.That(() => Sample() with { MessageId = Guid.Empty }, Throws.ArgumentException);
        Assert.That(() => Sample() with { EventId = Guid.Empty }, Throws.ArgumentException);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void A_blank_event_type_is_rejected(string? eventType)
    {
        Assert.That(() => new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), eventType!, 1, At, new byte[] { 1 }),
            Throws.InstanceOf<ArgumentException>().With.Property("ParamName").EqualTo("EventType"));
        Assert.That(() => Sample() with { EventType = eventType! }, Throws.InstanceOf<ArgumentException>());
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void A_schema_version_below_1_is_rejected(int version)
    {
        Assert.That(() => new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), "x", version, At, new byte[] { 1 }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("SchemaVersion"));
        Assert.That(() => Sample() with { SchemaVersion = version }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void An_empty_payload_is_rejected()
    {
        Assert.That(() => new EventEnvelope(Guid.CreateVersion7(), Guid.CreateVersion7(), "x", 1, At, ReadOnlyMemory<byte>.Empty),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("Payload").And.Message.Contains("UTF-8 JSON"));
        Assert.That(() => Sample() with { Payload = Array.Empty<byte>() }, Throws.ArgumentException);
    }

    [TestCase("")]
    [TestCase(" \t")]
    public void Blank_correlation_or_causation_ids_are_rejected_but_null_is_fine(string blank)
    {
        Assert.That(() => Sample() with { CorrelationId = blank },
            Throws.ArgumentException.With.Property("ParamName").EqualTo("CorrelationId"));
        Assert.That(() => Sample() with { CausationId = blank },
            Throws.ArgumentException.With.Property("ParamName").EqualTo("CausationId"));
        Assert.That((Sample() with { CorrelationId = null, CausationId = null }).CorrelationId, Is.Null);
    }
}
