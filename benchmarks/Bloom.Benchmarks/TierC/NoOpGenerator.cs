using Microsoft.CodeAnalysis;

namespace Bloom.Benchmarks.TierC;

/// <summary>Baseline (a): the cheapest generator that finds the same annotated types — ForAttributeWithMetadataName, a trivial transform, no output.</summary>
internal sealed class NoOpGenerator : IIncrementalGenerator
{
    private static readonly string[] s_attributes =
    [
        "Bloom.StronglyTypedIdAttribute",
        "Bloom.ValueObjectAttribute",
        "Bloom.EntityAttribute",
        "Bloom.AggregateAttribute",
        "Bloom.DomainEventAttribute",
    ];

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var attribute in s_attributes)
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (_, _) => true,
                static (ctx, _) => ctx.TargetSymbol.Name);
            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}
