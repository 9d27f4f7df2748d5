using Bloom.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bloom.Persistence;

/// <summary>
/// Configures Bloom in a service collection: the aggregate store, the aggregates' mappings, the units of work and their
/// repositories, the domain event registries and the event handlers. The generated <c>services.AddBloom(b => ...)</c> creates it,
/// lets the caller choose the store (<c>b.UseSqlite(...)</c>, <see cref="UseInMemory"/> or <see cref="UseStore"/>) and how events
/// are delivered, then registers what the project's <c>[Aggregate]</c>, <c>[UnitOfWork]</c>, <c>[DomainEvent]</c> and
/// <c>[DomainEventHandler]</c> types (and those of the projects it references) need. Every registration Bloom makes uses a
/// factory: no reflection, NativeAOT-safe.
/// </summary>
/// <remarks>
/// <para>
/// Lifetimes: the store, <see cref="BloomSchema"/>, each <see cref="IUnitOfWorkFactory{TUnitOfWork}"/>, the
/// <see cref="EventHandlerMap"/>, the combined <see cref="DomainEventRegistry"/> and the <see cref="EventEnvelopeSerializer"/> are
/// singletons; a unit of work, its repositories, the <see cref="IEventDispatcher"/> and (by default) each event handler are scoped.
/// A scope's unit of work is disposed with the scope, which rolls back anything not committed.
/// </para>
/// <para>
/// Events: a unit of work dispatches the events of what it committed, after the commit succeeded, through the
/// <see cref="IEventDispatcher"/> of its scope (<see cref="SequentialEventDispatcher"/>, or <see cref="ConcurrentEventDispatcher"/>
/// after <see cref="UseConcurrentDispatch"/>), so scoped handlers share the scope of the request. A unit of work begun by an
/// <see cref="IUnitOfWorkFactory{TUnitOfWork}"/> belongs to no scope: it dispatches through a <see cref="ScopedEventDispatcher"/>,
/// which opens a new scope for each commit's events and disposes it afterwards.
/// </para>
/// </remarks>
public sealed class BloomBuilder
{
    private readonly EventSettings _events;

    /// <summary>
    /// Creates a builder over <paramref name="services"/> and registers <see cref="BloomSchema"/> and the event services
    /// (<see cref="EventHandlerMap"/>, <see cref="DomainEventRegistry"/>, <see cref="EventEnvelopeSerializer"/>, <see cref="IEventDispatcher"/>),
    /// each unless already registered.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public BloomBuilder(IServiceCollection services)
    {
        Services = services ?? throw new ArgumentNullException(nameof(services));
        services.TryAddSingleton(static provider => new BloomSchema(
            provider.GetRequiredService<IAggregateStore>(),
            provider.GetServices<AggregateRegistration>().Select(static r => r.Mapping)));

        // One settings object per service collection, so a second AddBloom (or an extension's builder) sees the same choices.
        _events = Find<EventSettings>(services) ?? new EventSettings();
        services.TryAddSingleton(_events);
        services.TryAddSingleton(static provider => BuildMap(provider.GetServices<HandlerSetRegistration>()));
        services.TryAddSingleton(static provider => CombineRegistries(provider.GetServices<EventRegistryRegistration>()));
        services.TryAddSingleton(static provider => new EventEnvelopeSerializer(provider.GetRequiredService<DomainEventRegistry>()));
        services.TryAddScoped(static provider => CreateDispatcher(provider));
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Whether a store was chosen (<see cref="UseStore"/>, <see cref="UseInMemory"/>, <c>UseSqlite</c>).</summary>
    public bool HasStore { get; private set; }

    /// <summary>
    /// Whether committed events are also written to the outbox, in the commit's transaction: units of work then get the
    /// <see cref="EventEnvelopeSerializer"/> as <see cref="UnitOfWorkServices.Outbox"/>. Set by <c>b.UseOutbox(...)</c>, which also
    /// registers the store that writes the rows; setting it by hand without such a store makes commits fail. Off by default.
    /// </summary>
    public bool OutboxEnabled
    {
        get => _events.OutboxEnabled;
        set => _events.OutboxEnabled = value;
    }

    /// <summary>Whether units of work dispatch committed events to in-process handlers (<see cref="PublishInProcess"/>); on by default.</summary>
    public bool PublishesInProcess => _events.PublishInProcess;

    /// <summary>Whether the handlers of one event run concurrently (<see cref="UseConcurrentDispatch"/>); off by default.</summary>
    public bool DispatchesConcurrently => _events.Concurrent;

    /// <summary>
    /// Creates a builder, runs <paramref name="configure"/> on it and checks that it chose a store. Called by the generated
    /// <c>AddBloom</c> before it registers the project's aggregates and units of work.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Chooses the store and, optionally, adds hand-written registrations.</param>
    /// <returns>The configured builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="configure"/> chose no store.</exception>
    public static BloomBuilder Configure(IServiceCollection services, Action<BloomBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new BloomBuilder(services);
        configure(builder);
        if (!builder.HasStore)
        {
            throw new InvalidOperationException(
                "Bloom has no aggregate store: call b.UseSqlite(...) or b.UseInMemory() inside AddBloom(b => ...), or b.UseStore(...) for another store.");
        }

        return builder;
    }

    /// <summary>Uses the store <paramref name="factory"/> creates (once: it is a singleton), replacing any store chosen before.</summary>
    /// <param name="factory">Creates the store from the service provider.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public BloomBuilder UseStore(Func<IServiceProvider, IAggregateStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<IAggregateStore>();
        Services.AddSingleton(factory);
        HasStore = true;
        return this;
    }

