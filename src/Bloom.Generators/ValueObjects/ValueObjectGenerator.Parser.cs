using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.ValueObjects;

public sealed partial class ValueObjectGenerator
{
    private static ParseResult<ValueObjectModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        return GeneratorFailure.Parse(symbol.Name, () => ParseModel(symbol, cancellationToken));
    }

    // A concrete Bloom ancestor (or one compiled elsewhere) has a nested BloomJsonConverter that ours must hide with `new`.
    private static bool AncestorHasConverter(INamedTypeSymbol symbol)
    {
        for (var ancestor = symbol.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (ancestor.GetTypeMembers("BloomJsonConverter").Length > 0 || (!ancestor.IsAbstract && TypeAnalysis.IsBloomSerializable(ancestor)))
            {
                return true;
            }
        }

        return false;
    }

    private static ValueObjectModel? ParseModel(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        if (HierarchyInfo.TryCreate(symbol, cancellationToken) is not { } hierarchy || symbol.IsStatic || symbol.IsAbstract && !symbol.IsRecord)
        {
            return null;
        }

        var shape = symbol switch
        {
            { TypeKind: TypeKind.Struct, IsRecord: true } => ValueObjectShape.RecordStruct,
            { TypeKind: TypeKind.Struct } => ValueObjectShape.Struct,
            { IsRecord: true } => ValueObjectShape.Record,
            _ => ValueObjectShape.Class,
        };

        var members = MemberCollector.StateMembers(symbol, cancellationToken);
        var construction = ConstructionKind.None;
        var parameters = new List<MemberModel>();
        var synthesized = new List<string>();

        var primaryConstructor = MemberCollector.PrimaryConstructor(symbol, cancellationToken);
        if (primaryConstructor is { } primary && symbol.IsRecord)
        {
            construction = ConstructionKind.Positional;
            foreach (var parameter in primary.Parameters)
            {
                var property = symbol.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault();
                parameters.Add(members.FirstOrDefault(m => m.Name == parameter.Name) ??
                               TypeAnalysis.CreateMember(parameter.Name, parameter.Type, isPublic: true));
                if (property is not null && property.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax))
                {
                    synthesized.Add(parameter.Name);
                }
            }
        }
        else if (primaryConstructor is not null || MemberCollector.HasDeclaredConstructor(symbol))
        {
            construction = ConstructionKind.UserDeclared;
        }
        else if (members.Count > 0)
        {
            construction = ConstructionKind.Generated;
            parameters.AddRange(members);
        }

        var hasValidate = symbol.GetMembers("Validate").Any(static m => m is IMethodSymbol { IsStatic: true, IsImplicitlyDeclared: false });
        ConstructionModel? jsonConstruction = construction switch
        {
            ConstructionKind.Positional or ConstructionKind.Generated =>
                new ConstructionModel(parameters.Select(static p => p.Name).ToEquatableArray(), EquatableArray<string>.Empty),
            ConstructionKind.UserDeclared => MemberCollector.Construction(symbol, members, static _ => false),
            _ => new ConstructionModel(EquatableArray<string>.Empty, EquatableArray<string>.Empty),
        };

        return new ValueObjectModel(
            Hierarchy: hierarchy,
            Shape: shape,
            IsSealed: symbol.IsSealed || symbol.TypeKind == TypeKind.Struct,
            Members: members.ToEquatableArray(),
            Construction: construction,
            ConstructorParameters: parameters.ToEquatableArray(),
            SynthesizedPositionalProperties: synthesized.ToEquatableArray(),
            HasValidate: hasValidate,
            DeclaresEquals: symbol.GetMembers("Equals").Any(m => m is IMethodSymbol { IsImplicitlyDeclared: false, Parameters.Length: 1 } e &&
                                                                  SymbolEqualityComparer.Default.Equals(e.Parameters[0].Type.OriginalDefinition, symbol)),
            DeclaresGetHashCode: MemberCollector.Declares(symbol, "GetHashCode", 0),
            DeclaresToString: MemberCollector.Declares(symbol, "ToString", 0) || MemberCollector.Declares(symbol, "PrintMembers", 1),
            DeclaresOperators: MemberCollector.DeclaresMember(symbol, "op_Equality"),
            DeclaresFactories: MemberCollector.DeclaresMember(symbol, "Create") || MemberCollector.DeclaresMember(symbol, "TryCreate"),
            DeclaresJsonConverter: TypeAnalysis.HasAttribute(symbol, "System.Text.Json.Serialization.JsonConverterAttribute"),
            JsonConstruction: jsonConstruction,
            BaseRecord: symbol.IsRecord && symbol.BaseType is { SpecialType: not SpecialType.System_Object, IsRecord: true } baseRecord
                ? TypeAnalysis.TypeOfNameOf(baseRecord)
                : string.Empty,
            IsAbstract: symbol.IsAbstract,
            BaseHasConverter: AncestorHasConverter(symbol));
    }
}
