using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM1006: an <c>[Aggregate]</c> or <c>[Entity]</c> without an instance property named <c>Id</c> (base types searched), for
/// which the generator produces nothing. BLM1007: an aggregate whose <c>Id</c> is not a <c>[StronglyTypedId]</c> type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdentityAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingIdentity, DiagnosticDescriptors.IdNotStronglyTyped);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, BloomSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;

        // Only the type that carries the attribute reports; a subclass inherits the verdict of its base.
        var attribute = FindAttribute(type, symbols.Aggregate) ?? FindAttribute(type, symbols.Entity);
        if (attribute is null)
        {
            return;
        }

        var isAggregate = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.Aggregate);
        var name = BloomTargetAttributes.DisplayName(type);
        var idType = BloomSymbols.IdTypeOf(type);
        if (idType is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MissingIdentity,
                IdentifierLocation(type, attribute, context.CancellationToken),
                name,
                BloomTargetAttributes.ShortName(attribute)));
            return;
        }

        if (!isAggregate || idType.TypeKind == TypeKind.Error || symbols.IsStronglyTypedId(idType))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.IdNotStronglyTyped,
            IdTypeLocation(type, context.CancellationToken) ?? IdentifierLocation(type, attribute, context.CancellationToken),
            name,
            idType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
    }

    private static AttributeData? FindAttribute(INamedTypeSymbol type, INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null)
        {
            return null;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))
            {
                return attribute;
            }
        }

        return null;
    }

    // The identifier of the partial declaration that carries the attribute.
    private static Location IdentifierLocation(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration)
        {
            return declaration.Identifier.GetLocation();
        }

        return type.Locations.FirstOrDefault() ?? Location.None;
    }

    // Where the Id's type is written, when the Id is declared in this type (as a property or a positional parameter).
    private static Location? IdTypeLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers("Id"))
        {
            if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property)
            {
                continue;
            }

            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax(cancellationToken))
                {
                    case PropertyDeclarationSyntax declaration:
                        return declaration.Type.GetLocation();
                    case ParameterSyntax { Type: { } parameterType }:
                        return parameterType.GetLocation();
                }
            }
        }

        return null;
    }
}
