using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bloom.Persistence;

/// <summary>
/// Configures Bloom's persistence in a service collection: the aggregate store, the aggregates' mappings, the units of work and
/// their repositories. The generated <c>services.AddBloom(b => ...)</c> creates it, lets the caller choose the store
/// (<c>b.UseSqlite(...)</c>, <see cref="UseInMemory"/> or <see cref="UseStore"/>), then registers what the project's
/// <c>[Aggregate]</c> and <c>[UnitOfWork]</c> types need. Every registration uses a factory: no reflection, NativeAOT-safe.
/// </summary>
/// <remarks>
/// Lifetimes: the store, <see cref="BloomSchema"/> and each <see cref="IUnitOfWorkFactory{TUnitOfWork}"/> are singletons; a unit of
/// work and its repositories are scoped (one per request), and disposed with the scope, which rolls back anything not committed.
/// </remarks>
public sealed class BloomBuilder
{
    /// <summary>Creates a builder over <paramref name="services"/> and registers <see cref="BloomSchema"/>.</summary>
    /// <param name="services">The service collection to add to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public BloomBuilder(IServiceCollection services)
    {
        Services = services ?? throw new ArgumentNullException(nameof(services));
        services.TryAddSingleton(static provider => new BloomSchema(
            provider.GetRequiredService<IAggregateStore>(),
            provider.GetServices<AggregateRegistration>().Select(static r => r.Mapping)));
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Whether a store was chosen (<see cref="UseStore"/>, <see cref="UseInMemory"/>, <c>UseSqlite</c>).</summary>
    public bool HasStore { get; private set; }

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
    /// <see cref="IUnitOfWorkFactory{TUnitOfWork}"/> as a singleton, both created by <paramref name="create"/> over the chosen store.
    /// A unit of work already registered is left as it is.
    /// </summary>
    /// <typeparam name="TUnitOfWork">The unit-of-work interface (a generated <c>[UnitOfWork]</c> one, or hand-written).</typeparam>
    /// <param name="create">Creates a new unit of work over the store.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    public BloomBuilder AddUnitOfWork<TUnitOfWork>(Func<IAggregateStore, TUnitOfWork> create)
        where TUnitOfWork : class, IUnitOfWork
    {
        ArgumentNullException.ThrowIfNull(create);
        Services.TryAddScoped(provider => create(provider.GetRequiredService<IAggregateStore>()));
        Services.TryAddSingleton<IUnitOfWorkFactory<TUnitOfWork>>(provider =>
        {
            var store = provider.GetRequiredService<IAggregateStore>();
            return new UnitOfWorkFactory<TUnitOfWork>(() => create(store));
        });
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
}
