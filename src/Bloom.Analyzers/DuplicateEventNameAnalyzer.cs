using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM3003: two <c>[DomainEvent]</c> types of one compilation share a stable name (the attribute's <c>Name</c>, or by default
/// the type name with its containing types). The generated registry would otherwise throw when first used, at run time.
/// Names are collected per compilation and compared at the end, in a deterministic order; each event after the first of a
/// name is reported on its identifier.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateEventNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DuplicateEventName);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomSymbols.TryCreate(start.Compilation) is not { DomainEvent: { } attribute })
            {
                return;
            }

            var events = new ConcurrentBag<(string Name, INamedTypeSymbol Type)>();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (StableName(type, attribute) is { } name)
                    {
                        events.Add((name, type));
                    }
                },
                SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var group in events.GroupBy(static e => e.Name, StringComparer.Ordinal))
                {
                    var ordered = group.OrderBy(static e => e.Type.ToDisplayString(), StringComparer.Ordinal).ToList();
                    foreach (var duplicate in ordered.Skip(1))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.DuplicateEventName,
                            duplicate.Type.Locations.FirstOrDefault() ?? Location.None,
                            duplicate.Type.ToDisplayString(),
                            group.Key,
                            ordered[0].Type.ToDisplayString()));
                    }
                }
            });
        });
    }

    // The generator's rule, from shared source (src/Shared/Roslyn/DomainEventNames.cs).
    private static string? StableName(INamedTypeSymbol type, INamedTypeSymbol attribute)
    {
        foreach (var data in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return DomainEventNames.StableName(type, data);
            }
        }

        return null;
    }
}
