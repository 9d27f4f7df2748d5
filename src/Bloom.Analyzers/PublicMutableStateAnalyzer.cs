using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM1003: an aggregate or entity exposes mutable state publicly: a property with a public <c>set</c> accessor,
/// a public field that is not readonly, or a public property or field whose type is a mutable collection.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublicMutableStateAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PublicMutableState);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomSymbols.TryCreate(start.Compilation) is not { } symbols || (symbols.Aggregate is null && symbols.Entity is null))
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.Field, SymbolKind.Property);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, BloomSymbols symbols)
    {
        var member = context.Symbol;
        if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public)
        {
            return;
        }

        var owner = member.ContainingType;
        if (owner is null || !(symbols.IsAggregate(owner) || symbols.IsEntity(owner)) || IsGenerated(member))
        {
            return;
        }

        switch (member)
        {
            case IFieldSymbol field:
                if (field.IsConst)
                {
                    return;
                }

                if (!field.IsReadOnly)
                {
                    Report(context, owner, field, BoundaryDiagnosticProperties.KindField, "a public field that is not readonly");
                }

                if (IsMutableCollection(field.Type))
                {
                    Report(context, owner, field, BoundaryDiagnosticProperties.KindCollection, CollectionReason(field.Type));
                }

                break;

            case IPropertySymbol property:
                // The signature of an override or an interface implementation is dictated elsewhere; report the declaration there.
                if (property.IsOverride || ImplementsInterfaceMember(owner, property))
                {
                    return;
                }

                if (property.SetMethod is { IsInitOnly: false, DeclaredAccessibility: Accessibility.Public })
                {
                    Report(context, owner, property, BoundaryDiagnosticProperties.KindSetter, "a public setter");
                }

                if (!property.IsIndexer && IsMutableCollection(property.Type))
                {
                    Report(context, owner, property, BoundaryDiagnosticProperties.KindCollection, CollectionReason(property.Type));
                }

                break;
        }
    }

    // ReadOnlyCollection<T> and friends implement IList<T>/ICollection<T> but throw on every change: they are the read-only view.
    private static bool IsMutableCollection(ITypeSymbol type) =>
        BloomSymbols.IsMutableCollection(type) &&
        !(type is INamedTypeSymbol named &&
          named.Name.StartsWith("ReadOnly", StringComparison.Ordinal) &&
          named.ContainingNamespace?.ToDisplayString() == "System.Collections.ObjectModel");

    private static string CollectionReason(ITypeSymbol type) => $"a public mutable collection of type '{BoundaryHelpers.DisplayName(type)}'";

    private static void Report(SymbolAnalysisContext context, INamedTypeSymbol owner, ISymbol member, string kind, string reason)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(BoundaryDiagnosticProperties.Kind, kind);
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var location = reference.GetSyntax(context.CancellationToken) switch
            {
                VariableDeclaratorSyntax variable => variable.Identifier.GetLocation(),
                PropertyDeclarationSyntax property => property.Identifier.GetLocation(),
                IndexerDeclarationSyntax indexer => indexer.ThisKeyword.GetLocation(),
                ParameterSyntax parameter => parameter.Identifier.GetLocation(), // a positional record struct parameter
                _ => null,
            };
            if (location is null)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PublicMutableState,
                location,
                properties,
                BoundaryHelpers.DisplayName(owner),
                member is IPropertySymbol { IsIndexer: true } ? "this[]" : member.Name,
                reason));
        }
    }

    private static bool ImplementsInterfaceMember(INamedTypeSymbol owner, IPropertySymbol property)
    {
        if (!property.ExplicitInterfaceImplementations.IsEmpty)
        {
            return true;
        }

        foreach (var candidate in owner.AllInterfaces)
        {
            foreach (var interfaceMember in candidate.GetMembers(property.MetadataName))
            {
                if (SymbolEqualityComparer.Default.Equals(owner.FindImplementationForInterfaceMember(interfaceMember), property))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Generated files are skipped by the driver; this also skips members that carry [GeneratedCode] inside a hand-written file.
    private static bool IsGenerated(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } attributeClass &&
                attributeClass.ContainingNamespace?.ToDisplayString() == "System.CodeDom.Compiler")
            {
                return true;
            }
        }

        return false;
    }
}
