using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Entities;

/// <summary>Everything the entity emitter needs.</summary>
internal sealed record EntityModel(HierarchyInfo Hierarchy, IdentityModel Identity);
