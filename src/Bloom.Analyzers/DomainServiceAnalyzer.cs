using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bloom.Analyzers;

/// <summary>
/// BLM1101: a <c>[DomainService]</c> holds mutable instance state (a non-readonly field, an auto-property with a
/// <c>set</c> accessor, or a primary-constructor parameter that its members reassign).
/// BLM1102: a <c>[DomainService]</c> depends on infrastructure: in the declared types of its members, constructor
/// parameters and base list, or through creations, calls and member accesses in its bodies (nested helper types included).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DomainServiceAnalyzer : DiagnosticAnalyzer
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

    private static readonly OperationKind[] WriteKinds =
    [
        OperationKind.SimpleAssignment,
        OperationKind.CompoundAssignment,
        OperationKind.CoalesceAssignment,
        OperationKind.Increment,
        OperationKind.Decrement,
        OperationKind.Argument,
    ];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DomainServiceMutableState, DiagnosticDescriptors.DomainServiceInfrastructure);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomSymbols.TryCreate(start.Compilation) is not { DomainService: not null } symbols)
            {
                return;
            }

            start.RegisterSymbolAction(context => AnalyzeMember(context, symbols), SymbolKind.Field, SymbolKind.Property, SymbolKind.Event, SymbolKind.Method);
            start.RegisterSyntaxNodeAction(context => AnalyzeBaseList(context, symbols), SyntaxKind.BaseList);
            start.RegisterSymbolStartAction(context => AnalyzeBodies(context, symbols), SymbolKind.NamedType);
        });
    }

    private static INamedTypeSymbol? ServiceOwning(INamedTypeSymbol? type, BloomSymbols symbols)
        => InfrastructureUsage.FindOwner(type, symbols) is { } owner && symbols.IsDomainService(owner) ? owner : null;

    private static void AnalyzeMember(SymbolAnalysisContext context, BloomSymbols symbols)
    {
        var member = context.Symbol;
        if (ServiceOwning(member.ContainingType, symbols) is not { } service)
        {
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(member.ContainingType, service) && MutableStateName(member) is { } name)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DomainServiceMutableState, member.Locations[0], Display(service), name));
        }

        var found = new List<InfrastructureUsage>();
        InfrastructureUsage.FindInMember(member, found, context.CancellationToken);
        foreach (var usage in found)
        {
            context.ReportDiagnostic(CreateInfrastructure(service, usage));
        }
    }

    // Instance fields that are neither readonly nor const, and properties whose (auto or 'field') backing field is writable.
    private static string? MutableStateName(ISymbol member)
    {
        if (member.IsStatic || member.IsImplicitlyDeclared)
        {
            return null;
        }

        switch (member)
        {
            case IFieldSymbol { IsReadOnly: false, IsConst: false, AssociatedSymbol: null } field:
                return field.Name;
            case IPropertySymbol { SetMethod: { IsInitOnly: false } } property:
                foreach (var candidate in property.ContainingType.GetMembers())
                {
                    if (candidate is IFieldSymbol { IsReadOnly: false } backing && SymbolEqualityComparer.Default.Equals(backing.AssociatedSymbol, property))
                    {
                        return property.Name;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static void AnalyzeBaseList(SyntaxNodeAnalysisContext context, BloomSymbols symbols)
    {
        var baseList = (BaseListSyntax)context.Node;
        if (baseList.Parent is not TypeDeclarationSyntax declaration ||
            context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type ||
            ServiceOwning(type, symbols) is not { } service)
        {
            return;
        }

        var found = new List<InfrastructureUsage>();
        InfrastructureUsage.FindInBaseList(baseList, context.SemanticModel, found, context.CancellationToken);
        foreach (var usage in found)
        {
            context.ReportDiagnostic(CreateInfrastructure(service, usage, $"{type.Name} : {usage.Name}"));
        }
    }

    private static void AnalyzeBodies(SymbolStartAnalysisContext context, BloomSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (ServiceOwning(type, symbols) is not { } service)
        {
            return;
        }

        // Each operation is reported by the innermost type that declares it, so a nested type's code is seen once.
        context.RegisterOperationAction(
            operationContext =>
            {
                if (SymbolEqualityComparer.Default.Equals(InfrastructureUsage.DeclaringTypeOf(operationContext.ContainingSymbol), type) &&
                    InfrastructureUsage.FindInOperation(operationContext.Operation) is { } usage)
                {
                    operationContext.ReportDiagnostic(CreateInfrastructure(service, usage));
                }
            },
            UsageKinds);

        if (!SymbolEqualityComparer.Default.Equals(type, service))
        {
            return;
        }

        // A primary-constructor parameter that a member writes to is a mutable field in disguise.
        var written = new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (WrittenPrimaryConstructorParameter(operationContext.Operation, operationContext.ContainingSymbol, type) is { } parameter)
                {
                    written.TryAdd(parameter, true);
                }
            },
            WriteKinds);
        context.RegisterSymbolEndAction(endContext =>
        {
            foreach (var parameter in written.Keys.OrderBy(static p => p.Ordinal))
            {
                endContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DomainServiceMutableState, parameter.Locations[0], Display(service), parameter.Name));
            }
        });
    }

    private static IParameterSymbol? WrittenPrimaryConstructorParameter(IOperation operation, ISymbol containingSymbol, INamedTypeSymbol service)
    {
        var target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
            _ => null,
        };

        if (target is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter } ||
            !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, service))
        {
            return null;
        }

        // Inside its own constructor a parameter is a local; anywhere else (members, or lambdas in initializers) it was captured.
        if (SymbolEqualityComparer.Default.Equals(containingSymbol, constructor))
        {
            return null;
        }

        return containingSymbol is IMethodSymbol || IsInsideFunction(operation) ? parameter : null;
    }

    private static bool IsInsideFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static Diagnostic CreateInfrastructure(INamedTypeSymbol service, InfrastructureUsage usage, string? through = null)
        => Diagnostic.Create(
            DiagnosticDescriptors.DomainServiceInfrastructure,
            usage.Location,
            Display(service),
            usage.TypeDisplay,
            through ?? Through(usage));

    // {2} of BLM1102 is quoted, so it names the thing itself: '_connection', 'new HttpClient', 'HttpClient.GetAsync'.
    private static string Through(InfrastructureUsage usage) => usage.Kind switch
    {
        InfrastructureUsageKind.ObjectCreation => "new " + usage.Name,
        InfrastructureUsageKind.ReturnType => usage.Name + "()",
        _ => usage.Name,
    };

    private static string Display(INamedTypeSymbol type) => BloomTargetAttributes.DisplayName(type);
}
