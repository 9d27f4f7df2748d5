using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.DomainEvents;

public sealed partial class DomainEventGenerator
{
    private static ParseResult<DomainEventModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        return GeneratorFailure.Parse(symbol.Name, () => ParseModel(symbol, context.Attributes, cancellationToken));
    }

    private static DomainEventModel? ParseModel(INamedTypeSymbol symbol, ImmutableArray<AttributeData> attributes, CancellationToken cancellationToken)
    {
        if (symbol.TypeKind != TypeKind.Class || symbol.IsStatic || HierarchyInfo.TryCreate(symbol, cancellationToken) is not { } hierarchy)
        {
            return null;
        }

        var attribute = attributes.FirstOrDefault();
        var name = DomainEventNames.StableName(symbol, attribute);
        var version = 1;
        foreach (var argument in attribute?.NamedArguments ?? ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            if (argument.Key == "Version" && argument.Value.Value is int v && v >= 1)
            {
                version = v;
            }
        }

        var properties = MemberCollector.PublicProperties(symbol, cancellationToken);
        var members = properties.Select(static p => p.Model).ToList();
        var generatesEventId = !properties.Any(static p => p.Property.Name == "EventId");
        var generatesOccurredAt = !properties.Any(static p => p.Property.Name == "OccurredAt");
        var generated = new HashSet<string>(StringComparer.Ordinal);
        // The members Bloom adds are not in the compilation yet, so their models are written out here.
        void AddGenerated(string memberName, string typeName, JsonKind json)
        {
            var jsonName = TypeAnalysis.CamelCase(memberName);
            members.Add(new MemberModel(memberName, typeName, jsonName, jsonName, true, false, EqualityKind.Scalar, "", "", "",
                new JsonTypeModel(json, typeName, typeName, false, CollectionShape.None, null)));
            generated.Add(memberName);
        }

        if (generatesEventId)
        {
            AddGenerated("EventId", "global::System.Guid", JsonKind.Guid);
        }

        if (generatesOccurredAt)
        {
            AddGenerated("OccurredAt", "global::System.DateTimeOffset", JsonKind.DateTimeOffset);
        }

        var settable = new HashSet<string>(properties.Where(static p => p.Property.SetMethod is not null).Select(static p => p.Property.Name), StringComparer.Ordinal);
        settable.UnionWith(generated);
        var construction = MemberCollector.Construction(symbol, members, settable.Contains);

        return new DomainEventModel(
            hierarchy,
            name,
            version,
            members.ToEquatableArray(),
            construction,
            generatesEventId,
            generatesOccurredAt,
            TypeAnalysis.HasAttribute(symbol, "System.Text.Json.Serialization.JsonConverterAttribute"),
            IsAccessibleFromAssembly(symbol),
            symbol.IsSealed,
            EqualityMembers(symbol, members, cancellationToken));
    }

    // A record event compares its members with the compiler's record equality, which compares lists and arrays by reference.
    // When it has collection members, Bloom emits element-wise equality instead, so an event equals itself after a JSON round trip.
    private static EquatableArray<MemberModel> EqualityMembers(INamedTypeSymbol symbol, List<MemberModel> serialized, CancellationToken cancellationToken)
    {
        if (!symbol.IsRecord || symbol.BaseType is not { SpecialType: SpecialType.System_Object } ||
            symbol.GetMembers("Equals").Any(m => m is IMethodSymbol { IsImplicitlyDeclared: false, Parameters.Length: 1 } e &&
                                                 SymbolEqualityComparer.Default.Equals(e.Parameters[0].Type.OriginalDefinition, symbol)))
        {
            return EquatableArray<MemberModel>.Empty;
        }

        var state = MemberCollector.StateMembers(symbol, cancellationToken);
        if (!state.Any(static m => m.IsCollection))
        {
            return EquatableArray<MemberModel>.Empty;
        }

        state.AddRange(serialized.Where(static m => m.Name is "EventId" or "OccurredAt").Where(m => state.All(s => s.Name != m.Name)));
        return state.ToEquatableArray();
    }

    /// <summary>
    /// Whether the event is in the assembly's <c>BloomDomainEvents.Registry</c>: the same conditions under which <see cref="Parse"/>
    /// yields a model that is accessible from the assembly. The unit-of-work generator asks this to know whether the registry exists.
    /// </summary>
    internal static bool IsRegistered(INamedTypeSymbol symbol, CancellationToken cancellationToken) =>
        symbol.TypeKind == TypeKind.Class && !symbol.IsStatic && IsAccessibleFromAssembly(symbol) && HierarchyInfo.TryCreate(symbol, cancellationToken) is not null;

    private static bool IsAccessibleFromAssembly(INamedTypeSymbol symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The registry's namespace: the assembly name as a valid namespace ("My-App.Domain" → "My_App.Domain").</summary>
    internal static string AssemblyNamespace(string? assemblyName)
    {
        if (string.IsNullOrWhiteSpace(assemblyName))
        {
            return "Bloom.Generated";
        }

        var segments = assemblyName!.Split('.').Select(static segment =>
        {
            var builder = new StringBuilder(segment.Length + 1);
            foreach (var c in segment)
            {
                builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
            {
                builder.Insert(0, '_');
            }

            var text = builder.ToString();
            return SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None ? "@" + text : text;
        });
        return string.Join(".", segments);
    }
}
