using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Roslyn;

namespace Bloom.Generators.Common;

/// <summary>Finds the members a generated type works with, in an order that does not depend on syntax-tree order.</summary>
internal static class MemberCollector
{
    /// <summary>Instance state: explicit fields and auto-properties (by property name), as records define equality.</summary>
    public static List<MemberModel> StateMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var found = new List<(ISymbol Symbol, MemberModel Model)>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
            {
                continue;
            }

            if (field.AssociatedSymbol is IPropertySymbol property)
            {
                found.Add((property, TypeAnalysis.CreateMember(property.Name, property.Type, property.DeclaredAccessibility == Accessibility.Public, JsonNameOf(property))));
            }
            else if (!field.IsImplicitlyDeclared)
            {
                found.Add((field, TypeAnalysis.CreateMember(field.Name, field.Type, field.DeclaredAccessibility == Accessibility.Public, JsonNameOf(field))));
            }
        }

        return Ordered(found);
    }

    /// <summary>Public readable instance properties (own and inherited), skipping <c>[JsonIgnore]</c>.</summary>
    public static List<(IPropertySymbol Property, MemberModel Model)> PublicProperties(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(IPropertySymbol, MemberModel)>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var level = new List<IPropertySymbol>();
            foreach (var member in current.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property &&
                    !TypeAnalysis.HasAttribute(property, "System.Text.Json.Serialization.JsonIgnoreAttribute") &&
                    seen.Add(property.Name))
                {
                    level.Add(property);
                }
            }

            foreach (var property in InDeclarationOrder(level, static p => p))
            {
                result.Add((property, TypeAnalysis.CreateMember(property.Name, property.Type, true, JsonNameOf(property))));
            }
        }

        return result;
    }

    /// <summary>The instance constructor declared as a record's parameter list, if any.</summary>
    public static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax)
                {
                    return constructor;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the user wrote an instance constructor (the implicit ones and a record copy constructor do not count).</summary>
    public static bool HasDeclaredConstructor(INamedTypeSymbol type) =>
        type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && !IsCopyConstructor(type, c));

    public static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    /// <summary>Whether the user declared a method with this name and parameter count (compiler-synthesized record members excluded).</summary>
    public static bool Declares(INamedTypeSymbol type, string name, int parameterCount) =>
        type.GetMembers(name).Any(m => m is IMethodSymbol { IsImplicitlyDeclared: false } method && method.Parameters.Length == parameterCount);

    public static bool DeclaresMember(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).Any(static m => !m.IsImplicitlyDeclared);

    /// <summary>
    /// Picks the constructor JSON reading calls: the one whose parameters all name serialized members and that covers most of them.
    /// Members it does not cover are set in an object initializer when they are settable.
    /// </summary>
    public static ConstructionModel? Construction(INamedTypeSymbol type, IReadOnlyList<MemberModel> members, Func<string, bool> isSettable)
    {
        IMethodSymbol? best = null;
        List<string>? bestNames = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (IsCopyConstructor(type, constructor) || constructor.DeclaredAccessibility == Accessibility.Private && constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            var names = new List<string>();
            foreach (var parameter in constructor.Parameters)
            {
                var match = members.FirstOrDefault(m => string.Equals(m.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) ||
                                                        string.Equals(m.ParameterName.TrimStart('@'), parameter.Name, StringComparison.Ordinal));
                if (match is null)
                {
                    names = null;
                    break;
                }

                names.Add(match.Name);
            }

            if (names is not null && (bestNames is null || names.Count > bestNames.Count))
            {
                best = constructor;
                bestNames = names;
            }
        }

        if (best is null || bestNames is null)
        {
            return null;
        }

        var initializers = members.Where(m => !bestNames.Contains(m.Name) && isSettable(m.Name)).Select(static m => m.Name);
        return new ConstructionModel(bestNames.ToEquatableArray(), initializers.ToEquatableArray());
    }

    private static string? JsonNameOf(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } c &&
                TypeAnalysis.FullMetadataName(c) == "System.Text.Json.Serialization.JsonPropertyNameAttribute" &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    // Declaration order within a file, files by path: stable when syntax trees are reordered.
    private static List<MemberModel> Ordered(List<(ISymbol Symbol, MemberModel Model)> members) =>
        InDeclarationOrder(members, static m => m.Symbol).Select(static m => m.Model).ToList();

    /// <summary>Orders items by their symbol's file path, then position: stable when syntax trees are reordered.</summary>
    public static IEnumerable<T> InDeclarationOrder<T>(IEnumerable<T> items, Func<T, ISymbol> symbolOf) =>
        items
            .OrderBy(i => symbolOf(i).Locations.FirstOrDefault()?.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(i => symbolOf(i).Locations.FirstOrDefault()?.SourceSpan.Start ?? 0);
}
