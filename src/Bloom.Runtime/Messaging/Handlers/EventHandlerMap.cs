using System.Collections.Frozen;

namespace Bloom.Messaging;

/// <summary>
/// Every registered handler, by event type: one hash lookup per event, so dispatch cost does not grow with the number of event
/// types. Handlers of one event keep their registration order. Built once (at <c>AddBloom</c>) from generated descriptors.
/// </summary>
public sealed class EventHandlerMap
{
    private readonly FrozenDictionary<Type, EventHandlerDescriptor[]> _byEvent;

    /// <summary>Builds the map.</summary>
    /// <param name="descriptors">The handlers, in registration order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="descriptors"/> is <see langword="null"/>.</exception>
    public EventHandlerMap(IEnumerable<EventHandlerDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var byEvent = new Dictionary<Type, List<EventHandlerDescriptor>>();
        var count = 0;
        foreach (var descriptor in descriptors)
        {
            ArgumentNullException.ThrowIfNull(descriptor, nameof(descriptors));
            if (!byEvent.TryGetValue(descriptor.EventType, out var list))
            {
                byEvent.Add(descriptor.EventType, list = []);
            }

            list.Add(descriptor);
            count++;
        }

        _byEvent = byEvent.ToFrozenDictionary(static p => p.Key, static p => p.Value.ToArray());
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
}
