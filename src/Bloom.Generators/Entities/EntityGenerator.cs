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
                ? new EntityModel(
                    hierarchy,
                    identity,
                    Persistence.Reconstitution.StateMembers(symbol, cancellationToken)
                        .Select(static m => TypeAnalysis.CreateMember(m.Name, m.Type, isPublic: false)).ToEquatableArray(),
                    Persistence.Reconstitution.IsEligible(symbol, cancellationToken),
                    TypeAnalysis.HasAttribute(symbol, "System.Text.Json.Serialization.JsonConverterAttribute"),
                    !MemberCollector.HasDeclaredConstructor(symbol))
                : null);
    }

    private static void Emit(SourceProductionContext context, EntityModel model)
    {
        var w = new SourceWriter();
        var self = model.Hierarchy.GlobalName;
        var attributes = model.DeclaresJsonConverter ? [] : new[] { $"[global::System.Text.Json.Serialization.JsonConverter(typeof({self}.BloomJsonConverter))]" };
        Names.OpenHierarchy(w, model.Hierarchy, $" : global::Bloom.IEntity<{model.Identity.IdTypeName}>, global::System.IEquatable<{self}>", attributes);
        IdentityEmitter.Emit(w, model.Identity, self);
        EmitPersistence(w, model, self);
        Names.CloseHierarchy(w, model.Hierarchy);
        context.AddSource($"{model.Hierarchy.FilenameHint}.Entity.g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
    }

    // Entities are stored inside their aggregate's row as JSON: a reconstitution constructor (no user logic runs) and a converter.
    private static void EmitPersistence(SourceWriter w, EntityModel model, string self)
    {
        ConstructionModel? construction = null;
        if (model.Reconstitutable)
        {
            if (model.NeedsDefaultConstructor)
            {
                Persistence.Reconstitution.EmitDefaultConstructor(w, model.Hierarchy.Name);
            }

            var parameters = string.Concat(model.Members.Select(static (m, i) => $", {m.TypeName} p{i}"));
            w.WriteLine("/// <summary>Reconstitution: rebuilds the state from storage; runs no constructor logic or validation.</summary>");
            w.WriteLine(Names.GeneratedCode);
            w.WriteLine("#pragma warning disable CS8618 // [NotPersisted] members keep their initializer or default");
            w.WriteLine($"private {model.Hierarchy.Name}(global::Bloom.Persistence.ReconstitutionMarker marker{parameters})").OpenBlock();
            for (var i = 0; i < model.Members.Count; i++)
            {
                w.WriteLine($"this.{Names.Id(model.Members[i].Name)} = p{i};");
            }

            w.CloseBlock().WriteLine("#pragma warning restore CS8618").WriteLine();
            construction = new ConstructionModel(model.Members.Select(static m => m.Name).ToEquatableArray(), EquatableArray<string>.Empty);
        }

        if (!model.DeclaresJsonConverter)
        {
            JsonEmitter.EmitObjectConverter(w, self, model.Hierarchy.NestedName, isValueType: false, model.Members, construction,
                constructorPrefix: "default(global::Bloom.Persistence.ReconstitutionMarker)");
        }
    }
}
