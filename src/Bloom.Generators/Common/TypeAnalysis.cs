using Microsoft.CodeAnalysis;
using Bloom.Roslyn;

namespace Bloom.Generators.Common;

/// <summary>Symbol inspection shared by the parsers: type names, member shapes, JSON kinds. Runs only inside transforms.</summary>
internal static class TypeAnalysis
{
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers |
        SymbolDisplayMiscellaneousOptions.UseSpecialTypes |
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static string NameOf(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    public static string TypeOfNameOf(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeOfFormat);

    public static bool CanBeNull(ITypeSymbol type) =>
        type.IsReferenceType ? type.NullableAnnotation != NullableAnnotation.NotAnnotated || type.TypeKind == TypeKind.Error : IsNullableValueType(type);

    public static bool IsNullableValueType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    public static bool HasAttribute(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } c && FullMetadataName(c) == metadataName)
            {
                return true;
            }
        }

        return false;
    }

    public static string FullMetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>Whether the type has a Bloom-generated nested <c>BloomJsonConverter</c> (ids, value objects, events, entities).</summary>
    public static bool IsBloomSerializable(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: false } named &&
        (HasAttribute(named, WellKnownNames.StronglyTypedIdAttribute) ||
         HasAttribute(named, WellKnownNames.EntityAttribute) ||
         HasAttribute(named, WellKnownNames.ValueObjectAttribute) ||
         HasAttribute(named, WellKnownNames.DomainEventAttribute));

    /// <summary>camelCase, as the JSON property name: "Amount" → "amount", "_total" → "total", "IOValue" → "ioValue".</summary>
    public static string CamelCase(string name)
    {
        name = name.TrimStart('_');
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            if (i > 0 && i + 1 < chars.Length && !char.IsUpper(chars[i + 1]))
            {
                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    public static string ParameterName(string memberName)
    {
        var camel = CamelCase(memberName);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(camel) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ||
               Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(camel) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            ? "@" + camel
            : camel;
    }

    public static MemberModel CreateMember(string name, ITypeSymbol type, bool isPublic, string? jsonName = null)
    {
        var (equality, element, key, value) = EqualityOf(type);
        return new MemberModel(
            Name: name,
            TypeName: NameOf(type),
            ParameterName: ParameterName(name),
            JsonName: jsonName ?? CamelCase(name),
            IsPublic: isPublic,
            CanBeNull: CanBeNull(type),
            Equality: equality,
            ElementTypeName: element,
            KeyTypeName: key,
            ValueTypeName: value,
            Json: JsonOf(type, 0));
    }

    private static (EqualityKind Kind, string Element, string Key, string Value) EqualityOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return (EqualityKind.String, "", "", "");
        }

        // Not float/double: == and Equals disagree on NaN there.
        if (type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or
                SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or
                SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Decimal)
        {
            return (EqualityKind.Operator, "", "", "");
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return (EqualityKind.Array, NameOf(array.ElementType), "", "");
        }

        if (type is not INamedTypeSymbol named)
        {
            return (EqualityKind.Scalar, "", "", "");
        }

        var definition = FullMetadataName(named.OriginalDefinition);
        if (definition == "System.Collections.Generic.List`1")
        {
            return (EqualityKind.List, NameOf(named.TypeArguments[0]), "", "");
        }

        if (definition == "System.Collections.Immutable.ImmutableArray`1")
        {
            return (EqualityKind.ImmutableArray, NameOf(named.TypeArguments[0]), "", "");
        }

        if (FindInterface(named, "System.Collections.Generic.IReadOnlyDictionary`2") is { } dictionary)
        {
            return (EqualityKind.Dictionary, "", NameOf(dictionary.TypeArguments[0]), NameOf(dictionary.TypeArguments[1]));
        }

        if (FindInterface(named, "System.Collections.Generic.IReadOnlySet`1") is { } set)
        {
            return (EqualityKind.Set, NameOf(set.TypeArguments[0]), "", "");
        }

        if (FindInterface(named, "System.Collections.Generic.IEnumerable`1") is { } sequence)
        {
            return (EqualityKind.Sequence, NameOf(sequence.TypeArguments[0]), "", "");
        }

        return (EqualityKind.Scalar, "", "", "");
    }

    private static INamedTypeSymbol? FindInterface(INamedTypeSymbol type, string metadataName)
    {
        if (type.TypeKind == TypeKind.Interface && FullMetadataName(type.OriginalDefinition) == metadataName)
        {
            return type;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (FullMetadataName(candidate.OriginalDefinition) == metadataName)
            {
                return candidate;
            }
        }

        return null;
    }

    private static JsonTypeModel JsonOf(ITypeSymbol type, int depth)
    {
        var name = NameOf(type);
        var typeOf = TypeOfNameOf(type);
        var canBeNull = CanBeNull(type);
        JsonTypeModel Simple(JsonKind kind) => new(kind, name, typeOf, canBeNull, CollectionShape.None, null);

        if (depth > 4)
        {
            return Simple(JsonKind.Fallback);
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return Simple(JsonKind.String);
            case SpecialType.System_Boolean: return Simple(JsonKind.Boolean);
            case SpecialType.System_Byte: return Simple(JsonKind.Byte);
            case SpecialType.System_Int16: return Simple(JsonKind.Int16);
            case SpecialType.System_Int32: return Simple(JsonKind.Int32);
            case SpecialType.System_Int64: return Simple(JsonKind.Int64);
            case SpecialType.System_UInt32: return Simple(JsonKind.UInt32);
            case SpecialType.System_UInt64: return Simple(JsonKind.UInt64);
            case SpecialType.System_Single: return Simple(JsonKind.Single);
            case SpecialType.System_Double: return Simple(JsonKind.Double);
            case SpecialType.System_Decimal: return Simple(JsonKind.Decimal);
            case SpecialType.System_Char: return Simple(JsonKind.Char);
            case SpecialType.System_DateTime: return Simple(JsonKind.DateTime);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return Simple(JsonKind.Enum);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return new JsonTypeModel(JsonKind.Collection, name, typeOf, canBeNull, CollectionShape.Array, JsonOf(array.ElementType, depth + 1));
        }

        if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
        {
            return Simple(JsonKind.Fallback);
        }

        if (IsNullableValueType(named))
        {
            return new JsonTypeModel(JsonKind.Nullable, name, typeOf, true, CollectionShape.None, JsonOf(named.TypeArguments[0], depth + 1));
        }

        switch (FullMetadataName(named.OriginalDefinition))
        {
            case "System.Guid": return Simple(JsonKind.Guid);
            case "System.DateTimeOffset": return Simple(JsonKind.DateTimeOffset);
            case "System.DateOnly": return Simple(JsonKind.DateOnly);
            case "System.TimeOnly": return Simple(JsonKind.TimeOnly);
            case "System.TimeSpan": return Simple(JsonKind.TimeSpan);
            case "System.Collections.Generic.List`1":
            case "System.Collections.Generic.IEnumerable`1":
            case "System.Collections.Generic.IReadOnlyList`1":
            case "System.Collections.Generic.IReadOnlyCollection`1":
            case "System.Collections.Generic.IList`1":
            case "System.Collections.Generic.ICollection`1":
                return new JsonTypeModel(JsonKind.Collection, name, typeOf, canBeNull, CollectionShape.List, JsonOf(named.TypeArguments[0], depth + 1));
            case "System.Collections.Immutable.ImmutableArray`1":
                return new JsonTypeModel(JsonKind.Collection, name, typeOf, false, CollectionShape.ImmutableArray, JsonOf(named.TypeArguments[0], depth + 1));
            case "System.Collections.Generic.HashSet`1":
            case "System.Collections.Generic.ISet`1":
            case "System.Collections.Generic.IReadOnlySet`1":
                return new JsonTypeModel(JsonKind.Collection, name, typeOf, canBeNull, CollectionShape.HashSet, JsonOf(named.TypeArguments[0], depth + 1));
            case "System.Collections.Generic.Dictionary`2":
            case "System.Collections.Generic.IDictionary`2":
            case "System.Collections.Generic.IReadOnlyDictionary`2":
                var key = JsonOf(named.TypeArguments[0], depth + 1);
                var isKey = key.Kind is JsonKind.String or JsonKind.Guid or JsonKind.Int32 or JsonKind.Int64 or JsonKind.Enum ||
                            (key.Kind == JsonKind.BloomConverter && HasAttribute(named.TypeArguments[0], WellKnownNames.StronglyTypedIdAttribute));
                return isKey
                    ? new JsonTypeModel(JsonKind.Dictionary, name, typeOf, canBeNull, CollectionShape.None, JsonOf(named.TypeArguments[1], depth + 1), key with { CanBeNull = false })
                    : Simple(JsonKind.Fallback);
        }

        return IsBloomSerializable(named) ? Simple(JsonKind.BloomConverter) : Simple(JsonKind.Fallback);
    }
}
