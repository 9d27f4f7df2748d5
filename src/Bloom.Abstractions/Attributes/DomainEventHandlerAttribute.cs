namespace Bloom;

/// <summary>
/// Marks a class implementing <see cref="IDomainEventHandler{TEvent}"/> and/or <see cref="IAsyncDomainEventHandler{TEvent}"/>
/// (for one or more events): Bloom adds it to the assembly's generated handler map and DI registration — no assembly scanning.
/// Handlers and events may live in different projects.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DomainEventHandlerAttribute : Attribute
{
    /// <summary>
    /// How many times a failing delivery to this handler is attempted in total before it counts as failed (1 = no retry).
    /// Retries wait with exponential backoff and jitter (<see cref="BaseDelayMilliseconds"/>).
    /// </summary>
    public int MaxAttempts { get; set; } = 1;

    /// <summary>The first retry's delay in milliseconds; doubles per attempt (with up to 20 % jitter).</summary>
    public int BaseDelayMilliseconds { get; set; } = 100;
}
