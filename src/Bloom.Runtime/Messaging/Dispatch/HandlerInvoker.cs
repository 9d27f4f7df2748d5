using Microsoft.Extensions.Logging;

namespace Bloom.Messaging;

/// <summary>Runs one handler on one event with its retry policy, and logs each failed attempt. Shared by both registries.</summary>
internal sealed partial class HandlerInvoker(IServiceProvider services, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Runs the handler; completes synchronously (no allocation) when the handler does and succeeds first time.</summary>
    /// <returns><see langword="null"/> on success, otherwise the failure after the last attempt.</returns>
    public ValueTask<HandlerFailure?> InvokeAsync(EventHandlerDescriptor handler, IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ValueTask pending;
        try
        {
            pending = handler.Invoke(services, domainEvent, cancellationToken);
        }
        catch (Exception ex)
        {
            return Retry(handler, domainEvent, ex, cancellationToken);
        }

        if (pending.IsCompletedSuccessfully)
        {
            return default;
        }

        return Awaited(handler, domainEvent, pending, cancellationToken);
    }

    private async ValueTask<HandlerFailure?> Awaited(EventHandlerDescriptor handler, IDomainEvent domainEvent, ValueTask pending, CancellationToken cancellationToken)
    {
        try
        {
            await pending.ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return await Retry(handler, domainEvent, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<HandlerFailure?> Retry(EventHandlerDescriptor handler, IDomainEvent domainEvent, Exception first, CancellationToken cancellationToken)
    {
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
                await handler.Invoke(services, domainEvent, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex)
            {
                last = ex;
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Event handler {Handler} failed on {EventType} {EventId} (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogFailure(ILogger logger, Exception exception, string handler, string eventType, Guid eventId, int attempt, int maxAttempts);
}