    /// <summary>
    /// Keeps aggregates in memory (<see cref="InMemoryAggregateStore"/>, a singleton also resolvable by its own type): for tests and
    /// prototypes. Data lives as long as the service provider.
    /// </summary>
    /// <returns>This builder.</returns>
    public BloomBuilder UseInMemory()
    {
        Services.RemoveAll<InMemoryAggregateStore>();
        Services.AddSingleton(static _ => new InMemoryAggregateStore());
        return UseStore(static provider => provider.GetRequiredService<InMemoryAggregateStore>());
    }

    /// <summary>Registers an aggregate's mapping, so <see cref="BloomSchema.EnsureCreatedAsync"/> creates its table. Idempotent.</summary>
    /// <param name="mapping">The aggregate's generated mapping.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mapping"/> is <see langword="null"/>.</exception>
    public BloomBuilder AddAggregate(AggregateMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        foreach (var descriptor in Services)
        {
            if (descriptor.ServiceType == typeof(AggregateRegistration) && descriptor.ImplementationInstance is AggregateRegistration r && ReferenceEquals(r.Mapping, mapping))
            {
                return this;
            }
        }

        Services.AddSingleton(new AggregateRegistration(mapping));
        return this;
    }

    /// <summary>Registers <typeparamref name="TAggregate"/>'s generated mapping (see <see cref="AddAggregate(AggregateMapping)"/>).</summary>
    /// <typeparam name="TAggregate">A persistable aggregate.</typeparam>
    /// <typeparam name="TId">Its identity type.</typeparam>
    /// <returns>This builder.</returns>
    public BloomBuilder AddAggregate<TAggregate, TId>()
        where TAggregate : class, IPersistentAggregate<TAggregate, TId>
        where TId : notnull =>
        AddAggregate(TAggregate.Mapping);

