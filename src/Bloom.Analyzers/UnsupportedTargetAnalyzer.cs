using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM0002: a Bloom attribute on a generic type, or on a type nested inside a generic type. The generator
/// cannot extend such a type and emits nothing for it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedTargetAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnsupportedTarget);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomTargetAttributes.TryCreate(start.Compilation) is not { } attributes)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, attributes), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, BloomTargetAttributes attributes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (attributes.FindOn(type) is not { } attribute)
        {
            return;
        }

        string reason;
        if (type.Arity > 0)
        {
            reason = "it is generic";
        }
        else if (FirstGenericContainer(type) is { } container)
        {
            reason = $"it is nested inside the generic type '{BloomTargetAttributes.DisplayName(container)}'";
        }
        else
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnsupportedTarget,
            GetLocation(type, attribute, context.CancellationToken),
            BloomTargetAttributes.DisplayName(type),
            BloomTargetAttributes.ShortName(attribute),
            reason));
    }

    private static INamedTypeSymbol? FirstGenericContainer(INamedTypeSymbol type)
    {
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            if (current.Arity > 0)
            {
                return current;
            }
        }

        return null;
    }

    // The identifier of the declaration that carries the attribute (a partial type may have several parts).
    private static Location GetLocation(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration)
        {
            return declaration.Identifier.GetLocation();
        }

        return type.Locations.Length > 0 ? type.Locations[0] : Location.None;
    }
}
