using Microsoft.CodeAnalysis;

namespace Bloom.Roslyn;

/// <summary>One declaration in a type's nesting chain, e.g. <c>("partial record", "Money")</c>.</summary>
internal sealed record TypeDeclarationInfo(string Keyword, string Name);

/// <summary>
/// Where a target type lives (namespace and containing types) in equatable form, plus the unique hint-name stem.
/// Shared by every generator so nesting, namespaces and hint names are handled once (after CommunityToolkit's HierarchyInfo).
/// </summary>
internal sealed record HierarchyInfo(string Namespace, EquatableArray<TypeDeclarationInfo> Types, string FilenameHint)
{
    /// <summary>The target's own name.</summary>
    public string Name => Types[Types.Count - 1].Name;

    /// <summary>The target as a <c>global::</c>-qualified type name.</summary>
    public string GlobalName => "global::" + (Namespace.Length == 0 ? string.Empty : Namespace + ".") + string.Join(".", Types.Select(static t => t.Name));

    /// <summary>The target's name without namespace, outer types joined with '.'.</summary>
    public string NestedName => string.Join(".", Types.Select(static t => t.Name));

    /// <summary>
    /// Builds the hierarchy, or returns null when the type cannot be extended by a partial declaration:
    /// it or a containing type is generic or not partial (analyzers BLM0001/BLM0002 explain why).
    /// </summary>
    public static HierarchyInfo? TryCreate(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        var types = new List<TypeDeclarationInfo>();
        for (var current = symbol; current is not null; current = current.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (current.IsGenericType || !IsPartial(current, cancellationToken))
            {
                return null;
            }

            var keyword = KeywordOf(current);
            if (keyword is null)
            {
                return null;
            }

            types.Insert(0, new TypeDeclarationInfo(keyword, current.Name));
        }

        var ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var hint = (ns.Length == 0 ? string.Empty : ns + ".") + string.Join(".", types.Select(static t => t.Name));
        return new HierarchyInfo(ns, types.ToEquatableArray(), hint);
    }

    public static bool IsPartial(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        if (symbol.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration &&
                declaration.Modifiers.Any(static m => m.Text == "partial"))
            {
                return true;
            }
        }

        return false;
    }

    private static string? KeywordOf(INamedTypeSymbol symbol) => symbol.TypeKind switch
    {
        TypeKind.Class when symbol.IsRecord => "partial record",
        TypeKind.Class => "partial class",
        TypeKind.Struct when symbol.IsRecord => "partial record struct",
        TypeKind.Struct => "partial struct",
        TypeKind.Interface => "partial interface",
        _ => null,
    };
}
