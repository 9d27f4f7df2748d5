using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bloom.Analyzers;

/// <summary>
/// BLM1004: <c>Raise</c>, <c>ClearPendingEvents</c> or <c>IAggregateRoot.MarkCommitted</c> called on an aggregate from code
/// outside that aggregate.
/// </summary>
/// <remarks>
/// Only receivers whose static type is a concrete aggregate are checked. Calls through an <c>IAggregateRoot</c>-typed
/// receiver (a cast, a variable or a type parameter) are how units of work and repositories reach the plumbing, so they
/// are left alone; so is code in Bloom's own namespaces (<c>Bloom</c>, <c>Bloom.*</c>).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventPlumbingAnalyzer : DiagnosticAnalyzer
{
    private const string Raise = "Raise";
    private const string ClearPendingEvents = "ClearPendingEvents";
    private const string MarkCommitted = "MarkCommitted";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.EventPlumbingOutsideAggregate);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomSymbols.TryCreate(start.Compilation) is not { } symbols || (symbols.Aggregate is null && symbols.AggregateRootInterface is null))
            {
                return;
            }

            start.RegisterOperationAction(operationContext => Analyze(operationContext, symbols), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, BloomSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not (Raise or ClearPendingEvents or MarkCommitted))
        {
            return;
        }

        // this.Raise(...), base.Raise(...) and the implicit receiver: the aggregate acting on itself.
        if (method.IsStatic || invocation.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
        {
            return;
        }

        if (invocation.Instance.Type is not INamedTypeSymbol receiver ||
            receiver.TypeKind is not (TypeKind.Class or TypeKind.Struct) ||
            !BoundaryHelpers.IsAggregateRoot(symbols, receiver) ||
            !IsPlumbing(method, receiver, symbols))
        {
            return;
        }

        var caller = BoundaryHelpers.ContainingTypeOf(context.ContainingSymbol);
        if (caller is null || IsInBloomNamespace(caller) || IsInsideAggregate(caller, receiver))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.EventPlumbingOutsideAggregate,
            BoundaryHelpers.LocationOf(invocation.Syntax),
            method.Name,
            BoundaryHelpers.DisplayName(receiver),
            BoundaryHelpers.DisplayName(caller)));
    }

    private static bool IsPlumbing(IMethodSymbol method, INamedTypeSymbol receiver, BloomSymbols symbols)
    {
        if (method.Name == Raise)
        {
            // The generated (or a hand-written) Raise of an aggregate: declared on the aggregate or one of its bases.
            return BoundaryHelpers.IsAggregateRoot(symbols, method.ContainingType);
        }

        if (method.Name == ClearPendingEvents && method.Parameters.IsEmpty && BoundaryHelpers.IsAggregateRoot(symbols, method.ContainingType))
        {
            return true;
        }

        // IAggregateRoot members: the interface method itself, or the aggregate's implementation of it.
        if (symbols.AggregateRootInterface is not { } root)
        {
            return false;
        }

        foreach (var interfaceMember in root.GetMembers(method.Name is ClearPendingEvents ? ClearPendingEvents : MarkCommitted))
        {
            if (SymbolEqualityComparer.Default.Equals(method, interfaceMember) ||
                SymbolEqualityComparer.Default.Equals(receiver.FindImplementationForInterfaceMember(interfaceMember), method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Inside the receiver's own type (or a type nested in it), or inside a base aggregate acting on an instance of a
    /// derived one. A derived aggregate acting on another instance typed as its base is outside: that instance may be a
    /// different aggregate.
    /// </summary>
    private static bool IsInsideAggregate(INamedTypeSymbol caller, INamedTypeSymbol receiver)
    {
        foreach (var type in BoundaryHelpers.SelfAndContainingTypes(caller))
        {
            if (BoundaryHelpers.IsSameOrDerivedFrom(receiver, type))
            {
                return true;
            }
        }

        return false;
    }

    // Bloom's own runtime (unit of work, event bus) clears and commits events; user namespaces such as Bloom.Samples are not exempt.
    private static readonly string[] RuntimeNamespaces = ["Bloom.Runtime", "Bloom.Messaging", "Bloom.Persistence", "Bloom.Outbox", "Bloom.EventSourcing", "Bloom.Testing"];

    private static bool IsInBloomNamespace(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return ns == "Bloom" || RuntimeNamespaces.Any(r => ns == r || ns.StartsWith(r + ".", StringComparison.Ordinal));
    }
}
