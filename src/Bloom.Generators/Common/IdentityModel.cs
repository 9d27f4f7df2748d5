using Microsoft.CodeAnalysis;

namespace Bloom.Generators.Common;

/// <summary>The identity of an entity or aggregate: its <c>Id</c> property's type and what the type already declares.</summary>
internal sealed record IdentityModel(string IdTypeName, bool IdCanBeNull, bool IsSealed, bool DeclaresEquals, bool DeclaresGetHashCode, bool DeclaresOperators)
{
    /// <summary>Reads the identity of a class with an <c>Id</c> property; null when there is none (the analyzer reports it).</summary>
    public static IdentityModel? TryCreate(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic)
        {
            return null;
        }

        for (var ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (TypeAnalysis.HasAttribute(ancestor, Bloom.Roslyn.WellKnownNames.AggregateAttribute) ||
                TypeAnalysis.HasAttribute(ancestor, Bloom.Roslyn.WellKnownNames.EntityAttribute))
            {
                return null; // the base already carries identity, equality and (for aggregates) the event plumbing
            }
        }

        IPropertySymbol? id = null;
        for (var current = type; current is not null && id is null; current = current.BaseType)
        {
            id = current.GetMembers("Id").OfType<IPropertySymbol>().FirstOrDefault(static p => !p.IsStatic && !p.IsIndexer && p.GetMethod is not null);
        }

        if (id is null || id.Type.TypeKind == TypeKind.Error)
        {
            return null;
        }

        return new IdentityModel(
            TypeAnalysis.NameOf(id.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)),
            id.Type.IsReferenceType || TypeAnalysis.IsNullableValueType(id.Type),
            type.IsSealed,
            type.GetMembers("Equals").Any(m => m is IMethodSymbol { IsImplicitlyDeclared: false, Parameters.Length: 1 } e &&
                                               SymbolEqualityComparer.Default.Equals(e.Parameters[0].Type.OriginalDefinition, type)),
            MemberCollector.Declares(type, "GetHashCode", 0),
            MemberCollector.DeclaresMember(type, "op_Equality"));
    }
}
