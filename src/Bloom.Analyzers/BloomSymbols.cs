using Bloom.Roslyn;
using Microsoft.CodeAnalysis;

namespace Bloom.Analyzers;

/// <summary>
/// Bloom's well-known symbols for one compilation, resolved once in a compilation-start action and shared by the
/// domain-model analyzers. Classification is by attribute symbol, so same-named types from other namespaces never match.
/// </summary>
internal sealed class BloomSymbols
{
    private BloomSymbols(Compilation compilation)
    {
        Aggregate = compilation.GetTypeByMetadataName(WellKnownNames.AggregateAttribute);
        Entity = compilation.GetTypeByMetadataName(WellKnownNames.EntityAttribute);
        ValueObject = compilation.GetTypeByMetadataName(WellKnownNames.ValueObjectAttribute);
        DomainEvent = compilation.GetTypeByMetadataName(WellKnownNames.DomainEventAttribute);
        StronglyTypedId = compilation.GetTypeByMetadataName(WellKnownNames.StronglyTypedIdAttribute);
        DomainService = compilation.GetTypeByMetadataName(WellKnownNames.DomainServiceAttribute);
        AggregateRootInterface = compilation.GetTypeByMetadataName(WellKnownNames.AggregateRootInterface);
    }

    public INamedTypeSymbol? Aggregate { get; }

    public INamedTypeSymbol? Entity { get; }

    public INamedTypeSymbol? ValueObject { get; }

    public INamedTypeSymbol? DomainEvent { get; }

    public INamedTypeSymbol? StronglyTypedId { get; }

    public INamedTypeSymbol? DomainService { get; }

    public INamedTypeSymbol? AggregateRootInterface { get; }

    /// <summary>Resolves the symbols; null when the compilation does not reference Bloom.Abstractions.</summary>
    public static BloomSymbols? TryCreate(Compilation compilation)
    {
        var symbols = new BloomSymbols(compilation);
        return symbols.Aggregate is null && symbols.ValueObject is null ? null : symbols;
    }

    public bool IsAggregate(ITypeSymbol? type) => HasOrInherits(type, Aggregate);

    public bool IsEntity(ITypeSymbol? type) => HasOrInherits(type, Entity);

    public bool IsValueObject(ITypeSymbol? type) => Has(type, ValueObject);

    public bool IsDomainEvent(ITypeSymbol? type) => Has(type, DomainEvent);

    public bool IsStronglyTypedId(ITypeSymbol? type) => Has(type, StronglyTypedId);

    public bool IsDomainService(ITypeSymbol? type) => Has(type, DomainService);

    /// <summary>An aggregate, entity, value object, domain event or domain service.</summary>
    public bool IsDomainType(ITypeSymbol? type) =>
        IsAggregate(type) || IsEntity(type) || IsValueObject(type) || IsDomainEvent(type) || IsDomainService(type);

    /// <summary>The type of the <c>Id</c> property of an aggregate or entity (searching base types), or null.</summary>
    public static ITypeSymbol? IdTypeOf(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("Id"))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    return property.Type;
                }
            }
        }

        return null;
    }

    /// <summary>The element type when <paramref name="type"/> is an array or implements <c>IEnumerable&lt;T&gt;</c> (strings excluded).</summary>
    public static ITypeSymbol? ElementTypeOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named &&
            named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return named.TypeArguments[0];
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return candidate.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>
    /// Whether values of the type can be changed through the type itself: arrays, and collections with Add/Remove
    /// (<c>ICollection&lt;T&gt;</c>, non-generic <c>IList</c>/<c>IDictionary</c>) that are not immutable collections.
    /// </summary>
    public static bool IsMutableCollection(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named || type.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        var ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns.StartsWith("System.Collections.Immutable", StringComparison.Ordinal) || ns.StartsWith("System.Collections.Frozen", StringComparison.Ordinal))
        {
            return false;
        }

        if (IsCollectionInterface(named))
        {
            return true;
        }

        foreach (var candidate in named.AllInterfaces)
        {
            if (IsCollectionInterface(candidate))
            {
                return true;
            }
        }

        return false;

        static bool IsCollectionInterface(INamedTypeSymbol candidate) =>
            candidate.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_ICollection_T or SpecialType.System_Collections_Generic_IList_T ||
            candidate.OriginalDefinition.ToDisplayString() is "System.Collections.IList" or "System.Collections.IDictionary";
    }

    /// <summary>
    /// The namespaces Bloom treats as infrastructure. A domain model that uses them cannot be tested or reused without a
    /// database, network, broker or Bloom's runtime.
    /// </summary>
    public static readonly string[] InfrastructureNamespaces =
    [
        "System.Data",
        "System.Net.Http",
        "System.Net.Sockets",
        "Microsoft.Data",
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "Dapper",
        "Npgsql",
        "RabbitMQ",
        "StackExchange.Redis",
        "Bloom.Runtime",
        "Bloom.Messaging",
        "Bloom.RabbitMQ",
        "Bloom.AspNetCore",
    ];

    private static readonly string[][] InfrastructureSegments = [.. InfrastructureNamespaces.Select(static n => n.Split('.'))];

    // Called for every operation in domain code, so it compares namespace segments instead of building display strings.
    private static bool IsInfrastructureNamespace(INamespaceSymbol? ns)
    {
        var depth = 0;
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            depth++;
        }

        if (depth == 0)
        {
            return false;
        }

        var segments = new string[depth];
        var index = depth;
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            segments[--index] = current.Name;
        }

        foreach (var prefix in InfrastructureSegments)
        {
            if (prefix.Length > depth)
            {
                continue;
            }

            var match = true;
            for (var i = 0; i < prefix.Length && match; i++)
            {
                match = string.Equals(prefix[i], segments[i], StringComparison.Ordinal);
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type (or, for arrays and generic types, any part of it) lives in an infrastructure namespace.</summary>
    public static bool IsInfrastructure(ITypeSymbol? type, out ITypeSymbol? offending)
    {
        offending = null;
        switch (type)
        {
            case null:
                return false;
            case IArrayTypeSymbol array:
                return IsInfrastructure(array.ElementType, out offending);
            case INamedTypeSymbol named:
                if (IsInfrastructureNamespace(named.ContainingNamespace))
                {
                    offending = named;
                    return true;
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (IsInfrastructure(argument, out offending))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool Has(ITypeSymbol? type, INamedTypeSymbol? attribute)
    {
        if (type is null || attribute is null)
        {
            return false;
        }

        foreach (var data in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOrInherits(ITypeSymbol? type, INamedTypeSymbol? attribute)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Has(current, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
