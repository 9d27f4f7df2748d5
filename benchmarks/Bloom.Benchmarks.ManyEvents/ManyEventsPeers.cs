using Bloom.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.Benchmarks.ManyEvents;

// The measured event of A7: the same shape and handler bodies as A6's event in Bloom.Benchmarks, in an assembly that also
// holds 500 other event types (ManyEvents.g.cs).

/// <summary>The A7 event: a Bloom domain event and a Mediator notification (no state; one instance is reused).</summary>
public sealed class ManyPlaced : IDomainEvent, global::Mediator.INotification
{
    public Guid EventId => Guid.Empty;

    public DateTimeOffset OccurredAt => default;
}

[DomainEventHandler]
public sealed class ManyPlacedBloomHandler1 : IAsyncDomainEventHandler<ManyPlaced>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(ManyPlaced domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

[DomainEventHandler]
public sealed class ManyPlacedBloomHandler2 : IAsyncDomainEventHandler<ManyPlaced>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(ManyPlaced domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

public sealed class ManyPlacedMediatorHandler1 : global::Mediator.INotificationHandler<ManyPlaced>
{
    public int Count { get; private set; }

    public ValueTask Handle(ManyPlaced notification, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

public sealed class ManyPlacedMediatorHandler2 : global::Mediator.INotificationHandler<ManyPlaced>
{
    public int Count { get; private set; }

    public ValueTask Handle(ManyPlaced notification, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

/// <summary>This assembly's Bloom handlers, as the A7 benchmark registers them.</summary>
public static class ManyEventsBloomHandlers
{
    /// <summary>The generated event types (generate.py's N), each with one Bloom handler; <see cref="ManyPlaced"/> comes on top.</summary>
    public const int EventTypeCount = 500;

    /// <summary>The descriptors Bloom's generator wrote for this assembly (<see cref="BloomEventHandlers"/>).</summary>
    public static IReadOnlyList<EventHandlerDescriptor> Descriptors => BloomEventHandlers.Descriptors;

    /// <summary>
    /// Registers every Bloom handler of this assembly: as singletons (the lifetime the Mediator peers use) when
    /// <paramref name="singletons"/>, then the generated registrations (scoped, for the types not registered yet).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="singletons">Whether to register the handlers as singletons first.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddManyEventsHandlers(this IServiceCollection services, bool singletons)
    {
        if (singletons)
        {
            foreach (var descriptor in BloomEventHandlers.Descriptors)
            {
                services.AddSingleton(descriptor.HandlerType);
            }
        }

        BloomEventHandlers.AddHandlers(services);
        return services;
    }

    /// <summary>How often the two <see cref="ManyPlaced"/> handlers ran (for the benchmark's checks).</summary>
    /// <param name="services">The provider the handlers were resolved from.</param>
    /// <returns>The sum of both handlers' counts.</returns>
    public static int ManyPlacedCount(IServiceProvider services) =>
        services.GetRequiredService<ManyPlacedBloomHandler1>().Count + services.GetRequiredService<ManyPlacedBloomHandler2>().Count;
}

/// <summary>
/// The A7 Mediator.SourceGenerator peer. The mediator generated for this assembly is internal (two public generated mediators
/// would clash in Bloom.Benchmarks), so the benchmark calls these two small methods; the JIT inlines them.
/// </summary>
public sealed class ManyTypesMediatorPeer
{
    private readonly Generated.Mediator _mediator;
    private readonly global::Mediator.IPublisher _publisher;
    private readonly ManyPlaced _notification = new();
    private readonly ServiceProvider _services;

    public ManyTypesMediatorPeer()
    {
        var services = new ServiceCollection();
        services.AddMediator(static options =>
        {
            options.Namespace = "Bloom.Benchmarks.ManyEvents.Generated";
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Assemblies = [typeof(ManyPlaced)];
        });
        _services = services.BuildServiceProvider();
        _mediator = _services.GetRequiredService<Generated.Mediator>();
        _publisher = _services.GetRequiredService<global::Mediator.IPublisher>();
    }

    /// <summary>The number of notification types the generated mediator knows (the 500 plus <see cref="ManyPlaced"/>).</summary>
    public static int NotificationTypes => ManyEventsBloomHandlers.EventTypeCount + 1;

    /// <summary>The concrete mediator's <c>Publish(ManyPlaced)</c> overload.</summary>
    /// <returns>The publish.</returns>
    public ValueTask PublishConcrete() => _mediator.Publish(_notification, CancellationToken.None);

    /// <summary>Through <c>IPublisher.Publish&lt;T&gt;</c>, as application code usually calls it.</summary>
    /// <returns>The publish.</returns>
    public ValueTask PublishViaIPublisher() => _publisher.Publish(_notification, CancellationToken.None);

    /// <summary>How often the two <see cref="ManyPlaced"/> handlers ran.</summary>
    public int HandledCount =>
        _services.GetServices<global::Mediator.INotificationHandler<ManyPlaced>>().Sum(static h => h switch
        {
            ManyPlacedMediatorHandler1 h1 => h1.Count,
            ManyPlacedMediatorHandler2 h2 => h2.Count,
            _ => 0,
        });
}
