using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM3001: a domain event member that lets the event change after it was raised. BLM3002: a domain event member that
/// carries an aggregate or entity (directly, or as a collection element, nullable or tuple element) instead of its id.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DomainEventAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DomainEventMutable, DiagnosticDescriptors.DomainEventCarriesEntity);

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

            var hasReadOnlySet = start.Compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlySet`1") is not null;
            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols, hasReadOnlySet), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, BloomSymbols symbols, bool hasReadOnlySet)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!symbols.IsDomainEvent(type))
        {
            return;
        }

        var name = BloomTargetAttributes.DisplayName(type);
        foreach (var finding in ImmutabilityChecks.Find(type, removeSetters: false, hasReadOnlySet, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DomainEventMutable,
                finding.Location,
                finding.Properties,
                name,
                finding.Member,
                finding.What,
                finding.Advice));
        }

        foreach (var member in type.GetMembers())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var (memberType, typeSyntax) = member switch
            {
                IPropertySymbol { IsStatic: false } property => (property.Type, TypeSyntaxOf(property, context.CancellationToken)),
                IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field => (field.Type, TypeSyntaxOf(field, context.CancellationToken)),
                _ => (null, null),
            };
            if (memberType is null || typeSyntax is null || FindCarried(memberType, symbols) is not { } carried)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DomainEventCarriesEntity,
                typeSyntax.GetLocation(),
                name,
                carried.Kind,
                BloomTargetAttributes.DisplayName(carried.Type),
                member.Name));
        }
    }

    /// <summary>The first aggregate or entity inside <paramref name="type"/>; ids, value objects and other events are values.</summary>
    private static (INamedTypeSymbol Type, string Kind)? FindCarried(ITypeSymbol type, BloomSymbols symbols)
    {
        foreach (var part in ContainedTypes.Of(type, symbols.IsDomainType))
        {
            if (part is INamedTypeSymbol named)
            {
                if (symbols.IsAggregate(named))
                {
                    return (named, "aggregate");
                }

                if (symbols.IsEntity(named))
                {
                    return (named, "entity");
                }
            }
        }

        return null;
    }

    // Properties are reported where their type is written: on the positional parameter for a synthesized one.
    private static TypeSyntax? TypeSyntaxOf(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(cancellationToken))
            {
                case ParameterSyntax { Type: { } type }:
                    return type;
                case BasePropertyDeclarationSyntax property:
                    return property.Type;
                case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration }:
                    return declaration.Type;
            }
        }

        return null;
    }
}
