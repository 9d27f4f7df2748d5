using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bloom.CodeFixes;

/// <summary>
/// The BLM1003 collection fix for one property: the property declared as the read-only interface of its mutable
/// collection type. Offered only when every value the property hands out (initializer, expression body, getter returns)
/// still converts to the new type; a target-typed <c>new()</c> initializer is spelled out with the old type.
/// </summary>
internal sealed class ReadOnlyCollectionFix
{
    private ReadOnlyCollectionFix(string typeName, PropertyDeclarationSyntax property)
    {
        TypeName = typeName;
        Property = property;
    }

    /// <summary>The new type as written in the fixed code, e.g. <c>IReadOnlyList&lt;OrderLine&gt;</c>.</summary>
    public string TypeName { get; }

    /// <summary>The rewritten property declaration.</summary>
    public PropertyDeclarationSyntax Property { get; }

    public static ReadOnlyCollectionFix? TryCreate(PropertyDeclarationSyntax property, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(property, cancellationToken) is not { } symbol ||
            ReadOnlyCounterpart(symbol.Type, model.Compilation) is not { } readOnly)
        {
            return null;
        }

        if (symbol.Type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            readOnly = (INamedTypeSymbol)readOnly.WithNullableAnnotation(NullableAnnotation.Annotated);
        }

        foreach (var value in ValueExpressions(property))
        {
            // Collection expressions build only the read-only list and collection interfaces (not IReadOnlySet or IReadOnlyDictionary).
            var converts = value switch
            {
                ImplicitObjectCreationExpressionSyntax => true,
                CollectionExpressionSyntax => readOnly.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IReadOnlyList_T
                    or SpecialType.System_Collections_Generic_IReadOnlyCollection_T,
                _ => model.ClassifyConversion(value, readOnly).IsImplicit,
            };
            if (!converts)
            {
                return null;
            }
        }

        var typeName = readOnly.ToMinimalDisplayString(model, property.Type.SpanStart);
        var fixedProperty = property.WithType(SyntaxFactory.ParseTypeName(typeName).WithTriviaFrom(property.Type));
        if (fixedProperty.Initializer is { Value: ImplicitObjectCreationExpressionSyntax implicitNew } initializer)
        {
            // 'new()' has no target type once the property is an interface: name the type it created before.
            var createdType = symbol.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToMinimalDisplayString(model, property.Type.SpanStart);
            var explicitNew = SyntaxFactory.ObjectCreationExpression(
                    implicitNew.NewKeyword.WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.ParseTypeName(createdType),
                    implicitNew.ArgumentList,
                    implicitNew.Initializer)
                .WithTriviaFrom(implicitNew);
            fixedProperty = fixedProperty.WithInitializer(initializer.WithValue(explicitNew));
        }

        return new ReadOnlyCollectionFix(typeName, fixedProperty);
    }

    /// <summary>
    /// <c>T[]</c>, <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> → <c>IReadOnlyList&lt;T&gt;</c>; <c>ICollection&lt;T&gt;</c> →
    /// <c>IReadOnlyCollection&lt;T&gt;</c>; dictionaries → <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c>; sets →
    /// <c>IReadOnlySet&lt;T&gt;</c> (<c>IReadOnlyCollection&lt;T&gt;</c> before .NET 5). Null for anything else.
    /// </summary>
    internal static INamedTypeSymbol? ReadOnlyCounterpart(ITypeSymbol type, Compilation compilation)
    {
        var readOnlyList = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyList_T);
        var readOnlyCollection = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyCollection_T);
        if (type is IArrayTypeSymbol { IsSZArray: true } array)
        {
            return Construct(readOnlyList, array.ElementType);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var candidates = new List<INamedTypeSymbol>();
        if (named.TypeKind == TypeKind.Interface)
        {
            candidates.Add(named);
        }

        candidates.AddRange(named.AllInterfaces);

        var dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        var set = compilation.GetTypeByMetadataName("System.Collections.Generic.ISet`1");
        if (Find(candidates, dictionary) is { } dictionaryInterface &&
            compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2") is { } readOnlyDictionary)
        {
            return Construct(readOnlyDictionary, dictionaryInterface.TypeArguments[0], dictionaryInterface.TypeArguments[1]);
        }

        if (Find(candidates, set) is { } setInterface)
        {
            return Construct(compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlySet`1") ?? readOnlyCollection, setInterface.TypeArguments[0]);
        }

        if (Find(candidates, compilation.GetSpecialType(SpecialType.System_Collections_Generic_IList_T)) is { } listInterface)
        {
            return Construct(readOnlyList, listInterface.TypeArguments[0]);
        }

        if (Find(candidates, compilation.GetSpecialType(SpecialType.System_Collections_Generic_ICollection_T)) is { } collectionInterface)
        {
            return Construct(readOnlyCollection, collectionInterface.TypeArguments[0]);
        }

        return null;
    }

    private static INamedTypeSymbol? Find(List<INamedTypeSymbol> candidates, INamedTypeSymbol? definition)
    {
        if (definition is null)
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition))
            {
                return candidate;
            }
        }

        return null;
    }

    // Keeps the arguments' nullable annotations: List<string?> becomes IReadOnlyList<string?>.
    private static INamedTypeSymbol Construct(INamedTypeSymbol definition, params ITypeSymbol[] arguments) =>
        definition.Construct(
            [.. arguments],
            [.. arguments.Select(static a => a.NullableAnnotation)]);

    /// <summary>The expressions whose values the property returns or is initialized with.</summary>
    private static IEnumerable<ExpressionSyntax> ValueExpressions(PropertyDeclarationSyntax property)
    {
        if (property.Initializer is { } initializer)
        {
            yield return initializer.Value;
        }

        if (property.ExpressionBody is { } expressionBody)
        {
            yield return expressionBody.Expression;
        }

        foreach (var accessor in property.AccessorList?.Accessors ?? default)
        {
            if (!accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                continue;
            }

            if (accessor.ExpressionBody is { } accessorBody)
            {
                yield return accessorBody.Expression;
            }

            var returns = accessor.Body?.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<ReturnStatementSyntax>() ?? [];
            foreach (var statement in returns)
            {
                if (statement.Expression is { } returned)
                {
                    yield return returned;
                }
            }
        }
    }
}
