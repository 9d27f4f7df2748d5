using System.Text.Json;

namespace Bloom.Messaging;

/// <summary>
/// Turns domain events into <see cref="EventEnvelope"/>s and back, through the generated, reflection-free JSON code of a
/// <see cref="DomainEventRegistry"/>. The outbox, the event bus and the event store build on it.
/// </summary>
/// <remarks>
/// The serializer holds no mutable state and is safe to share between threads; register one instance per application.
/// Message ids are UUID version 7 values stamped with <see cref="DomainClock.UtcNow"/>, so they sort by creation time
/// (to the millisecond) and carry 74 random bits that keep them unique across processes.
/// </remarks>
public sealed class EventEnvelopeSerializer
{
    private readonly JsonSerializerOptions? _options;

    /// <summary>Creates a serializer over <paramref name="registry"/>.</summary>
    /// <param name="registry">
    /// The event types this serializer can wrap and unwrap: the generated <c>BloomDomainEvents.Registry</c> of the domain
    /// assembly, or several combined with <see cref="DomainEventRegistry.Combine"/>.
    /// </param>
    /// <param name="options">
    /// Options for event members Bloom does not serialize itself; <see cref="BloomJson.DefaultOptions"/> when <see langword="null"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public EventEnvelopeSerializer(DomainEventRegistry registry, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _options = options;
    }

    /// <summary>The event types this serializer knows.</summary>
    public DomainEventRegistry Registry { get; }

    /// <summary>Wraps one event in a new envelope with a new, unique message id.</summary>
    /// <param name="domainEvent">The event; its type must be registered.</param>
    /// <param name="correlationId">The id shared by every message of the business transaction, or <see langword="null"/>.</param>
    /// <param name="causationId">The id of the message or command that caused the event, or <see langword="null"/>.</param>
    /// <returns>The envelope, carrying the event's id, stable type name, schema version and occurred-at time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domainEvent"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A correlation or causation id is empty or white space (pass <see langword="null"/> for none), or the event's id is empty.</exception>
    /// <exception cref="KeyNotFoundException">The event's type is not in <see cref="Registry"/>.</exception>
    public EventEnvelope Wrap(IDomainEvent domainEvent, string? correlationId = null, string? causationId = null)
    {
        ArgumentNullException.ThrowIfNull(domainEvent, nameof(domainEvent));
        ThrowIfBlank(correlationId, nameof(correlationId));
        ThrowIfBlank(causationId, nameof(causationId));
        return WrapCore(domainEvent, correlationId, causationId);
    }

    /// <summary>
    /// Wraps every pending event of <paramref name="aggregate"/>, in the order they were raised. The pending events are
    /// <b>not</b> cleared: the unit of work clears them (<see cref="IAggregateRoot.MarkCommitted"/>) once the transaction
    /// that stores the envelopes has committed.
    /// </summary>
    /// <param name="aggregate">The aggregate whose <see cref="IAggregateRoot.PendingEvents"/> to wrap.</param>
    /// <param name="correlationId">The id shared by every message of the business transaction, or <see langword="null"/>.</param>
    /// <param name="causationId">The id of the command that caused the events, or <see langword="null"/>.</param>
    /// <returns>One envelope per pending event, in the same order; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> or one of its pending events is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A correlation or causation id is empty or white space (pass <see langword="null"/> for none).</exception>
    /// <exception cref="KeyNotFoundException">A pending event's type is not in <see cref="Registry"/>; no envelope is returned.</exception>
    public IReadOnlyList<EventEnvelope> WrapAll(IAggregateRoot aggregate, string? correlationId = null, string? causationId = null)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ThrowIfBlank(correlationId, nameof(correlationId));
        ThrowIfBlank(causationId, nameof(causationId));

        var pending = aggregate.PendingEvents;
        if (pending.Count == 0)
        {
            return [];
        }

        var envelopes = new EventEnvelope[pending.Count];
        for (var i = 0; i < envelopes.Length; i++)
        {
            var domainEvent = pending[i] ?? throw new ArgumentNullException(
                nameof(aggregate), $"Pending event #{i} of {aggregate.GetType().Name} is null; an aggregate must only raise non-null events.");
            envelopes[i] = WrapCore(domainEvent, correlationId, causationId);
        }

        return envelopes;
    }

    /// <summary>Reads the event out of <paramref name="envelope"/>.</summary>
    /// <param name="envelope">The envelope, as produced by <see cref="Wrap"/> or read from storage.</param>
    /// <returns>The event, with the <see cref="IDomainEvent.EventId"/> and <see cref="IDomainEvent.OccurredAt"/> it was created with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No event type is registered under the envelope's <see cref="EventEnvelope.EventType"/>.</exception>
    /// <exception cref="InvalidOperationException">
    /// The envelope was written with a different schema version than the registered type (an upcaster is needed), or its
    /// payload holds a different event id than the envelope.
    /// </exception>
    /// <exception cref="JsonException">The payload is not valid JSON for the registered type.</exception>
    public IDomainEvent Unwrap(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!Registry.TryGet(envelope.EventType, out var type))
        {
            throw new KeyNotFoundException(
                $"Message {envelope.MessageId} carries event type '{envelope.EventType}', which is not registered. " +
                "Combine the BloomDomainEvents.Registry of the assembly that declares it into the registry of this EventEnvelopeSerializer, " +
                "or, if the type was renamed, keep its old name with [DomainEvent(Name = \"...\")].");
        }

        if (envelope.SchemaVersion != type.SchemaVersion)
        {
            throw new InvalidOperationException(SchemaMismatchMessage(envelope, type));
        }

        IDomainEvent domainEvent;
        try
        {
            domainEvent = Registry.Deserialize(type.Name, envelope.Payload.Span, _options);
        }
        catch (JsonException ex)
        {
            throw new JsonException(
                $"The payload of message {envelope.MessageId} is not valid JSON for event '{type.Name}' v{type.SchemaVersion} ({type.ClrType.FullName}): {ex.Message}",
                ex.Path,
                ex.LineNumber,
                ex.BytePositionInLine,
                ex);
        }

        if (domainEvent.EventId != envelope.EventId)
        {
            throw new InvalidOperationException(
                $"Message {envelope.MessageId} says it carries event {envelope.EventId}, but its payload holds event {domainEvent.EventId}. " +
                "The envelope and its payload do not belong together: the message was corrupted or assembled by hand; " +
                "create envelopes with EventEnvelopeSerializer.Wrap.");
        }

        return domainEvent;
    }

    private EventEnvelope WrapCore(IDomainEvent domainEvent, string? correlationId, string? causationId)
    {
        if (domainEvent.EventId == Guid.Empty)
        {
            throw new ArgumentException(
                $"The {domainEvent.GetType().Name} event has an empty EventId. Events need a unique id; Bloom generates one for [DomainEvent] types, " +
                "so do not set EventId to Guid.Empty.", nameof(domainEvent));
        }

        var (type, json) = Registry.Serialize(domainEvent, _options);
        return new EventEnvelope(
            Guid.CreateVersion7(DomainClock.UtcNow),
            domainEvent.EventId,
            type.Name,
            type.SchemaVersion,
            domainEvent.OccurredAt,
            json,
            correlationId,
            causationId);
    }

    private static string SchemaMismatchMessage(EventEnvelope envelope, DomainEventType type)
    {
        var prefix =
            $"Message {envelope.MessageId} holds event '{envelope.EventType}' at schema version {envelope.SchemaVersion}, " +
            $"but {type.ClrType.FullName} is registered at schema version {type.SchemaVersion}. ";
        return envelope.SchemaVersion < type.SchemaVersion
            ? prefix + $"An upcaster from v{envelope.SchemaVersion} to v{type.SchemaVersion} is needed to read it; " +
              "Bloom does not upcast envelopes yet (upcasting arrives with event sourcing), so keep the old event version readable until then."
            : prefix + "The message was written by a newer version of the application; deploy that version to this consumer before reading it.";
    }

    private static void ThrowIfBlank(string? value, string parameterName)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(
                $"The {parameterName} must be null (none) or a non-blank string, but was '{value}'.", parameterName);
        }
    }
}
