using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Aggregates;

public sealed partial class AggregateGenerator
{
    private static ParseResult<AggregateModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        return GeneratorFailure.Parse(symbol.Name, () => ParseModel(symbol, context.Attributes, cancellationToken));
    }

    private static AggregateModel? ParseModel(INamedTypeSymbol symbol, ImmutableArray<AttributeData> attributes, CancellationToken cancellationToken)
    {
        if (HierarchyInfo.TryCreate(symbol, cancellationToken) is not { } hierarchy || IdentityModel.TryCreate(symbol) is not { } identity)
        {
            return null;
        }

        var eventSourced = attributes.FirstOrDefault()?.NamedArguments
            .Any(static a => a.Key == "EventSourced" && a.Value.Value is true) ?? false;

        var applied = new List<(string Name, string File, int Position)>();
        if (eventSourced)
        {
            foreach (var member in symbol.GetMembers("When"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method && method.Parameters[0].Type.TypeKind != TypeKind.Error)
                {
                    var location = method.Locations.FirstOrDefault();
                    applied.Add((TypeAnalysis.TypeOfNameOf(method.Parameters[0].Type), location?.SourceTree?.FilePath ?? string.Empty, location?.SourceSpan.Start ?? 0));
                }
            }
        }

        var ordered = applied.OrderBy(static a => a.File, StringComparer.Ordinal).ThenBy(static a => a.Position).Select(static a => a.Name);
        return new AggregateModel(hierarchy, identity, eventSourced, ordered.ToEquatableArray());
    }
}
