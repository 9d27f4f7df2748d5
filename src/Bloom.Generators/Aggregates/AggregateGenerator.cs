using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Aggregates;

/// <summary>
/// Generates the <c>IAggregateRoot&lt;TId&gt;</c> implementation for <c>[Aggregate]</c> classes: version, pending events,
/// <c>Raise</c>, <c>CheckRule</c>, identity equality, and for event-sourced aggregates the <c>When</c> dispatch.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class AggregateGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.AggregateAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(GeneratorStepNames.Aggregates);

        context.RegisterSourceOutput(models, static (spc, result) => GeneratorFailure.Emit(spc, result, Emit));
    }
}
