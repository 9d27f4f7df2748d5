using System.Collections.Immutable;

namespace Bloom.IntegrationTests.Domain;

/// <summary>A single-member record over an <see cref="ImmutableArray{T}"/>: serialized as the bare array.</summary>
[ValueObject]
public sealed partial record Route(ImmutableArray<string> Stops);
