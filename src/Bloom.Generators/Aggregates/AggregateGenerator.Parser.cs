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

        var whenMethods = new List<IMethodSymbol>();
        if (eventSourced)
        {
            foreach (var member in symbol.GetMembers("When"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method && method.Parameters[0].Type.TypeKind != TypeKind.Error)
                {
                    whenMethods.Add(method);
                }
            }
        }

        var ordered = MemberCollector.InDeclarationOrder(whenMethods, static m => m).Select(static m => TypeAnalysis.TypeOfNameOf(m.Parameters[0].Type));
        var persistence = eventSourced ? null : Persistence.PersistenceParser.TryCreate(symbol, attributes.FirstOrDefault(), cancellationToken);
        return new AggregateModel(hierarchy, identity, eventSourced, ordered.ToEquatableArray(), persistence);
    }
}
