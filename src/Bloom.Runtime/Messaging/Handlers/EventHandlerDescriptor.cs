namespace Bloom.Messaging;

/// <summary>
/// One handler for one event type, as the generated handler map describes it: what to resolve and how to call it, without
/// reflection. Generated code creates these (<c>BloomEventHandlers.Descriptors</c>); hand-written registrations may too.
/// </summary>
public sealed class EventHandlerDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    /// <param name="eventType">The event type handled.</param>
    /// <param name="handlerType">The handler class (resolved from DI).</param>
    /// <param name="invoke">Calls the handler: resolves it from the provider and passes the event (already of <paramref name="eventType"/>).</param>
    /// <param name="retry">The handler's retry policy; <see cref="HandlerRetryPolicy.None"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public EventHandlerDescriptor(Type eventType, Type handlerType, Func<IServiceProvider, IDomainEvent, CancellationToken, ValueTask> invoke, HandlerRetryPolicy? retry = null)
    {
        EventType = eventType ?? throw new ArgumentNullException(nameof(eventType));
        HandlerType = handlerType ?? throw new ArgumentNullException(nameof(handlerType));
        Invoke = invoke ?? throw new ArgumentNullException(nameof(invoke));
        Retry = retry ?? HandlerRetryPolicy.None;
        Name = handlerType.Name;
    }

    /// <summary>The event type handled.</summary>
    public Type EventType { get; }

    /// <summary>The handler class.</summary>
    public Type HandlerType { get; }

    /// <summary>The handler's short name, for logs and failures.</summary>
    public string Name { get; }

    /// <summary>Resolves the handler and calls it.</summary>
    public Func<IServiceProvider, IDomainEvent, CancellationToken, ValueTask> Invoke { get; }

    /// <summary>The handler's retry policy.</summary>
    public HandlerRetryPolicy Retry { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ← {EventType.Name}";
}
