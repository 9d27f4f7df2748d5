namespace Bloom.Generators.EventHandlers;

/// <summary>Metadata names of the Bloom and DI types the event-handler generator looks for (it never references their assemblies).</summary>
internal static class EventHandlerNames
{
    public const string HandlerAttribute = "Bloom.DomainEventHandlerAttribute";
    public const string SyncHandler = "Bloom.IDomainEventHandler`1";
    public const string AsyncHandler = "Bloom.IAsyncDomainEventHandler`1";

    /// <summary>Written into assemblies that cannot host their handlers (no Bloom.Runtime), one per handler.</summary>
    public const string BloomEventHandlerAttribute = "Bloom.BloomEventHandlerAttribute";

    /// <summary>Written into assemblies that host handlers, naming their generated class (in Bloom.Runtime).</summary>
    public const string BloomEventHandlersAttribute = "Bloom.Messaging.BloomEventHandlersAttribute";

    /// <summary>Bloom.Runtime's descriptor, which the generated class builds.</summary>
    public const string Descriptor = "Bloom.Messaging.EventHandlerDescriptor";

    /// <summary>The generated class's name; one per assembly, in the assembly's namespace.</summary>
    public const string GeneratedClass = "BloomEventHandlers";

    public const string RuntimeAssembly = "Bloom.Runtime";
    public const string AbstractionsAssembly = "Bloom.Abstractions";
    public const string DependencyInjectionAssembly = "Microsoft.Extensions.DependencyInjection.Abstractions";
    public const string ServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string ServiceCollectionExtensions = "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions";
}
