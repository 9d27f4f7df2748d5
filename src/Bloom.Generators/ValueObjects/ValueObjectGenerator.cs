using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.ValueObjects;

/// <summary>
/// Generates structural equality, validation on every construction path, a readable <c>ToString</c> and a JSON converter
/// for <c>[ValueObject]</c> types.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ValueObjectGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.ValueObjectAttribute,
                static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(GeneratorStepNames.ValueObjects);

        context.RegisterSourceOutput(models, static (spc, result) => GeneratorFailure.Emit(spc, result, Emit));
    }
}
