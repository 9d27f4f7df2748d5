using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM1001: an aggregate holds another aggregate by reference in an instance field or property, directly or as a
/// collection element, dictionary key or value, tuple element or nullable. It must hold the other aggregate's id.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AggregateReferenceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AggregateHeldByReference);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomSymbols.TryCreate(start.Compilation) is not { Aggregate: not null } symbols)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.Field, SymbolKind.Property);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, BloomSymbols symbols)
    {
        var member = context.Symbol;

        // Static members are not the state of an instance; backing fields are reported through their property.
        if (member.IsStatic || member.IsImplicitlyDeclared || member is IPropertySymbol { IsIndexer: true })
        {
            return;
        }

        var owner = member.ContainingType;
        if (owner is null || !symbols.IsAggregate(owner))
        {
            return;
        }

        var type = member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        if (type is null)
        {
            return;
        }

        var held = new List<INamedTypeSymbol>();
        CollectAggregates(type, symbols, owner, held);
        if (held.Count == 0)
        {
            return;
        }

        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (TypeSyntaxOf(reference.GetSyntax(context.CancellationToken)) is not { } typeSyntax)
            {
                continue;
            }

            foreach (var aggregate in held)
            {
                var idType = BloomSymbols.IdTypeOf(aggregate);
                var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                properties.Add(BoundaryDiagnosticProperties.HeldAggregate, aggregate.GetDocumentationCommentId());
                if (idType is INamedTypeSymbol { TypeKind: not TypeKind.Error } namedId)
                {
                    properties.Add(BoundaryDiagnosticProperties.IdType, namedId.GetDocumentationCommentId());
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.AggregateHeldByReference,
                    typeSyntax.GetLocation(),
                    properties.ToImmutable(),
                    BoundaryHelpers.DisplayName(owner),
                    BoundaryHelpers.DisplayName(aggregate),
                    member.Name,
                    idType is null ? "a strongly typed id" : BoundaryHelpers.DisplayName(idType)));
            }
        }
    }

    /// <summary>Aggregates reachable through the type: itself, array elements and generic arguments (tuples, nullable, collections).</summary>
    private static void CollectAggregates(ITypeSymbol type, BloomSymbols symbols, INamedTypeSymbol owner, List<INamedTypeSymbol> found)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                CollectAggregates(array.ElementType, symbols, owner, found);
                break;
            case INamedTypeSymbol named:
                if (symbols.IsAggregate(named))
                {
                    // Another instance of the holder's own type (a tree of aggregates) is a different question: not reported.
                    var definition = named.OriginalDefinition;
                    if (!SymbolEqualityComparer.Default.Equals(definition, owner.OriginalDefinition) && !found.Contains(definition, SymbolEqualityComparer.Default))
                    {
                        found.Add(definition);
                    }

                    return;
                }

                // A delegate returning an aggregate is behaviour, not held state.
                if (named.TypeKind == TypeKind.Delegate)
                {
                    return;
                }

                foreach (var argument in named.TypeArguments)
                {
                    CollectAggregates(argument, symbols, owner, found);
                }

                break;
        }
    }

    private static TypeSyntax? TypeSyntaxOf(SyntaxNode declaration) => declaration switch
    {
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax variables } => variables.Type,
        PropertyDeclarationSyntax property => property.Type,
        ParameterSyntax parameter => parameter.Type, // a positional record parameter declares the property
        _ => null,
    };
}
