using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Generators.Persistence;
using Bloom.Roslyn;

namespace Bloom.Generators.UnitsOfWork;

public sealed partial class UnitOfWorkGenerator
{
    /// <summary>
    /// An <c>[Aggregate]</c> of this compilation, when it is persistable. The aggregate generator emits its repository interface;
    /// this generator cannot see that output, so it asks the same <see cref="PersistenceParser"/> (same rule, same names) instead.
    /// </summary>
    private static PersistableAggregateModel? ParseAggregate(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;

        // A failure here is reported once, as BLM0000, by the aggregate generator for the same type; this one just skips it.
        return GeneratorFailure.Parse(symbol.Name, () => ParseAggregateModel(symbol, context.Attributes.FirstOrDefault(), cancellationToken)).Model;
    }

    private static PersistableAggregateModel? ParseAggregateModel(INamedTypeSymbol symbol, AttributeData? attribute, CancellationToken cancellationToken)
    {
        var eventSourced = attribute?.NamedArguments.Any(static a => a.Key == "EventSourced" && a.Value.Value is true) ?? false;
        if (eventSourced ||
            HierarchyInfo.TryCreate(symbol, cancellationToken) is not { } hierarchy ||
            IdentityModel.TryCreate(symbol) is not { } identity ||
            PersistenceParser.TryCreate(symbol, attribute, cancellationToken) is not { } persistence)
        {
            return null;
        }

        return new PersistableAggregateModel(
            hierarchy.GlobalName,
            identity.IdTypeName,
            "global::" + (hierarchy.Namespace.Length == 0 ? string.Empty : hierarchy.Namespace + ".") + persistence.RepositoryName,
            persistence.RepositoryName,
            persistence.PropertyName,
            symbol.DeclaredAccessibility == Accessibility.Public);
    }

    private static ParseResult<UnitOfWorkDeclarationModel> ParseUnitOfWork(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        return GeneratorFailure.Parse(symbol.Name, () => ParseUnitOfWorkModel(symbol, cancellationToken));
    }

    private static UnitOfWorkDeclarationModel? ParseUnitOfWorkModel(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        if (symbol.TypeKind != TypeKind.Interface || HierarchyInfo.TryCreate(symbol, cancellationToken) is not { } hierarchy)
        {
            return null;
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        var properties = new List<DeclaredPropertyModel>();
        foreach (var owner in InterfaceAndBases(symbol))
        {
            foreach (var member in owner.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsImplicitlyDeclared)
                {
                    continue;
                }

                names.Add(member.Name);
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    properties.Add(DeclaredProperty(property));
                }
            }
        }

        // Sorted: a partial interface's members otherwise come in syntax-tree order, and the output must not depend on it.
        properties.Sort(static (a, b) => string.CompareOrdinal(a.DeclaringInterface + "." + a.Name, b.DeclaringInterface + "." + b.Name));
        return new UnitOfWorkDeclarationModel(
            hierarchy,
            IsEffectivelyPublic(symbol),
            CanBeNamedInAssembly(symbol),
            properties.ToEquatableArray(),
            names.ToEquatableArray());
    }

    private static DeclaredPropertyModel DeclaredProperty(IPropertySymbol property)
    {
        var declaring = TypeAnalysis.TypeOfNameOf(property.ContainingType);
        if (RepositoryOf(property.Type) is { } repository)
        {
            return new DeclaredPropertyModel(property.Name, declaring, repository with { Name = property.Name, DeclaringInterface = declaring }, string.Empty, string.Empty);
        }

        // The repository interfaces the aggregate generator emits in this compilation are invisible here (generators do not see
        // each other's output): such a type is an error type, or a user-written partial without its generated bases.
        return property.Type is INamedTypeSymbol { TypeKind: TypeKind.Error or TypeKind.Interface } candidate
            ? new DeclaredPropertyModel(property.Name, declaring, null, candidate.Name, candidate.TypeKind == TypeKind.Error ? string.Empty : TypeAnalysis.TypeOfNameOf(candidate))
            : new DeclaredPropertyModel(property.Name, declaring, null, string.Empty, string.Empty);
    }

    /// <summary>The repository a property type is, when it is an interface extending <c>IRepository&lt;TAggregate, TId&gt;</c>.</summary>
    private static RepositoryPropertyModel? RepositoryOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Interface, IsGenericType: false } named)
        {
            return null;
        }

        foreach (var candidate in named.AllInterfaces)
        {
            if (TypeAnalysis.FullMetadataName(candidate.OriginalDefinition) == UnitOfWorkNames.Repository &&
                candidate.TypeArguments[0].TypeKind != TypeKind.Error && candidate.TypeArguments[1].TypeKind != TypeKind.Error)
            {
                return new RepositoryPropertyModel(
                    string.Empty,
                    string.Empty,
                    TypeAnalysis.TypeOfNameOf(named),
                    TypeAnalysis.TypeOfNameOf(candidate.TypeArguments[0]),
                    TypeAnalysis.TypeOfNameOf(candidate.TypeArguments[1]));
            }
        }

        return null;
    }

    /// <summary>The interface followed by its bases, without Bloom's ports and the BCL's disposable interfaces.</summary>
    private static IEnumerable<INamedTypeSymbol> InterfaceAndBases(INamedTypeSymbol symbol)
    {
        yield return symbol;
        foreach (var baseInterface in symbol.AllInterfaces)
        {
            var name = TypeAnalysis.FullMetadataName(baseInterface.OriginalDefinition);
            if (name is not (UnitOfWorkNames.UnitOfWorkPort or UnitOfWorkNames.SyncUnitOfWorkPort or "System.IDisposable" or "System.IAsyncDisposable"))
            {
                yield return baseInterface;
            }
        }
    }

    private static bool IsEffectivelyPublic(INamedTypeSymbol symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static bool CanBeNamedInAssembly(INamedTypeSymbol symbol)
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

    /// <summary>The implementation's name: <c>IShopUnitOfWork</c> → <c>BloomShopUnitOfWork</c>; nesting joined with '_'.</summary>
    private static string ImplementationName(IReadOnlyList<string> nestedNames)
    {
        var parts = nestedNames.ToArray();
        var last = parts[parts.Length - 1];
        if (last.Length > 1 && last[0] == 'I' && char.IsUpper(last[1]))
        {
            parts[parts.Length - 1] = last.Substring(1);
        }

        return "Bloom" + string.Join("_", parts);
    }
}
