using Microsoft.Extensions.Logging;

namespace Bloom.Runtime.Tests.Messaging;

/// <summary>An event for dispatcher tests (hand-written: the dispatchers need no registry).</summary>
internal sealed record Ping(int N) : IDomainEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UnixEpoch;
}

/// <summary>A second event type.</summary>
internal sealed record Pong(int N) : IDomainEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UnixEpoch;
}

// Marker types: a descriptor's handler name is its handler type's name.
internal sealed class HandlerA;

internal sealed class HandlerB;

internal sealed class HandlerC;

/// <summary>A minimal provider: handlers are registered instances.</summary>
internal sealed class TestServices : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public TestServices Add<T>(T instance)
        where T : class
    {
        _services[typeof(T)] = instance;
        return this;
    }

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);
}

/// <summary>Both registries, built alike, so one test can run against each.</summary>
internal static class Dispatchers
{
    public const string Sequential = nameof(SequentialEventDispatcher);
    public const string Concurrent = nameof(ConcurrentEventDispatcher);

    public static readonly string[] Both = [Sequential, Concurrent];

    public static IEventDispatcher Create(string kind, IEnumerable<EventHandlerDescriptor> handlers, IServiceProvider? services = null, TimeProvider? time = null, ILoggerFactory? logging = null)
    {
        var map = new EventHandlerMap(handlers);
        services ??= new TestServices();
        return kind == Sequential
            ? new SequentialEventDispatcher(services, map, time, logging?.CreateLogger<SequentialEventDispatcher>())
            : new ConcurrentEventDispatcher(services, map, time, logging?.CreateLogger<ConcurrentEventDispatcher>());
    }

    /// <summary>A descriptor whose handler is the delegate <paramref name="handle"/>, named after <typeparamref name="THandler"/>.</summary>
    public static EventHandlerDescriptor Handler<THandler, TEvent>(Func<TEvent, CancellationToken, ValueTask> handle, HandlerRetryPolicy? retry = null)
        where TEvent : IDomainEvent =>
        new(typeof(TEvent), typeof(THandler), (_, domainEvent, cancellationToken) => handle((TEvent)domainEvent, cancellationToken), retry);

    /// <summary>A synchronous descriptor.</summary>
    public static EventHandlerDescriptor Sync<THandler, TEvent>(Action<TEvent> handle, HandlerRetryPolicy? retry = null)
        where TEvent : IDomainEvent =>
        Handler<THandler, TEvent>((domainEvent, _) =>
        {
            handle(domainEvent);
            return default;
        }, retry);
}

/// <summary>Collects log entries (level, message, exception).</summary>
internal sealed class ListLoggerProvider : ILoggerProvider, ILoggerFactory
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Entries)
            {
                owner.Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
