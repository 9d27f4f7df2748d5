using Microsoft.CodeAnalysis;

namespace Bloom.Analyzers;

/// <summary>
/// Walks a member's type down to the types it carries: array and collection elements, <c>Nullable&lt;T&gt;</c>,
/// tuple elements, <c>Task&lt;T&gt;</c>/<c>IAsyncEnumerable&lt;T&gt;</c> results and any other type argument.
/// Used by BLM1005 (what a repository exposes) and BLM3002 (what an event carries).
/// </summary>
internal static class ContainedTypes
{
    // Deep enough for Task<IReadOnlyList<(Order, Line?)>>; a bound keeps pathological generic nesting cheap.
    private const int MaxDepth = 8;

    /// <summary>
    /// The type itself and every type inside it, outermost first, without duplicates. The walk does not look inside a type
    /// for which <paramref name="isLeaf"/> returns true (a Bloom domain type is what it is, whatever its own members hold).
    /// </summary>
    public static List<ITypeSymbol> Of(ITypeSymbol type, Func<ITypeSymbol, bool> isLeaf)
    {
        var found = new List<ITypeSymbol>();
        Walk(type, isLeaf, found, 0);
        return found;
    }

    private static void Walk(ITypeSymbol type, Func<ITypeSymbol, bool> isLeaf, List<ITypeSymbol> found, int depth)
    {
        // `Order?` and `Order` are the same type to every rule (and in every message).
        type = type.WithNullableAnnotation(NullableAnnotation.None);
        if (depth > MaxDepth || found.Contains(type, SymbolEqualityComparer.Default))
        {
            return;
        }

        found.Add(type);
        if (isLeaf(type))
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                Walk(array.ElementType, isLeaf, found, depth + 1);
                break;
            case INamedTypeSymbol { IsGenericType: true } generic:
                foreach (var argument in generic.TypeArguments)
                {
                    Walk(argument, isLeaf, found, depth + 1);
                }

                break;
            case INamedTypeSymbol named when BloomSymbols.ElementTypeOf(named) is { } element:
                // A non-generic collection such as `class OrderList : List<Order>`.
                Walk(element, isLeaf, found, depth + 1);
                break;
        }
    }
}
