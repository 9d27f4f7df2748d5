using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Entities;

/// <summary>
/// Everything the entity emitter needs. <see cref="Members"/> is the persisted state (written as JSON inside the owning aggregate's
/// row); <see cref="Reconstitutable"/> says whether a reconstitution constructor can be generated to read it back.
/// </summary>
internal sealed record EntityModel(HierarchyInfo Hierarchy, IdentityModel Identity, EquatableArray<MemberModel> Members, bool Reconstitutable, bool DeclaresJsonConverter, bool NeedsDefaultConstructor);
