using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM0001: a type with a Bloom attribute, and every type containing it, must be <c>partial</c>;
/// otherwise the generator skips it silently.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypeMustBePartialAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.TypeMustBePartial);

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

    // Each type reports for itself: once as a target, or once as the container of one or more targets.
    // That keeps one diagnostic per declaration even when several Bloom types share a container.
    private static void Analyze(SymbolAnalysisContext context, BloomTargetAttributes attributes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var declarations = GetDeclarations(type, context.CancellationToken);

        // With one partial part, any non-partial part is already compiler error CS0260.
        if (declarations.Count == 0 || declarations.Any(static d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return;
        }

        string reason;
        if (attributes.FindOn(type) is { } attribute)
        {
            reason = $"it is marked [{BloomTargetAttributes.ShortName(attribute)}]";
        }
        else if (FindNestedTarget(type, attributes, context.CancellationToken) is { } nested)
        {
            reason = $"it contains '{BloomTargetAttributes.DisplayName(nested.Type)}', which is marked [{BloomTargetAttributes.ShortName(nested.Attribute)}]";
        }
        else
        {
            return;
        }

        var name = BloomTargetAttributes.DisplayName(type);
        foreach (var declaration in declarations)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TypeMustBePartial, declaration.Identifier.GetLocation(), name, reason));
        }
    }

    private static List<TypeDeclarationSyntax> GetDeclarations(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var declarations = new List<TypeDeclarationSyntax>(type.DeclaringSyntaxReferences.Length);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                declarations.Add(declaration);
            }
        }

        return declarations;
    }

    private static (INamedTypeSymbol Type, AttributeData Attribute)? FindNestedTarget(INamedTypeSymbol container, BloomTargetAttributes attributes, CancellationToken cancellationToken)
    {
        foreach (var member in container.GetTypeMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attributes.FindOn(member) is { } attribute)
            {
                return (member, attribute);
            }

            if (FindNestedTarget(member, attributes, cancellationToken) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }
}
