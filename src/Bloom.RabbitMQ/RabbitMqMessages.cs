using System.Globalization;
using System.Text;
using Bloom.Messaging;
using RabbitMQ.Client;

namespace Bloom.RabbitMQ;

/// <summary>Maps envelopes to AMQP messages and back.</summary>
internal static class RabbitMqMessages
{
    public const string ContentType = "application/json";

    /// <summary>The properties of a persistent message carrying <paramref name="envelope"/>.</summary>
    public static BasicProperties CreateProperties(EventEnvelope envelope)
    {
        var headers = new Dictionary<string, object?>(8, StringComparer.Ordinal)
        {
            [RabbitMqHeaders.MessageId] = envelope.MessageId.ToString("D"),
            [RabbitMqHeaders.EventType] = envelope.EventType,
            [RabbitMqHeaders.EventId] = envelope.EventId.ToString("D"),
            [RabbitMqHeaders.SchemaVersion] = envelope.SchemaVersion,
            [RabbitMqHeaders.OccurredAt] = envelope.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (envelope.CorrelationId is { } correlation)
        {
            headers[RabbitMqHeaders.CorrelationId] = correlation;
        }

        if (envelope.CausationId is { } causation)
        {
            headers[RabbitMqHeaders.CausationId] = causation;
        }

        var properties = new BasicProperties
        {
            MessageId = envelope.MessageId.ToString("D"),
            Type = envelope.EventType,
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(envelope.OccurredAt.ToUnixTimeSeconds()),
            Headers = headers,
        };
        if (envelope.CorrelationId is not null)
        {
            properties.CorrelationId = envelope.CorrelationId;
        }

        return properties;
    }

    /// <summary>Reads the envelope of a received message.</summary>
    /// <exception cref="FormatException">A property or header is missing or malformed; the message cannot be an envelope.</exception>
    public static EventEnvelope ReadEnvelope(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var headers = properties.Headers;
        var messageIdText = properties.MessageId ?? GetString(headers, RabbitMqHeaders.MessageId)
            ?? throw new FormatException("The message has no message_id property (nor a bloom-message-id header): it was not published by Bloom.");
        if (!Guid.TryParse(messageIdText, out var messageId) || messageId == Guid.Empty)
        {
            throw new FormatException($"The message id '{messageIdText}' is not a non-empty UUID.");
        }

        var eventType = properties.Type ?? GetString(headers, RabbitMqHeaders.EventType)
            ?? throw new FormatException($"Message {messageId} has no type property (nor a bloom-event-type header).");
        var eventIdText = GetString(headers, RabbitMqHeaders.EventId)
            ?? throw new FormatException($"Message {messageId} has no {RabbitMqHeaders.EventId} header.");
        if (!Guid.TryParse(eventIdText, out var eventId) || eventId == Guid.Empty)
        {
            throw new FormatException($"Message {messageId} has the event id '{eventIdText}', which is not a non-empty UUID.");
        }

        var schemaVersion = GetInt64(headers, RabbitMqHeaders.SchemaVersion)
            ?? throw new FormatException($"Message {messageId} has no {RabbitMqHeaders.SchemaVersion} header.");
        if (schemaVersion is < 1 or > int.MaxValue)
        {
            throw new FormatException($"Message {messageId} has the schema version {schemaVersion}; it must be 1 or more.");
        }

        var occurredAtText = GetString(headers, RabbitMqHeaders.OccurredAt)
            ?? throw new FormatException($"Message {messageId} has no {RabbitMqHeaders.OccurredAt} header.");
        if (!DateTimeOffset.TryParseExact(occurredAtText, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredAt))
        {
            throw new FormatException($"Message {messageId} has the occurred-at time '{occurredAtText}', which is not round-trip (\"O\") text.");
        }

        if (body.IsEmpty)
        {
            throw new FormatException($"Message {messageId} has an empty body.");
        }

        var correlation = properties.CorrelationId ?? GetString(headers, RabbitMqHeaders.CorrelationId);
        var causation = GetString(headers, RabbitMqHeaders.CausationId);
        try
        {
            return new EventEnvelope(
                messageId,
                eventId,
                eventType,
                (int)schemaVersion,
                occurredAt,
                body.ToArray(),
                string.IsNullOrWhiteSpace(correlation) ? null : correlation,
                string.IsNullOrWhiteSpace(causation) ? null : causation);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Message {messageId} is not a valid envelope: {ex.Message}", ex);
        }
    }

    /// <summary>A header as text: AMQP long strings arrive as UTF-8 bytes.</summary>
    public static string? GetString(IDictionary<string, object?>? headers, string name)
    {
        if (headers is null || !headers.TryGetValue(name, out var value))
        {
            return null;
        }

        return value switch
        {
            null => null,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>A header as an integer (AMQP sends integers of several widths; text is parsed).</summary>
    public static long? GetInt64(IDictionary<string, object?>? headers, string name)
    {
        if (headers is null || !headers.TryGetValue(name, out var value))
        {
            return null;
        }

        return value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            ushort us => us,
            uint ui => ui,
            ulong ul when ul <= long.MaxValue => (long)ul,
            byte[] bytes when long.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    /// <summary>Copies the properties of a received message, for republishing it (to the dead-letter queue, or back from it).</summary>
    public static BasicProperties Copy(IReadOnlyBasicProperties source, IReadOnlyDictionary<string, object?> extraHeaders, IReadOnlyCollection<string>? removeHeaders = null)
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (source.Headers is not null)
        {
            foreach (var (key, value) in source.Headers)
            {
                // The client's own publish-sequence header and the queue's counters belong to the old delivery.
                if (key.StartsWith("x-", StringComparison.Ordinal) || (removeHeaders is not null && removeHeaders.Contains(key)))
                {
                    continue;
                }

                headers[key] = value;
            }
        }

        foreach (var (key, value) in extraHeaders)
        {
            headers[key] = value;
        }

        var copy = new BasicProperties
        {
            MessageId = source.MessageId,
            Type = source.Type,
            ContentType = source.ContentType ?? ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
        if (source.IsCorrelationIdPresent())
        {
            copy.CorrelationId = source.CorrelationId;
        }

        if (source.IsTimestampPresent())
        {
            copy.Timestamp = source.Timestamp;
        }

        return copy;
    }
}
