using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.StronglyTypedIds;

public sealed partial class StronglyTypedIdGenerator
{
    private static ParseResult<StronglyTypedIdModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        return GeneratorFailure.Parse(symbol.Name, () => ParseModel(symbol, context.Attributes, cancellationToken));
    }

    private static StronglyTypedIdModel? ParseModel(INamedTypeSymbol symbol, System.Collections.Immutable.ImmutableArray<AttributeData> attributes, CancellationToken cancellationToken)
    {
        if (symbol.TypeKind != TypeKind.Struct || symbol.IsRecord || HierarchyInfo.TryCreate(symbol, cancellationToken) is not { } hierarchy)
        {
            return null;
        }

        // A struct that already declares instance state is not a plain id wrapper; the analyzer says why.
        if (symbol.GetMembers().Any(static m => m is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false, Name: "Value" }))
        {
            return null;
        }

        var backing = IdBackingKind.Guid;
        var attribute = attributes.FirstOrDefault();
        if (attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is int raw)
        {
            if (raw is < 0 or > 2)
            {
                return null;
            }

            backing = (IdBackingKind)raw;
        }

        return new StronglyTypedIdModel(
            hierarchy,
            backing,
            MemberCollector.Declares(symbol, "ToString", 0),
            TypeAnalysis.HasAttribute(symbol, "System.Text.Json.Serialization.JsonConverterAttribute"));
    }
}
