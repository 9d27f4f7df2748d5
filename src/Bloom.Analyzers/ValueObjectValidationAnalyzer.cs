using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bloom.Analyzers;

/// <summary>
/// The ways around a value object's <c>Validate</c> rules that the generator cannot close.
/// BLM2002: <c>default</c> or a parameterless <c>new</c> of a struct value object, outside the value object itself.
/// BLM2003: construction paths the generator cannot hook: a constructor written by hand (or a primary constructor on a
/// class or struct), and <c>init</c> accessors on validated members, which <c>with</c> and object initializers set after
/// the rules ran.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValueObjectValidationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ValueObjectValidationBypassed, DiagnosticDescriptors.ValueObjectValidationNotHooked);

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

            // `default` and `new` are everywhere; remember per type whether it is a struct value object with Validate.
            var guarded = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
            bool IsGuarded(ITypeSymbol? type) =>
                type is INamedTypeSymbol { TypeKind: TypeKind.Struct } named &&
                guarded.GetOrAdd(named, t => symbols.IsValueObject(t) && DeclaresValidate((INamedTypeSymbol)t));

            start.RegisterOperationAction(operationContext => AnalyzeDefault(operationContext, IsGuarded), OperationKind.DefaultValue);
            start.RegisterOperationAction(operationContext => AnalyzeCreation(operationContext, IsGuarded), OperationKind.ObjectCreation);
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, symbols), SymbolKind.NamedType);
        });
    }

    /// <summary>Whether the generator runs validation for the type: it declares a static <c>Validate</c> method (as the generator checks).</summary>
    internal static bool DeclaresValidate(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers("Validate"))
        {
            if (member is IMethodSymbol { IsStatic: true, IsImplicitlyDeclared: false })
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeDefault(OperationAnalysisContext context, Func<ITypeSymbol?, bool> isGuarded)
    {
        var operation = (IDefaultValueOperation)context.Operation;
        if (!isGuarded(operation.Type) || IsInside(context.ContainingSymbol, operation.Type!) || IsEqualityOperand(operation))
        {
            return;
        }

        Report(context, operation.Syntax.Span, operation.Type!);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, Func<ITypeSymbol?, bool> isGuarded)
    {
        var operation = (IObjectCreationOperation)context.Operation;

        // A parameterless constructor written by hand runs; BLM2003 asks whether it validates.
        if (operation.Constructor is not { Parameters.Length: 0, IsImplicitlyDeclared: true } ||
            !isGuarded(operation.Type) ||
            IsInside(context.ContainingSymbol, operation.Type!))
        {
            return;
        }

        // Report `new Quantity()`, not the object initializer after it.
        var span = operation.Syntax switch
        {
            ObjectCreationExpressionSyntax creation => TextSpan.FromBounds(creation.SpanStart, creation.ArgumentList?.Span.End ?? creation.Type.Span.End),
            ImplicitObjectCreationExpressionSyntax creation => TextSpan.FromBounds(creation.SpanStart, creation.ArgumentList.Span.End),
            _ => operation.Syntax.Span,
        };
        Report(context, span, operation.Type!);
    }

    private static void Report(OperationAnalysisContext context, TextSpan span, ITypeSymbol type)
    {
        var tree = context.Operation.Syntax.SyntaxTree;
        var text = tree.GetText(context.CancellationToken).ToString(span);
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ValueObjectValidationBypassed,
            Location.Create(tree, span),
            text,
            BloomTargetAttributes.DisplayName((INamedTypeSymbol)type)));
    }

    // The value object's own code (its factories, TryCreate's failure path, nested helpers) may start from default.
    private static bool IsInside(ISymbol containingSymbol, ITypeSymbol type)
    {
        for (var current = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType; current is not null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, type))
            {
                return true;
            }
        }

        return false;
    }

    // `quantity == default` asks whether a value was ever set; it creates nothing that flows on.
    private static bool IsEqualityOperand(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals };
    }

    private static void AnalyzeType(SymbolAnalysisContext context, BloomSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;

        // The generator skips static types and abstract non-record types, so there is nothing to hook there.
        if (!symbols.IsValueObject(type) || type.IsStatic || type.IsAbstract && !type.IsRecord || !DeclaresValidate(type))
        {
            return;
        }

        var name = BloomTargetAttributes.DisplayName(type);
        var primary = PrimaryConstructor(type, context.CancellationToken, out var primarySyntax);
        if (primary is not null && type.IsRecord)
        {
            // Every positional path runs through the primary constructor, which the generator hooks. A hand-declared
            // positional property with `init` is the way around it: `with { Amount = -1 }` and `new(...) { Amount = -1 }`.
            foreach (var parameter in primary.Parameters)
            {
                foreach (var property in type.GetMembers(parameter.Name).OfType<IPropertySymbol>())
                {
                    ReportInitAccessor(context, name, property);
                }
            }

            return;
        }

        if (primary is not null && primarySyntax?.ParameterList is { } parameterList)
        {
            Report(context, parameterList.GetLocation(), name,
                "it has a primary constructor, which Bloom cannot make validate",
                "declare its state as get-only properties and remove the parameter list: Bloom then generates a constructor that validates");
            return;
        }

        var handWritten = false;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared || IsCopyConstructor(type, constructor))
            {
                continue;
            }

            handWritten = true;
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is ConstructorDeclarationSyntax declaration &&
                    declaration.Initializer?.IsKind(SyntaxKind.ThisConstructorInitializer) != true &&
                    !CallsValidate(declaration))
                {
                    Report(context, declaration.Identifier.GetLocation(), name,
                        $"its constructor '{constructor.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' is written by hand and does not call Validate",
                        "remove the constructor (Bloom then generates one that validates) or call Validate from it");
                }
            }
        }

        if (!handWritten)
        {
            // The generated constructor validates every member; `init` lets `with` and object initializers replace them afterwards.
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                ReportInitAccessor(context, name, property);
            }
        }
    }

    private static void ReportInitAccessor(SymbolAnalysisContext context, string typeName, IPropertySymbol property)
    {
        if (property is not { IsStatic: false, SetMethod.IsInitOnly: true })
        {
            return;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is PropertyDeclarationSyntax { AccessorList: { } accessors })
            {
                foreach (var accessor in accessors.Accessors)
                {
                    if (accessor.IsKind(SyntaxKind.InitAccessorDeclaration))
                    {
                        Report(context, accessor.Keyword.GetLocation(), typeName,
                            $"'{property.Name}' has an init accessor that 'with' expressions and object initializers call after validation",
                            $"make '{property.Name}' get-only");
                    }
                }
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, Location location, string typeName, string reason, string advice) =>
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ValueObjectValidationNotHooked, location, typeName, reason, advice));

    private static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken, out TypeDeclarationSyntax? declaration)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax typeDeclaration)
                {
                    declaration = typeDeclaration;
                    return constructor;
                }
            }
        }

        declaration = null;
        return null;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        type.IsRecord && constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    // Syntactic on purpose: a call to Validate anywhere in the body means the author runs the rules themselves.
    private static bool CallsValidate(ConstructorDeclarationSyntax declaration)
    {
        foreach (var invocation in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            var called = invocation.Expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (called == "Validate")
            {
                return true;
            }
        }

        return false;
    }
}
