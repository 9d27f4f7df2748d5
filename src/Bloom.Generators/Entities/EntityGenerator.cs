using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Entities;

/// <summary>Generates <c>IEntity&lt;TId&gt;</c> and identity equality for <c>[Entity]</c> classes.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class EntityGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.EntityAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(GeneratorStepNames.Entities);

        context.RegisterSourceOutput(models, static (spc, result) => GeneratorFailure.Emit(spc, result, Emit));
    }

    private static ParseResult<EntityModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        return GeneratorFailure.Parse(symbol.Name, () =>
            HierarchyInfo.TryCreate(symbol, cancellationToken) is { } hierarchy && IdentityModel.TryCreate(symbol) is { } identity
                ? new EntityModel(hierarchy, identity)
                : null);
    }

    private static void Emit(SourceProductionContext context, EntityModel model)
    {
        var w = new SourceWriter();
        var self = model.Hierarchy.GlobalName;
        Names.OpenHierarchy(w, model.Hierarchy, $" : global::Bloom.IEntity<{model.Identity.IdTypeName}>, global::System.IEquatable<{self}>");
        IdentityEmitter.Emit(w, model.Identity, self);
        Names.CloseHierarchy(w, model.Hierarchy);
        context.AddSource($"{model.Hierarchy.FilenameHint}.Entity.g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
    }
}
