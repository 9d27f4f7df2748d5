using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.DomainEvents;

/// <summary>Everything the domain-event emitter needs.</summary>
internal sealed record DomainEventModel(
    HierarchyInfo Hierarchy,
    string EventName,
    int SchemaVersion,
    EquatableArray<MemberModel> Members,
    ConstructionModel? Construction,
    bool GeneratesEventId,
    bool GeneratesOccurredAt,
    bool DeclaresJsonConverter,
    bool IsAccessibleFromAssembly,
    bool IsSealed,
    EquatableArray<MemberModel> EqualityMembers);

/// <summary>One row of the per-assembly event registry.</summary>
internal sealed record RegistryEntry(string TypeName, string EventName, int SchemaVersion);
