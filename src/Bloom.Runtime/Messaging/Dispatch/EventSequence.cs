namespace Bloom.Messaging;

/// <summary>
/// Delivers a list of events one after another through a dispatcher's single-event path, collecting every failure and throwing
/// them together at the end. Shared by both registries.
/// </summary>
internal static class EventSequence
{
    /// <summary>
    /// Synchronous while every event's delivery completes synchronously (no state machine, no enumerator: nothing allocated);
    /// continues asynchronously from the first delivery that does not.
    /// </summary>
    public static ValueTask DispatchAsync(IEventDispatcher dispatcher, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            var pending = dispatcher.DispatchAsync(events[i], cancellationToken);
            if (!pending.IsCompletedSuccessfully)
            {
                return Continue(dispatcher, events, i, pending, cancellationToken);
            }
        }

        return default;
    }

    /// <summary>Delivers <paramref name="events"/> for a synchronous caller: blocks only when a delivery really goes async (or retries).</summary>
    public static void Dispatch(IEventDispatcher dispatcher, IReadOnlyList<IDomainEvent> events)
    {
        var pending = DispatchAsync(dispatcher, events, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    private static async ValueTask Continue(IEventDispatcher dispatcher, IReadOnlyList<IDomainEvent> events, int index, ValueTask current, CancellationToken cancellationToken)
    {
        List<HandlerFailure>? failures = null;
        for (var i = index; i < events.Count; i++)
        {
            try
            {
                await (i == index ? current : dispatcher.DispatchAsync(events[i], cancellationToken)).ConfigureAwait(false);
            }
            catch (EventDispatchException ex)
            {
                (failures ??= []).AddRange(ex.Failures);
            }
        }

        if (failures is not null)
        {
            throw new EventDispatchException(failures);
        }
    }
}
