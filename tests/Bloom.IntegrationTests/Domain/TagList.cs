namespace Bloom.IntegrationTests.Domain;

/// <summary>A positional record with a <see cref="List{T}"/> and an array member: compared element by element.</summary>
[ValueObject]
public sealed partial record TagList(List<string> Names, int[] Scores);
