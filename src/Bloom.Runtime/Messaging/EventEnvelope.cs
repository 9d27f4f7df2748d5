using System.Diagnostics.CodeAnalysis;

namespace Bloom.Messaging;

/// <summary>
/// A domain event on its way out of the process (outbox, bus, event store): the event's UTF-8 JSON payload plus
/// everything a receiver needs to route, deduplicate, order and trace it without knowing the CLR type.
/// Create envelopes with <see cref="EventEnvelopeSerializer.Wrap"/>; read the event back with
/// <see cref="EventEnvelopeSerializer.Unwrap"/>.
/// </summary>
/// <remarks>
/// Every construction path validates its input, so an envelope is always well formed. Two envelopes are equal when every
/// field is equal and their payloads hold the same bytes (not when they share a buffer).
/// </remarks>
public sealed record EventEnvelope
{
    private readonly Guid _messageId;
    private readonly Guid _eventId;
    private readonly string _eventType;
    private readonly int _schemaVersion;
    private readonly string? _correlationId;
    private readonly string? _causationId;
    private readonly ReadOnlyMemory<byte> _payload;

    /// <summary>Creates an envelope, for example from a stored outbox row.</summary>
    /// <param name="messageId">The message's unique id; not <see cref="Guid.Empty"/>.</param>
    /// <param name="eventId">The wrapped event's <see cref="IDomainEvent.EventId"/>; not <see cref="Guid.Empty"/>.</param>
    /// <param name="eventType">The event's stable type name (<see cref="DomainEventType.Name"/>); not blank.</param>
    /// <param name="schemaVersion">The payload's schema version; 1 or more.</param>
    /// <param name="occurredAt">When the event happened (<see cref="IDomainEvent.OccurredAt"/>).</param>
    /// <param name="payload">The event as UTF-8 JSON; not empty.</param>
    /// <param name="correlationId">The id shared by every message of one business transaction, or <see langword="null"/>; not blank.</param>
    /// <param name="causationId">The id of the message or command that caused this one, or <see langword="null"/>; not blank.</param>
    /// <exception cref="ArgumentException">An id is empty, the type name is blank, the payload is empty or a correlation/causation id is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="schemaVersion"/> is less than 1.</exception>
    public EventEnvelope(
        Guid messageId,
        Guid eventId,
        string eventType,
        int schemaVersion,
        DateTimeOffset occurredAt,
        ReadOnlyMemory<byte> payload,
        string? correlationId = null,
        string? causationId = null)
    {
        MessageId = messageId;
        EventId = eventId;
        EventType = eventType;
        SchemaVersion = schemaVersion;
        OccurredAt = occurredAt;
        Payload = payload;
        CorrelationId = correlationId;
        CausationId = causationId;
    }

    /// <summary>
    /// The message's unique id: a time-ordered UUID version 7, unique across processes. Consumers deduplicate on it
    /// (an inbox is keyed by message id and consumer).
    /// </summary>
    /// <exception cref="ArgumentException">Set to <see cref="Guid.Empty"/>.</exception>
    public Guid MessageId
    {
        get => _messageId;
        init => _messageId = NotEmpty(value, nameof(MessageId));
    }

    /// <summary>The wrapped event's <see cref="IDomainEvent.EventId"/>.</summary>
    /// <exception cref="ArgumentException">Set to <see cref="Guid.Empty"/>.</exception>
    public Guid EventId
    {
        get => _eventId;
        init => _eventId = NotEmpty(value, nameof(EventId));
    }

    /// <summary>The event's stable type name (<see cref="DomainEventType.Name"/>), which resolves the CLR type on the receiving side.</summary>
    /// <exception cref="ArgumentException">Set to a blank string.</exception>
    public string EventType
    {
        get => _eventType;
        [MemberNotNull(nameof(_eventType))]
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(EventType));
            _eventType = value;
        }
    }

    /// <summary>The schema version the payload was written with (<see cref="DomainEventType.SchemaVersion"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int SchemaVersion
    {
        get => _schemaVersion;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(SchemaVersion));
            _schemaVersion = value;
        }
    }

    /// <summary>When the event happened (<see cref="IDomainEvent.OccurredAt"/>), not when it was wrapped or sent.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The id shared by every message of one business transaction (for example a request id), or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">Set to an empty or white-space string; use <see langword="null"/> for none.</exception>
    public string? CorrelationId
    {
        get => _correlationId;
        init => _correlationId = NullOrNotBlank(value, nameof(CorrelationId));
    }

    /// <summary>The id of the message or command that caused this one, or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">Set to an empty or white-space string; use <see langword="null"/> for none.</exception>
    public string? CausationId
    {
        get => _causationId;
        init => _causationId = NullOrNotBlank(value, nameof(CausationId));
    }

    /// <summary>The event as UTF-8 JSON, written by the event's generated serializer.</summary>
    /// <exception cref="ArgumentException">Set to an empty payload.</exception>
    public ReadOnlyMemory<byte> Payload
    {
        get => _payload;
        init
        {
            if (value.IsEmpty)
            {
                throw new ArgumentException("The payload of an event envelope must not be empty: it holds the event as UTF-8 JSON.", nameof(Payload));
            }

            _payload = value;
        }
    }

    /// <summary>Compares every field; payloads compare by content.</summary>
    /// <param name="other">The envelope to compare with.</param>
    /// <returns>Whether both envelopes carry the same message.</returns>
    public bool Equals(EventEnvelope? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && _messageId == other._messageId
            && _eventId == other._eventId
            && _schemaVersion == other._schemaVersion
            && OccurredAt.Equals(other.OccurredAt)
            && string.Equals(_eventType, other._eventType, StringComparison.Ordinal)
            && string.Equals(_correlationId, other._correlationId, StringComparison.Ordinal)
            && string.Equals(_causationId, other._causationId, StringComparison.Ordinal)
            && _payload.Span.SequenceEqual(other._payload.Span);
    }

    /// <summary>A hash consistent with <see cref="Equals(EventEnvelope?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_messageId);
        hash.Add(_eventId);
        hash.Add(_eventType, StringComparer.Ordinal);
        hash.Add(_schemaVersion);
        hash.Add(OccurredAt);
        hash.Add(_correlationId, StringComparer.Ordinal);
        hash.Add(_causationId, StringComparer.Ordinal);
        hash.AddBytes(_payload.Span);
        return hash.ToHashCode();
    }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("MessageId = ").Append(_messageId)
            .Append(", EventId = ").Append(_eventId)
            .Append(", EventType = ").Append(_eventType)
            .Append(", SchemaVersion = ").Append(_schemaVersion)
            .Append(", OccurredAt = ").Append(OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .Append(", CorrelationId = ").Append(_correlationId)
            .Append(", CausationId = ").Append(_causationId)
            .Append(", Payload = ").Append(_payload.Length).Append(" bytes");
        return true;
    }

    private static Guid NotEmpty(Guid value, string name) => value != Guid.Empty
        ? value
        : throw new ArgumentException($"The {name} of an event envelope must not be Guid.Empty.", name);

    private static string? NullOrNotBlank(string? value, string name) => value is null || !string.IsNullOrWhiteSpace(value)
        ? value
        : throw new ArgumentException($"The {name} of an event envelope must be null (none) or a non-blank string, but was '{value}'.", name);
}
