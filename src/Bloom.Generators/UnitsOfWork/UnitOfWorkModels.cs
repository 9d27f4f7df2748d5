using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.UnitsOfWork;

/// <summary>
/// A persistable aggregate a unit of work exposes: declared in this compilation (found with <c>[Aggregate]</c>) or listed by a
/// referenced assembly's <c>[assembly: BloomAggregate(...)]</c>. Type names are <c>global::</c>-qualified.
/// </summary>
internal sealed record PersistableAggregateModel(
    string AggregateType,
    string IdType,
    string RepositoryType,
    string RepositoryName,
    string PropertyName,
    bool IsPublic);

/// <summary>
/// One repository property of a unit-of-work interface, as the implementation implements it: its name, the interface that
/// declares it (the unit of work itself or one of its bases), and the repository, aggregate and id types.
/// </summary>
internal sealed record RepositoryPropertyModel(string Name, string DeclaringInterface, string RepositoryType, string AggregateType, string IdType);

/// <summary>
/// A property the user declared on a <c>[UnitOfWork]</c> interface (or a base of it). <see cref="Repository"/> is set when its type
/// is visibly a repository; otherwise <see cref="CandidateName"/> is the type's simple name, matched later against the generated
/// repository interfaces of this compilation's aggregates (which this generator cannot see), or empty for a non-repository member.
/// </summary>
internal sealed record DeclaredPropertyModel(string Name, string DeclaringInterface, RepositoryPropertyModel? Repository, string CandidateName, string CandidateType);

/// <summary>
/// A <c>[UnitOfWork]</c> interface declared in this compilation, before the aggregates are known. <c>CanBeNamedInAssembly</c> is
/// false when a containing type is private or protected (an assembly attribute cannot name it); <c>MemberNames</c> holds every
/// member name the interface and its bases declare, which generated properties must not repeat.
/// </summary>
internal sealed record UnitOfWorkDeclarationModel(
    HierarchyInfo Hierarchy,
    bool IsPublic,
    bool CanBeNamedInAssembly,
    EquatableArray<DeclaredPropertyModel> DeclaredProperties,
    EquatableArray<string> MemberNames);

/// <summary>
/// Everything the implementation of one unit-of-work interface needs: the interface (<c>global::</c>-qualified), the
/// implementation's namespace (the interface's) and name (<c>BloomShopUnitOfWork</c>), the interface's hint-name stem, and the
/// repository properties to implement.
/// </summary>
internal sealed record UnitOfWorkImplementationModel(
    string InterfaceType,
    string Namespace,
    string ClassName,
    string FilenameHint,
    EquatableArray<RepositoryPropertyModel> Properties);

/// <summary>
/// A <c>[UnitOfWork]</c> interface of this compilation with its properties resolved against the visible aggregates: the
/// properties Bloom adds to the interface, and its implementation (generated where Bloom.Runtime and DI are referenced).
/// </summary>
internal sealed record UnitOfWorkInterfaceModel(
    HierarchyInfo Hierarchy,
    bool CanBeNamedInAssembly,
    EquatableArray<RepositoryPropertyModel> GeneratedProperties,
    UnitOfWorkImplementationModel Implementation);

/// <summary>
/// What the referenced assemblies contribute, read from their assembly-level attributes only (never their types). <c>CanImplement</c>:
/// the compilation sees Bloom.Runtime's unit of work and builder and <c>IServiceCollection</c>; <c>UnitsOfWork</c> (interfaces listed
/// by <c>[assembly: BloomUnitOfWork]</c>), <c>HandlerSets</c> (<c>BloomEventHandlers</c> classes listed by
/// <c>[assembly: BloomEventHandlers]</c>) and <c>EventRegistries</c> (<c>BloomDomainEvents</c> classes listed by
/// <c>[assembly: BloomDomainEventRegistry]</c>) are empty when it does not. Class names are <c>global::</c>-qualified and sorted.
/// </summary>
internal sealed record ReferencesModel(
    bool CanImplement,
    EquatableArray<PersistableAggregateModel> Aggregates,
    EquatableArray<UnitOfWorkImplementationModel> UnitsOfWork,
    EquatableArray<string> HandlerSets,
    EquatableArray<string> EventRegistries);

/// <summary>
/// What this compilation's other Bloom generators emit for events, as the unit-of-work generator (which cannot see their output)
/// works it out with their own code: the <c>BloomEventHandlers</c> and <c>BloomDomainEvents</c> classes (<c>global::</c>-qualified),
/// each empty when not generated here.
/// </summary>
internal sealed record LocalEventSetsModel(string HandlerSet, string EventRegistry);

/// <summary>
/// The generated <c>AddBloom</c>: aggregates whose mappings it registers, the units of work it implements and registers, the
/// handler sets (<c>BloomEventHandlers</c>) and event registries (<c>BloomDomainEvents</c>) of this and referenced assemblies.
/// </summary>
internal sealed record RegistrationModel(
    EquatableArray<PersistableAggregateModel> Aggregates,
    EquatableArray<UnitOfWorkImplementationModel> UnitsOfWork,
    EquatableArray<string> HandlerSets,
    EquatableArray<string> EventRegistries);
