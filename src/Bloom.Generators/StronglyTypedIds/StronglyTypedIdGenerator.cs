using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.StronglyTypedIds;

/// <summary>Generates value wrappers for <c>[StronglyTypedId]</c> structs: creation, parsing, equality, ordering and JSON.</summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class StronglyTypedIdGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.StronglyTypedIdAttribute,
                static (node, _) => node is StructDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(GeneratorStepNames.StronglyTypedIds);

        context.RegisterSourceOutput(models, static (spc, result) => GeneratorFailure.Emit(spc, result, Emit));
    }
}
