using System.Collections.Immutable;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;

namespace Bloom.Analyzers;

/// <summary>
/// The Bloom target attribute symbols of one compilation, resolved once in a compilation-start action.
/// Matching is by symbol, so a same-named attribute from another namespace is not a Bloom target.
/// </summary>
internal sealed class BloomTargetAttributes
{
    private readonly ImmutableArray<INamedTypeSymbol> _attributes;

    private BloomTargetAttributes(ImmutableArray<INamedTypeSymbol> attributes) => _attributes = attributes;

    /// <summary>Resolves the attributes; returns null when the compilation does not reference Bloom.Abstractions.</summary>
    public static BloomTargetAttributes? TryCreate(Compilation compilation)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(WellKnownNames.TargetAttributes.Length);
        foreach (var name in WellKnownNames.TargetAttributes)
        {
            if (compilation.GetTypeByMetadataName(name) is { } symbol)
            {
                builder.Add(symbol);
            }
        }

        return builder.Count == 0 ? null : new BloomTargetAttributes(builder.ToImmutable());
    }

    /// <summary>The first Bloom target attribute applied to <paramref name="type"/>, or null.</summary>
    public AttributeData? FindOn(INamedTypeSymbol type)
    {
        // Attributes are only legal on classes and structs (records included); anything else is a compiler error already.
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return null;
        }

        foreach (var attribute in type.GetAttributes())
        {
            foreach (var candidate in _attributes)
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, candidate))
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    /// <summary>The attribute as written in source, without the "Attribute" suffix: <c>Aggregate</c>.</summary>
    public static string ShortName(AttributeData attribute)
    {
        const string Suffix = "Attribute";
        var name = attribute.AttributeClass?.Name ?? string.Empty;
        return name.EndsWith(Suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
    }

    /// <summary>How types are named in messages: containing types included, namespace left out (<c>Shop.Order</c> for a nested type).</summary>
    public static string DisplayName(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
}
