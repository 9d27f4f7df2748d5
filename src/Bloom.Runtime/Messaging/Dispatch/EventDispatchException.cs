namespace Bloom.Messaging;

/// <summary>One handler's failure to handle one event, after its retries.</summary>
/// <param name="Handler">The handler's name.</param>
/// <param name="Event">The event.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="Exception">The last attempt's exception.</param>
public sealed record HandlerFailure(string Handler, IDomainEvent Event, int Attempts, Exception Exception);

/// <summary>
/// One or more event handlers failed (after their retries) while the others completed. When thrown after a commit, the commit
/// stands: the state and (with the outbox) the messages are stored; only these in-process reactions failed.
/// </summary>
public sealed class EventDispatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failures">The failures, at least one.</param>
    public EventDispatchException(IReadOnlyList<HandlerFailure> failures)
        : base(BuildMessage(failures), failures is { Count: > 0 } ? failures[0].Exception : null)
    {
        Failures = failures;
    }

    /// <summary>Every failure, in the order the handlers were registered and the events raised.</summary>
    public IReadOnlyList<HandlerFailure> Failures { get; }

    private static string BuildMessage(IReadOnlyList<HandlerFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var parts = failures.Select(static f => $"{f.Handler} failed on {f.Event.GetType().Name} {f.Event.EventId} after {f.Attempts} attempt(s): {f.Exception.Message}");
        return $"{failures.Count} event handler(s) failed; the others completed. " + string.Join(" | ", parts);
    }
}
