using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bloom.Analyzers;

/// <summary>Small helpers shared by the aggregate-boundary analyzers (BLM1001-BLM1004).</summary>
internal static class BoundaryHelpers
{
    /// <summary>An <c>[Aggregate]</c> type, or a class or struct that implements <c>Bloom.IAggregateRoot</c> by hand.</summary>
    public static bool IsAggregateRoot(BloomSymbols symbols, ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (symbols.IsAggregate(type))
        {
            return true;
        }

        if (symbols.AggregateRootInterface is not { } root || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return false;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, root))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An <c>[Entity]</c> type that is not also an aggregate.</summary>
    public static bool IsChildEntity(BloomSymbols symbols, ITypeSymbol? type) =>
        type is not null && symbols.IsEntity(type) && !IsAggregateRoot(symbols, type);

    /// <summary>The type and the types it is nested in, innermost first.</summary>
    public static IEnumerable<INamedTypeSymbol> SelfAndContainingTypes(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            yield return current;
        }
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool IsSameOrDerivedFrom(ITypeSymbol type, ITypeSymbol baseType)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operation with implicit and explicit conversions removed.</summary>
    public static IOperation? WithoutConversions(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The type of the code an operation belongs to (the type of the method, accessor or initializer around it).</summary>
    public static INamedTypeSymbol? ContainingTypeOf(ISymbol containingSymbol) =>
        containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;

    /// <summary>
    /// Where to report an operation: the operation's syntax, or for <c>order?.Raise(e)</c> (whose invocation syntax is only
    /// <c>.Raise(e)</c>) the whole conditional access.
    /// </summary>
    public static Location LocationOf(SyntaxNode syntax) =>
        (syntax.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == syntax ? conditional : syntax).GetLocation();

    /// <summary>How types are named in messages (containing types included, namespace left out).</summary>
    public static string DisplayName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
}