    /// <summary>
    /// Registers a unit of work: <typeparamref name="TUnitOfWork"/> scoped (one per scope, disposed with it) and
    /// <see cref="IUnitOfWorkFactory{TUnitOfWork}"/> as a singleton, both created by <paramref name="create"/> over
    /// <see cref="UnitOfWorkServices"/>: the chosen store; the event dispatcher when <see cref="PublishesInProcess"/> and there are
    /// handlers (the scope's, or for the factory's units of work a <see cref="ScopedEventDispatcher"/> that opens a scope per
    /// commit); and the <see cref="EventEnvelopeSerializer"/> when <see cref="OutboxEnabled"/>. A unit of work already registered
    /// is left as it is.
    /// </summary>
    /// <typeparam name="TUnitOfWork">The unit-of-work interface (a generated <c>[UnitOfWork]</c> one, or hand-written).</typeparam>
    /// <param name="create">Creates a new unit of work over the services.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    public BloomBuilder AddUnitOfWork<TUnitOfWork>(Func<UnitOfWorkServices, TUnitOfWork> create)
        where TUnitOfWork : class, IUnitOfWork
    {
        ArgumentNullException.ThrowIfNull(create);
        Services.TryAddScoped(provider => create(UnitOfWorkServicesFor(provider, () => provider.GetRequiredService<IEventDispatcher>())));
        Services.TryAddSingleton<IUnitOfWorkFactory<TUnitOfWork>>(provider =>
        {
            var scopes = provider.GetRequiredService<IServiceScopeFactory>();
            var services = UnitOfWorkServicesFor(provider, () => new ScopedEventDispatcher(scopes));
            return new UnitOfWorkFactory<TUnitOfWork>(() => create(services));
        });
        return this;
    }

    /// <summary>
    /// Adds event handlers to the <see cref="EventHandlerMap"/>: the generated <c>BloomEventHandlers.Descriptors</c> of an assembly
    /// (the generated <c>AddBloom</c> calls this for every assembly it can see), or hand-written descriptors. Handlers of one event
    /// run in registration order; a handler already registered for the same event is skipped (the first registration wins), and
    /// adding the same collection twice changes nothing. Register the handler types themselves in DI too.
    /// </summary>
    /// <param name="descriptors">The descriptors, in the order their handlers should run.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="descriptors"/> or one of them is <see langword="null"/>.</exception>
    public BloomBuilder AddEventHandlers(IEnumerable<EventHandlerDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        if (Find<HandlerSetRegistration>(Services, r => ReferenceEquals(r.Source, descriptors)) is null)
        {
            var list = descriptors.ToArray();
            foreach (var descriptor in list)
            {
                ArgumentNullException.ThrowIfNull(descriptor, nameof(descriptors));
            }

            Services.AddSingleton(new HandlerSetRegistration(descriptors, list));
        }

        return this;
    }

    /// <summary>
    /// Adds an assembly's event types to the combined <see cref="DomainEventRegistry"/> (and so to the
    /// <see cref="EventEnvelopeSerializer"/>): the generated <c>BloomDomainEvents.Registry</c> (the generated <c>AddBloom</c> calls this
    /// for every assembly it can see). Idempotent. Two registries naming different types alike fail when the registry is resolved.
    /// </summary>
    /// <param name="registry">The registry.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public BloomBuilder AddEventRegistry(DomainEventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (Find<EventRegistryRegistration>(Services, r => ReferenceEquals(r.Registry, registry)) is null)
        {
            Services.AddSingleton(new EventRegistryRegistration(registry));
        }

