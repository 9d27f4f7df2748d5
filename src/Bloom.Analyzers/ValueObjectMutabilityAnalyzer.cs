using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM2001: a value object member that lets the value change after creation (a <c>set</c> accessor, a field that is not
/// readonly, a public mutable collection, the positional parameters of a <c>record struct</c> that is not readonly).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValueObjectMutabilityAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ValueObjectMutableMember);

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
        if (!symbols.IsValueObject(type))
        {
            return;
        }

        // With Validate, `init` is a way around the rules ('with', object initializers), so setters go away instead.
        var removeSetters = ValueObjectValidationAnalyzer.DeclaresValidate(type);
        var name = BloomTargetAttributes.DisplayName(type);
        foreach (var finding in ImmutabilityChecks.Find(type, removeSetters, hasReadOnlySet, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ValueObjectMutableMember,
                finding.Location,
                finding.Properties,
                name,
                finding.Member,
                finding.What,
                finding.Advice));
        }
    }
}
