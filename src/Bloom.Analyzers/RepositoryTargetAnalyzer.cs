using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM1005: a repository or unit of work (a class or interface named <c>*Repository</c> or <c>*UnitOfWork</c>) that gives
/// direct access to an entity, value object or domain event: as a type argument of a base type, or in a method's return
/// type or a property's type (looking through <c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>, nullable, collections,
/// arrays, <c>IAsyncEnumerable&lt;T&gt;</c> and tuples).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RepositoryTargetAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.RepositoryForNonAggregate);

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

            start.RegisterSymbolAction(symbolContext => AnalyzeMember(symbolContext, symbols), SymbolKind.Method, SymbolKind.Property);

            // Base types need their syntax (to report on `IRepository<OrderLine>` itself) and a semantic model to bind it.
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeBaseList(nodeContext, symbols), SyntaxKind.BaseList);
        });
    }

    /// <summary>Whether the type is a repository or unit of work by Bloom's naming convention.</summary>
    internal static bool IsRepository(INamedTypeSymbol? type) =>
        type is { TypeKind: TypeKind.Class or TypeKind.Interface } &&
        (type.Name.EndsWith("Repository", StringComparison.Ordinal) || type.Name.EndsWith("UnitOfWork", StringComparison.Ordinal));

    private static void AnalyzeMember(SymbolAnalysisContext context, BloomSymbols symbols)
    {
        var member = context.Symbol;
        if (!IsRepository(member.ContainingType) || member.IsImplicitlyDeclared)
        {
            return;
        }

        // Ordinary methods only: accessors are covered by their property, explicit implementations by the interface.
        var (type, identifier) = member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Ordinary } method => (method.ReturnType, IdentifierOf(method, context.CancellationToken)),
            IPropertySymbol { ExplicitInterfaceImplementations.Length: 0 } property => (property.Type, IdentifierOf(property, context.CancellationToken)),
            _ => (null, null),
        };
        if (type is null || identifier is null)
        {
            return;
        }

        var display = $"{BloomTargetAttributes.DisplayName(member.ContainingType)}.{(member is IPropertySymbol { IsIndexer: true } ? "this[]" : member.Name)}";
        foreach (var (exposed, kind) in Exposed(type, symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.RepositoryForNonAggregate,
                identifier.Value.GetLocation(),
                display,
                BloomTargetAttributes.DisplayName(exposed),
                kind));
        }
    }

    private static void AnalyzeBaseList(SyntaxNodeAnalysisContext context, BloomSymbols symbols)
    {
        var baseList = (BaseListSyntax)context.Node;
        if (baseList.Parent is not TypeDeclarationSyntax declaration ||
            context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } repository ||
            !IsRepository(repository))
        {
            return;
        }

        foreach (var baseType in baseList.Types)
        {
            if (context.SemanticModel.GetTypeInfo(baseType.Type, context.CancellationToken).Type is not INamedTypeSymbol { IsGenericType: true } bound)
            {
                continue;
            }

            foreach (var argument in bound.TypeArguments)
            {
                foreach (var (exposed, kind) in Exposed(argument, symbols))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.RepositoryForNonAggregate,
                        baseType.GetLocation(),
                        BloomTargetAttributes.DisplayName(repository),
                        BloomTargetAttributes.DisplayName(exposed),
                        kind));
                }
            }
        }
    }

    /// <summary>The entities (that are not aggregates), value objects and domain events inside <paramref name="type"/>.</summary>
    private static List<(INamedTypeSymbol Type, string Kind)> Exposed(ITypeSymbol type, BloomSymbols symbols)
    {
        var found = new List<(INamedTypeSymbol, string)>();
        foreach (var part in ContainedTypes.Of(type, symbols.IsDomainType))
        {
            if (part is not INamedTypeSymbol named || symbols.IsAggregate(named))
            {
                continue;
            }

            var kind = symbols.IsEntity(named) ? "an entity"
                : symbols.IsValueObject(named) ? "a value object"
                : symbols.IsDomainEvent(named) ? "a domain event"
                : null;
            if (kind is not null)
            {
                found.Add((named, kind));
            }
        }

        return found;
    }

    private static SyntaxToken? IdentifierOf(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(cancellationToken))
            {
                case MethodDeclarationSyntax method:
                    return method.Identifier;
                case PropertyDeclarationSyntax property:
                    return property.Identifier;
                case IndexerDeclarationSyntax indexer:
                    return indexer.ThisKeyword;
            }
        }

        return null;
    }
}
