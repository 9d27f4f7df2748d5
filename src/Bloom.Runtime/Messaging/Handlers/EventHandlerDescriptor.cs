namespace Bloom.Messaging;

/// <summary>
/// One handler for one event type, as the generated handler map describes it: what to resolve and how to call it, without
/// reflection. Generated code creates these (<c>BloomEventHandlers.Descriptors</c>); hand-written registrations may too.
/// </summary>
/// <remarks>
/// A descriptor built with a resolver and a call (<see cref="Resolve"/>, <see cref="Call"/>; what the generator emits) lets a
/// dispatcher resolve its handler once and reuse the instance for every later event it delivers: a handler is resolved once
/// per dispatcher, i.e. once per DI scope (the dispatchers are scoped). Scoped and singleton handlers behave as before; a
/// transient handler is created once per scope and reused within it, not once per event. A descriptor built with only an
/// <see cref="Invoke"/> delegate resolves its handler on every call, as it says.
/// </remarks>
public sealed class EventHandlerDescriptor
{
    /// <summary>Creates a descriptor whose <see cref="Invoke"/> resolves and calls the handler on every call.</summary>
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

    /// <summary>
    /// Creates a descriptor that separates resolving the handler from calling it, so a dispatcher can resolve the handler once
    /// (per dispatcher, i.e. per scope) and call the instance for every event it delivers.
    /// </summary>
    /// <param name="eventType">The event type handled.</param>
    /// <param name="handlerType">The handler class (resolved from DI).</param>
    /// <param name="resolve">Resolves the handler instance from the provider (the dispatch scope).</param>
    /// <param name="call">Calls a handler instance that <paramref name="resolve"/> returned with the event (already of <paramref name="eventType"/>).</param>
    /// <param name="retry">The handler's retry policy; <see cref="HandlerRetryPolicy.None"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public EventHandlerDescriptor(Type eventType, Type handlerType, Func<IServiceProvider, object> resolve, Func<object, IDomainEvent, CancellationToken, ValueTask> call, HandlerRetryPolicy? retry = null)
    {
        EventType = eventType ?? throw new ArgumentNullException(nameof(eventType));
        HandlerType = handlerType ?? throw new ArgumentNullException(nameof(handlerType));
        Resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
        Call = call ?? throw new ArgumentNullException(nameof(call));
        Invoke = (provider, domainEvent, cancellationToken) => call(resolve(provider), domainEvent, cancellationToken);
        Retry = retry ?? HandlerRetryPolicy.None;
        Name = handlerType.Name;
    }

    /// <summary>The event type handled.</summary>
    public Type EventType { get; }

    /// <summary>The handler class.</summary>
    public Type HandlerType { get; }

    /// <summary>The handler's short name, for logs and failures.</summary>
    public string Name { get; }

    /// <summary>Resolves the handler and calls it (for a descriptor with <see cref="Resolve"/> and <see cref="Call"/>: both, every time).</summary>
    public Func<IServiceProvider, IDomainEvent, CancellationToken, ValueTask> Invoke { get; }

    /// <summary>
    /// Resolves the handler instance from a provider; <see langword="null"/> for a descriptor built with only an
    /// <see cref="Invoke"/> delegate. Dispatchers call it once per dispatcher (per scope) and reuse the instance.
    /// </summary>
    public Func<IServiceProvider, object>? Resolve { get; }

    /// <summary>
    /// Calls a handler instance returned by <see cref="Resolve"/>; <see langword="null"/> exactly when <see cref="Resolve"/> is.
    /// </summary>
    public Func<object, IDomainEvent, CancellationToken, ValueTask>? Call { get; }

    /// <summary>The handler's retry policy.</summary>
    public HandlerRetryPolicy Retry { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ← {EventType.Name}";
}
