using System.ComponentModel;

namespace Bloom;

/// <summary>
/// Written by the generator into an assembly that declares <c>[DomainEvent]</c> types, naming its generated
/// <c>BloomDomainEvents</c> class, so the project that composes services (often Infrastructure) combines every project's
/// registry without scanning types (DESIGN §6). Not for use in hand-written code.
/// </summary>
/// <param name="registry">The generated <c>BloomDomainEvents</c> class (its static <c>Registry</c> property is read).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class BloomDomainEventRegistryAttribute(Type registry) : Attribute
{
    /// <summary>The generated <c>BloomDomainEvents</c> class.</summary>
    public Type Registry { get; } = registry;
}

/// <summary>
/// Written by the generator, once per <c>[DomainEventHandler]</c> class, into an assembly that does not reference Bloom.Runtime
/// (an Application project, say): a project that does (Infrastructure) then generates the handler's descriptors and DI
/// registration. Assemblies that reference Bloom.Runtime describe their handlers themselves, in <c>BloomEventHandlers</c>.
/// Not for use in hand-written code.
/// </summary>
/// <param name="handler">The handler class.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class BloomEventHandlerAttribute(Type handler) : Attribute
{
    /// <summary>The handler class.</summary>
    public Type Handler { get; } = handler;
}
