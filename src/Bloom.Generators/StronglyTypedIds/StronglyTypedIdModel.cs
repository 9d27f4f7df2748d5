using Bloom.Roslyn;

namespace Bloom.Generators.StronglyTypedIds;

/// <summary>Mirrors <c>Bloom.IdBacking</c> (the generator does not reference Bloom.Abstractions).</summary>
internal enum IdBackingKind
{
    Guid = 0,
    Long = 1,
    String = 2,
}

/// <summary>Everything the strongly-typed-id emitter needs.</summary>
internal sealed record StronglyTypedIdModel(HierarchyInfo Hierarchy, IdBackingKind Backing, bool DeclaresToString, bool DeclaresJsonConverter);
