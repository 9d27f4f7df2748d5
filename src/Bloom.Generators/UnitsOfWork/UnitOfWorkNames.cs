namespace Bloom.Generators.UnitsOfWork;

/// <summary>Metadata names of the Bloom and DI types the unit-of-work generator looks for (it never references their assemblies).</summary>
internal static class UnitOfWorkNames
{
    public const string UnitOfWorkAttribute = "Bloom.UnitOfWorkAttribute";
    public const string BloomAggregateAttribute = "Bloom.Persistence.BloomAggregateAttribute";
    public const string BloomUnitOfWorkAttribute = "Bloom.Persistence.BloomUnitOfWorkAttribute";
    public const string BloomDomainEventRegistryAttribute = "Bloom.BloomDomainEventRegistryAttribute";
    public const string BloomEventHandlersAttribute = "Bloom.Messaging.BloomEventHandlersAttribute";
    public const string Repository = "Bloom.IRepository`2";
    public const string PersistentAggregate = "Bloom.Persistence.IPersistentAggregate`2";
    public const string UnitOfWorkPort = "Bloom.IUnitOfWork";
    public const string SyncUnitOfWorkPort = "Bloom.ISyncUnitOfWork";

    /// <summary>Bloom.Runtime's generic unit of work, the base of every generated implementation.</summary>
    public const string RuntimeUnitOfWork = "Bloom.Persistence.UnitOfWork";

    /// <summary>Bloom.Runtime's DI builder, which the generated <c>AddBloom</c> drives.</summary>
    public const string RuntimeBuilder = "Bloom.Persistence.BloomBuilder";

    public const string RuntimeAssembly = "Bloom.Runtime";
    public const string DependencyInjectionAssembly = "Microsoft.Extensions.DependencyInjection.Abstractions";
    public const string ServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";

    /// <summary>The assembly whose attributes make a referenced assembly worth reading.</summary>
    public const string AbstractionsAssembly = "Bloom.Abstractions";
}
