namespace Bloom.RabbitMQ;

/// <summary>
/// The AMQP headers Bloom writes. Every message carries its envelope metadata twice: in the standard AMQP properties
/// (<c>message_id</c>, <c>type</c>, <c>correlation_id</c>, <c>timestamp</c>, <c>content_type</c>) for tools, and in these headers
/// for anything the properties cannot hold exactly. Dead letters carry the failure headers on top.
/// </summary>
public static class RabbitMqHeaders
{
    /// <summary>The envelope's message id (also the <c>message_id</c> property), a UUID v7.</summary>
    public const string MessageId = "bloom-message-id";

    /// <summary>The event's stable type name (also the <c>type</c> property and the routing key).</summary>
    public const string EventType = "bloom-event-type";

    /// <summary>The wrapped event's id.</summary>
    public const string EventId = "bloom-event-id";

    /// <summary>The payload's schema version, an integer from 1.</summary>
    public const string SchemaVersion = "bloom-schema-version";

    /// <summary>When the event happened, round-trip ("O") text; the <c>timestamp</c> property holds it to the second only.</summary>
    public const string OccurredAt = "bloom-occurred-at";

    /// <summary>The correlation id, when any (also the <c>correlation_id</c> property).</summary>
    public const string CorrelationId = "bloom-correlation-id";

    /// <summary>The causation id, when any.</summary>
    public const string CausationId = "bloom-causation-id";

    /// <summary>On a dead letter: why it was dead-lettered, <c>poison</c> (could not be read) or <c>failed</c> (handlers failed on every attempt).</summary>
    public const string DeadLetterReason = "bloom-dead-letter-reason";

    /// <summary>On a dead letter: the last error, as <c>ExceptionType: message</c>.</summary>
    public const string Error = "bloom-error";

    /// <summary>On a dead letter: the last exception's full type name.</summary>
    public const string ErrorType = "bloom-error-type";

    /// <summary>On a dead letter: how many deliveries were attempted.</summary>
    public const string Attempts = "bloom-attempts";

    /// <summary>On a dead letter: the consumer that gave up.</summary>
    public const string Consumer = "bloom-consumer";

    /// <summary>On a dead letter: when it was dead-lettered, round-trip ("O") text.</summary>
    public const string DeadLetteredAt = "bloom-dead-lettered-at";

    /// <summary>On a dead letter: the routing key the message originally had.</summary>
    public const string OriginalRoutingKey = "bloom-original-routing-key";

    /// <summary>On a replayed message: how many times it was replayed from the dead-letter queue.</summary>
    public const string Replays = "bloom-replays";

    /// <summary>Set by quorum queues on a redelivery: how many earlier deliveries of the message failed (were returned).</summary>
    public const string DeliveryCount = "x-delivery-count";
}
