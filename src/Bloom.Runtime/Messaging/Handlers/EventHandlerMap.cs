using System.Collections.Frozen;

namespace Bloom.Messaging;

/// <summary>
/// Every registered handler, by event type: one hash lookup per event, so dispatch cost does not grow with the number of event
/// types. Handlers of one event keep their registration order. Built once (at <c>AddBloom</c>) from generated descriptors.
/// </summary>
/// <remarks>
/// Each registered descriptor has a stable slot (its position in the registration order, below <see cref="Count"/>); a
/// dispatcher keeps the handler instance it resolved for a slot and reuses it (see <see cref="EventHandlerDescriptor"/>).
/// </remarks>
public sealed class EventHandlerMap
{
    private readonly FrozenDictionary<Type, EventHandlerDescriptor[]> _byEvent;
    private readonly FrozenDictionary<Type, HandlerSet> _setsByEvent;

    /// <summary>Builds the map.</summary>
    /// <param name="descriptors">The handlers, in registration order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="descriptors"/> is <see langword="null"/>.</exception>
    public EventHandlerMap(IEnumerable<EventHandlerDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var byEvent = new Dictionary<Type, List<HandlerEntry>>();
        var count = 0;
        foreach (var descriptor in descriptors)
        {
            ArgumentNullException.ThrowIfNull(descriptor, nameof(descriptors));
            if (!byEvent.TryGetValue(descriptor.EventType, out var list))
            {
                byEvent.Add(descriptor.EventType, list = []);
            }

            list.Add(new HandlerEntry(descriptor, descriptor.Call, count));
            count++;
        }

        _setsByEvent = byEvent.ToFrozenDictionary(static p => p.Key, static p => new HandlerSet(p.Key, p.Value.ToArray()));
        _byEvent = byEvent.ToFrozenDictionary(static p => p.Key, static p => p.Value.Select(static e => e.Descriptor).ToArray());
        Count = count;
    }

    /// <summary>An empty map.</summary>
    public static EventHandlerMap Empty { get; } = new([]);

    /// <summary>The number of registered handlers (over all event types).</summary>
    public int Count { get; }

    /// <summary>The event types that have at least one handler.</summary>
    public IEnumerable<Type> EventTypes => _byEvent.Keys;

    /// <summary>The handlers of <paramref name="eventType"/>, in registration order; empty when none.</summary>
    /// <param name="eventType">The event's runtime type.</param>
    /// <returns>The handlers.</returns>
    public ReadOnlySpan<EventHandlerDescriptor> For(Type eventType) =>
        _byEvent.TryGetValue(eventType, out var handlers) ? handlers : [];

    /// <summary>The handlers of <paramref name="eventType"/> with their slots, in registration order; <see langword="null"/> when none.</summary>
    internal HandlerSet? SetFor(Type eventType) =>
        _setsByEvent.TryGetValue(eventType, out var set) ? set : null;
}

/// <summary>A registered descriptor and its slot in its <see cref="EventHandlerMap"/> (where a dispatcher keeps the resolved handler).</summary>
/// <param name="Descriptor">The descriptor.</param>
/// <param name="Call">The descriptor's <see cref="EventHandlerDescriptor.Call"/>, kept here so the fast path reads it without a hop.</param>
/// <param name="Slot">Its position in the map's registration order.</param>
internal readonly record struct HandlerEntry(EventHandlerDescriptor Descriptor, Func<object, IDomainEvent, CancellationToken, ValueTask>? Call, int Slot);

/// <summary>The handlers of one event type with their slots (one object, so a dispatcher can keep the last one it looked up atomically).</summary>
/// <param name="EventType">The event type.</param>
/// <param name="Entries">Its handlers, in registration order.</param>
internal sealed record HandlerSet(Type EventType, HandlerEntry[] Entries);
