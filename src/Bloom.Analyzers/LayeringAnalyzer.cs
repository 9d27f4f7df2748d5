using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers;

/// <summary>
/// BLM4001: an aggregate, entity, value object or domain event (or a helper type nested in one) uses an infrastructure
/// type: in the declared type of a field, property, event, parameter or return value, in its base list, or through a
/// creation, call or member access in its bodies. Domain services are left to BLM1102 so nothing is reported twice.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayeringAnalyzer : DiagnosticAnalyzer
{
    private static readonly OperationKind[] UsageKinds =
    [
        OperationKind.ObjectCreation,
        OperationKind.Invocation,
        OperationKind.PropertyReference,
        OperationKind.FieldReference,
        OperationKind.EventReference,
        OperationKind.MethodReference,
    ];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DomainReferencesInfrastructure);

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

            start.RegisterSymbolAction(context => AnalyzeMember(context, symbols), SymbolKind.Field, SymbolKind.Property, SymbolKind.Event, SymbolKind.Method);
            start.RegisterSyntaxNodeAction(context => AnalyzeBaseList(context, symbols), SyntaxKind.BaseList);
            start.RegisterOperationAction(context => AnalyzeOperation(context, symbols), UsageKinds);
        });
    }

    private static INamedTypeSymbol? DomainTypeOwning(INamedTypeSymbol? type, BloomSymbols symbols)
        => InfrastructureUsage.FindOwner(type, symbols) is { } owner && !symbols.IsDomainService(owner) ? owner : null;

    private static void AnalyzeMember(SymbolAnalysisContext context, BloomSymbols symbols)
    {
        if (DomainTypeOwning(context.Symbol.ContainingType, symbols) is not { } owner)
        {
            return;
        }

        var found = new List<InfrastructureUsage>();
        InfrastructureUsage.FindInMember(context.Symbol, found, context.CancellationToken);
        foreach (var usage in found)
        {
            context.ReportDiagnostic(Create(owner, usage));
        }
    }

    private static void AnalyzeBaseList(SyntaxNodeAnalysisContext context, BloomSymbols symbols)
    {
        var baseList = (BaseListSyntax)context.Node;
        if (baseList.Parent is not TypeDeclarationSyntax declaration ||
            context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type ||
            DomainTypeOwning(type, symbols) is not { } owner)
        {
            return;
        }

        var found = new List<InfrastructureUsage>();
        InfrastructureUsage.FindInBaseList(baseList, context.SemanticModel, found, context.CancellationToken);
        foreach (var usage in found)
        {
            context.ReportDiagnostic(Create(owner, usage));
        }
    }

    // One compilation-wide operation action (cheaper than per-type symbol-start actions): the operation belongs to the
    // innermost type declaring its body, and is owned by the nearest domain type around it.
    private static void AnalyzeOperation(OperationAnalysisContext context, BloomSymbols symbols)
    {
        if (DomainTypeOwning(InfrastructureUsage.DeclaringTypeOf(context.ContainingSymbol), symbols) is { } owner &&
            InfrastructureUsage.FindInOperation(context.Operation) is { } usage)
        {
            context.ReportDiagnostic(Create(owner, usage));
        }
    }

    private static Diagnostic Create(INamedTypeSymbol owner, InfrastructureUsage usage)
        => Diagnostic.Create(
            DiagnosticDescriptors.DomainReferencesInfrastructure,
            usage.Location,
            BloomTargetAttributes.DisplayName(owner),
            usage.TypeDisplay,
            Where(usage));

    // {2} says where, in words: "field '_connection'", "call to 'SqliteConnection.Open'".
    private static string Where(InfrastructureUsage usage) => usage.Kind switch
    {
        InfrastructureUsageKind.Field => $"field '{usage.Name}'",
        InfrastructureUsageKind.Property => $"property '{usage.Name}'",
        InfrastructureUsageKind.Event => $"event '{usage.Name}'",
        InfrastructureUsageKind.ReturnType => $"return type of '{usage.Name}'",
        InfrastructureUsageKind.Parameter => $"parameter '{usage.Name}' of {MemberDisplay(usage.Member)}",
        InfrastructureUsageKind.BaseType => $"base type '{usage.Name}'",
        InfrastructureUsageKind.Interface => $"interface '{usage.Name}'",
        InfrastructureUsageKind.ObjectCreation => $"creation of '{usage.Name}'",
        InfrastructureUsageKind.Invocation => $"call to '{usage.Name}'",
        _ => $"reference to '{usage.Name}'",
    };

    private static string MemberDisplay(ISymbol? member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } => "the constructor",
        IPropertySymbol { IsIndexer: true } => "the indexer",
        null => "a member",
        _ => $"'{member.Name}'",
    };
}