        return this;
    }

    /// <summary>
    /// Runs the handlers of one event concurrently (<see cref="ConcurrentEventDispatcher"/>) instead of one after another in
    /// registration order (<see cref="SequentialEventDispatcher"/>, the default). Either way a failing handler does not stop the
    /// others, and events are delivered in the order they were raised.
    /// </summary>
    /// <returns>This builder.</returns>
    public BloomBuilder UseConcurrentDispatch()
    {
        _events.Concurrent = true;
        return this;
    }

    /// <summary>
    /// Whether units of work deliver committed events to the in-process handlers (on by default). Turn it off when events should
    /// only leave through the outbox; the handlers stay registered, for a transport to call.
    /// </summary>
    /// <param name="publish">Whether to dispatch in-process after each commit.</param>
    /// <returns>This builder.</returns>
    public BloomBuilder PublishInProcess(bool publish = true)
    {
        _events.PublishInProcess = publish;
        return this;
    }

    /// <summary>
    /// Registers a repository as a scoped service taken from the scope's <typeparamref name="TUnitOfWork"/>, so changes made through
    /// it are written by that unit of work's commit. A repository already registered is left as it is.
    /// </summary>
    /// <typeparam name="TUnitOfWork">The unit of work that owns the repository.</typeparam>
    /// <typeparam name="TRepository">The repository interface, e.g. <c>IOrderRepository</c>.</typeparam>
    /// <param name="select">Reads the repository from the unit of work, e.g. <c>u =&gt; u.Orders</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="select"/> is <see langword="null"/>.</exception>
    public BloomBuilder AddRepository<TUnitOfWork, TRepository>(Func<TUnitOfWork, TRepository> select)
        where TUnitOfWork : class, IUnitOfWork
        where TRepository : class
    {
        ArgumentNullException.ThrowIfNull(select);
        Services.TryAddScoped(provider => select(provider.GetRequiredService<TUnitOfWork>()));
        return this;
    }

    /// <summary>One registered mapping; a private service type so the container's <c>AggregateMapping</c> stays unclaimed.</summary>
    internal sealed record AggregateRegistration(AggregateMapping Mapping);

    private static T? Find<T>(IServiceCollection services, Func<T, bool>? match = null)
        where T : class
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(T) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is T instance && (match is null || match(instance)))
            {
                return instance;
            }
        }

        return null;
    }

    private static UnitOfWorkServices UnitOfWorkServicesFor(IServiceProvider provider, Func<IEventDispatcher> dispatcher)
    {
        var settings = provider.GetRequiredService<EventSettings>();
        var publish = settings.PublishInProcess && provider.GetRequiredService<EventHandlerMap>().Count > 0;
        return new UnitOfWorkServices(
            provider.GetRequiredService<IAggregateStore>(),
            publish ? dispatcher() : null,
            settings.OutboxEnabled ? provider.GetRequiredService<EventEnvelopeSerializer>() : null);
    }

    private static IEventDispatcher CreateDispatcher(IServiceProvider scope)
    {
        var map = scope.GetRequiredService<EventHandlerMap>();
        var time = scope.GetService<TimeProvider>() ?? TimeProvider.System;
        return scope.GetRequiredService<EventSettings>().Concurrent
            ? new ConcurrentEventDispatcher(scope, map, time, scope.GetService<ILogger<ConcurrentEventDispatcher>>())
            : new SequentialEventDispatcher(scope, map, time, scope.GetService<ILogger<SequentialEventDispatcher>>());
    }

    // Registration order, without a second descriptor for the same (event, handler) pair: an assembly's handlers can reach
    // AddBloom through more than one generated set (a runtime-less project's handlers are described by each host referencing it).
    private static EventHandlerMap BuildMap(IEnumerable<HandlerSetRegistration> sets)
    {
        var seen = new HashSet<(Type Event, Type Handler)>();
        var descriptors = new List<EventHandlerDescriptor>();
        foreach (var set in sets)
        {
            foreach (var descriptor in set.Descriptors)
            {
                if (seen.Add((descriptor.EventType, descriptor.HandlerType)))
                {
                    descriptors.Add(descriptor);
                }
            }
        }

        return new EventHandlerMap(descriptors);
    }

    private static DomainEventRegistry CombineRegistries(IEnumerable<EventRegistryRegistration> registrations)
    {
        var registries = registrations.Select(static r => r.Registry).ToArray();
        return registries.Length == 1 ? registries[0] : DomainEventRegistry.Combine(registries);
    }

    /// <summary>The event-delivery choices, shared by every builder over one service collection.</summary>
    internal sealed class EventSettings
    {
        public bool Concurrent { get; set; }

        public bool PublishInProcess { get; set; } = true;

        public bool OutboxEnabled { get; set; }
    }

    /// <summary>One added set of handler descriptors (<paramref name="Source"/> is what was passed, for idempotence).</summary>
    internal sealed record HandlerSetRegistration(object Source, IReadOnlyList<EventHandlerDescriptor> Descriptors);

    /// <summary>One added event registry.</summary>
    internal sealed record EventRegistryRegistration(DomainEventRegistry Registry);
}
