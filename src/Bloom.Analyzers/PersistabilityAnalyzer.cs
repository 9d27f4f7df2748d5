using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Bloom.Generators.Persistence;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM4002: a state-stored <c>[Aggregate]</c> that the generator cannot map. Runs the generator's own mapping rules
/// (<see cref="PersistenceParser"/>, linked from Bloom.Generators) so the diagnostic and the generated code never disagree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersistabilityAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AggregateNotPersistable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(static a => a.AttributeClass is { Name: "AggregateAttribute", ContainingNamespace: { Name: "Bloom", ContainingNamespace.IsGlobalNamespace: true } });
        if (attribute is null || type.Arity > 0 || type.ContainingType is { Arity: > 0 } ||
            attribute.NamedArguments.Any(static a => a.Key == "EventSourced" && a.Value.Value is true))
        {
            return; // generic targets are BLM0002; event-sourced aggregates are stored as streams
        }

        // A type derived from another [Aggregate] shares its base's table and plumbing; the base is what gets checked.
        for (var ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (ancestor.GetAttributes().Any(static a => a.AttributeClass?.Name == "AggregateAttribute"))
            {
                return;
            }
        }

        if (type.GetMembers("Id").IsEmpty)
        {
            return; // no identity at all: the identity rules (BLM1007) report that
        }

        if (PersistenceParser.Analyze(type, attribute, context.CancellationToken, out var reason) is not null || reason is null)
        {
            return;
        }

        var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration
            ? declaration.Identifier.GetLocation()
            : type.Locations.FirstOrDefault() ?? Location.None;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AggregateNotPersistable, location, type.Name, reason));
    }
}
