using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Bloom.Messaging;

/// <summary>
/// Runs one handler on one event with its retry policy, and logs each failed attempt. Shared by both registries; one per
/// dispatcher (so per scope). Keeps the handler instances it resolved (one per map slot, resolved on first use) and the
/// last event type's handlers, so a dispatch of a synchronous handler is one lookup and one delegate call per handler.
/// </summary>
internal sealed partial class HandlerInvoker(IServiceProvider services, EventHandlerMap map, TimeProvider timeProvider, ILogger logger)
{
    private object?[]? _instances;
    private HandlerSet? _last;

    /// <summary>The handlers of <paramref name="eventType"/>; the last type's are kept (events of one type tend to come together).</summary>
    /// <param name="eventType">The event's runtime type.</param>
    /// <returns>The handlers, in registration order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public HandlerEntry[] EntriesFor(Type eventType)
    {
        var last = _last;
        return last is not null && ReferenceEquals(last.EventType, eventType) ? last.Entries : Lookup(eventType);
    }

    private HandlerEntry[] Lookup(Type eventType)
    {
        var set = map.SetFor(eventType);
        if (set is null)
        {
            return [];
        }

        _last = set;
        return set.Entries;
    }

    /// <summary>
    /// Starts one attempt: calls the handler (resolved on first use, then reused) or, for a descriptor without a resolver, its
    /// <see cref="EventHandlerDescriptor.Invoke"/>. Throws what the handler (or its resolution) throws.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ValueTask Start(HandlerEntry entry, IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (entry.Call is { } call)
        {
            var instances = _instances;
            var instance = instances is not null && (uint)entry.Slot < (uint)instances.Length ? instances[entry.Slot] : null;
            return call(instance ?? Resolve(entry), domainEvent, cancellationToken);
        }

        return entry.Descriptor.Invoke(services, domainEvent, cancellationToken);
    }

    /// <summary>Runs the handler; completes synchronously (no allocation) when the handler does and succeeds first time.</summary>
    /// <returns><see langword="null"/> on success, otherwise the failure after the last attempt.</returns>
    public ValueTask<HandlerFailure?> InvokeAsync(HandlerEntry entry, IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ValueTask pending;
        try
        {
            pending = Start(entry, domainEvent, cancellationToken);
        }
        catch (Exception ex)
        {
            return Retry(entry, domainEvent, ex, cancellationToken);
        }

        return pending.IsCompletedSuccessfully ? default : Awaited(entry, domainEvent, pending, cancellationToken);
    }

    /// <summary>Finishes an attempt that did not complete synchronously; retries it when it fails.</summary>
    /// <returns><see langword="null"/> on success, otherwise the failure after the last attempt.</returns>
    public async ValueTask<HandlerFailure?> Awaited(HandlerEntry entry, IDomainEvent domainEvent, ValueTask pending, CancellationToken cancellationToken)
    {
        try
        {
            await pending.ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return await Retry(entry, domainEvent, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Logs a failed first attempt and retries it per the handler's policy.</summary>
    /// <returns><see langword="null"/> when a retry succeeds, otherwise the failure after the last attempt.</returns>
    public async ValueTask<HandlerFailure?> Retry(HandlerEntry entry, IDomainEvent domainEvent, Exception first, CancellationToken cancellationToken)
    {
        var handler = entry.Descriptor;
        var policy = handler.Retry;
        var attempt = 1;
        var last = first;
        while (true)
        {
            LogFailure(logger, last, handler.Name, domainEvent.GetType().Name, domainEvent.EventId, attempt, policy.MaxAttempts);
            if (last is OperationCanceledException || attempt >= policy.MaxAttempts)
            {
                return new HandlerFailure(handler.Name, domainEvent, attempt, last);
            }

            attempt++;
            try
            {
                await Task.Delay(policy.DelayBefore(attempt, Random.Shared.NextDouble()), timeProvider, cancellationToken).ConfigureAwait(false);
                await Start(entry, domainEvent, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex)
            {
                last = ex;
            }
        }
    }

    // First use of a slot: resolve the handler from this dispatcher's provider and keep it. A resolution that throws keeps
    // nothing, so the next attempt (a retry, or the next event) resolves again.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private object Resolve(HandlerEntry entry)
    {
        var instance = entry.Descriptor.Resolve!(services);
        var instances = _instances ??= new object?[map.Count];
        if ((uint)entry.Slot < (uint)instances.Length)
        {
            instances[entry.Slot] = instance;
        }

        return instance;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Event handler {Handler} failed on {EventType} {EventId} (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogFailure(ILogger logger, Exception exception, string handler, string eventType, Guid eventId, int attempt, int maxAttempts);
}
