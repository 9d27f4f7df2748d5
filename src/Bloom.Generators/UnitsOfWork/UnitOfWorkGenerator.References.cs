using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.UnitsOfWork;

public sealed partial class UnitOfWorkGenerator
{
    /// <summary>
    /// Reads what referenced projects declared through the assembly attributes their own Bloom generators wrote
    /// (<c>BloomAggregate</c>, <c>BloomUnitOfWork</c>), and whether this compilation can host implementations. Never enumerates
    /// referenced types (DESIGN §6): only assemblies that reference Bloom.Abstractions are asked for their attributes.
    /// </summary>
    private static ReferencesModel ReadReferences(Compilation compilation, CancellationToken cancellationToken)
    {
        var canImplement = CanImplement(compilation);
        var aggregates = new List<PersistableAggregateModel>();
        var unitsOfWork = new List<UnitOfWorkImplementationModel>();
        var handlerSets = new SortedSet<string>(StringComparer.Ordinal);
        var registries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReferencesAbstractions(assembly))
            {
                continue;
            }

            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass is not { } attributeClass || attribute.ConstructorArguments.Length == 0)
                {
                    continue;
                }

                var name = TypeAnalysis.FullMetadataName(attributeClass);
                if (name == UnitOfWorkNames.BloomAggregateAttribute && ReferencedAggregate(compilation, attribute) is { } aggregate)
                {
                    aggregates.Add(aggregate);
                }
                else if (canImplement && name == UnitOfWorkNames.BloomUnitOfWorkAttribute &&
                         attribute.ConstructorArguments[0].Value is INamedTypeSymbol unitOfWork &&
                         ReferencedUnitOfWork(compilation, unitOfWork, cancellationToken) is { } model)
                {
                    unitsOfWork.Add(model);
                }
                else if (canImplement && name == UnitOfWorkNames.BloomEventHandlersAttribute && StaticClass(compilation, attribute) is { } handlers)
                {
                    handlerSets.Add(handlers);
                }
                else if (canImplement && name == UnitOfWorkNames.BloomDomainEventRegistryAttribute && StaticClass(compilation, attribute) is { } registry)
                {
                    registries.Add(registry);
                }
            }
        }

        return new ReferencesModel(
            canImplement,
            aggregates.OrderBy(static a => a.AggregateType, StringComparer.Ordinal).ToEquatableArray(),
            unitsOfWork.OrderBy(static u => u.InterfaceType, StringComparer.Ordinal).ToEquatableArray(),
            handlerSets.ToEquatableArray(),
            registries.ToEquatableArray());
    }

    /// <summary>The generated static class an assembly attribute names (<c>BloomEventHandlers</c>, <c>BloomDomainEvents</c>), when usable here.</summary>
    private static string? StaticClass(Compilation compilation, AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 &&
        attribute.ConstructorArguments[0].Value is INamedTypeSymbol { IsStatic: true, IsGenericType: false } type &&
        compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)
            ? TypeAnalysis.TypeOfNameOf(type)
            : null;

    /// <summary>
    /// Whether Bloom.Runtime (its unit of work and builder) and the DI abstractions are referenced. Each type is looked up in the
    /// one assembly that ships it, not in the whole compilation.
    /// </summary>
    private static bool CanImplement(Compilation compilation)
    {
        bool runtime = false, dependencyInjection = false;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            switch (assembly.Name)
            {
                case UnitOfWorkNames.RuntimeAssembly:
                    runtime = IsPublic(assembly.GetTypeByMetadataName(UnitOfWorkNames.RuntimeUnitOfWork)) && IsPublic(assembly.GetTypeByMetadataName(UnitOfWorkNames.RuntimeBuilder));
                    break;
                case UnitOfWorkNames.DependencyInjectionAssembly:
                    dependencyInjection = IsPublic(assembly.GetTypeByMetadataName(UnitOfWorkNames.ServiceCollection));
                    break;
            }
        }

        return runtime && dependencyInjection;

        static bool IsPublic(INamedTypeSymbol? type) => type?.DeclaredAccessibility == Accessibility.Public;
    }

    private static bool ReferencesAbstractions(IAssemblySymbol assembly)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (referenced.Name == UnitOfWorkNames.AbstractionsAssembly)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>[assembly: BloomAggregate(typeof(Order), typeof(IOrderRepository), "Orders")]</c>, when all of it is usable here.</summary>
    private static PersistableAggregateModel? ReferencedAggregate(Compilation compilation, AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length != 3 ||
            attribute.ConstructorArguments[0].Value is not INamedTypeSymbol aggregate ||
            attribute.ConstructorArguments[1].Value is not INamedTypeSymbol repositoryType ||
            attribute.ConstructorArguments[2].Value is not string propertyName ||
            !Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(propertyName) ||
            RepositoryOf(repositoryType) is not { } repository ||
            !IsPersistent(repositoryType) ||
            !compilation.IsSymbolAccessibleWithin(aggregate, compilation.Assembly) ||
            !compilation.IsSymbolAccessibleWithin(repositoryType, compilation.Assembly))
        {
            return null;
        }

        return new PersistableAggregateModel(
            repository.AggregateType,
            repository.IdType,
            repository.RepositoryType,
            repositoryType.Name,
            propertyName,
            IsEffectivelyPublic(aggregate) && IsEffectivelyPublic(repositoryType));
    }

    /// <summary>
    /// A unit of work listed by <c>[assembly: BloomUnitOfWork]</c>: its repository properties, read from the interface's members in
    /// metadata (which include those Bloom generated upstream). Properties of other types are left for a user-written partial.
    /// </summary>
    private static UnitOfWorkImplementationModel? ReferencedUnitOfWork(Compilation compilation, INamedTypeSymbol unitOfWork, CancellationToken cancellationToken)
    {
        if (unitOfWork.TypeKind != TypeKind.Interface || unitOfWork.IsGenericType || !compilation.IsSymbolAccessibleWithin(unitOfWork, compilation.Assembly))
        {
            return null;
        }

        var nested = new List<string>();
        for (var current = unitOfWork; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return null;
            }

            nested.Insert(0, current.Name);
        }

        var properties = new List<RepositoryPropertyModel>();
        var repositories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in InterfaceAndBases(unitOfWork))
        {
            foreach (var member in owner.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null, SetMethod: null } property &&
                    RepositoryOf(property.Type) is { } repository &&
                    compilation.IsSymbolAccessibleWithin(property.Type, compilation.Assembly) &&
                    IsPersistent(property.Type))
                {
                    properties.Add(repository with { Name = property.Name, DeclaringInterface = TypeAnalysis.TypeOfNameOf(owner) });
                }
            }
        }

        properties.Sort(static (a, b) => string.CompareOrdinal(a.DeclaringInterface + "." + a.Name, b.DeclaringInterface + "." + b.Name));
        var ns = unitOfWork.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new UnitOfWorkImplementationModel(
            TypeAnalysis.TypeOfNameOf(unitOfWork),
            ns,
            ImplementationName(nested),
            (ns.Length == 0 ? string.Empty : ns + ".") + string.Join(".", nested),
            properties.ToEquatableArray());
    }

    /// <summary>Whether the repository's aggregate implements <c>IPersistentAggregate</c> (the runtime repository requires it).</summary>
    private static bool IsPersistent(ITypeSymbol repositoryType)
    {
        foreach (var candidate in repositoryType.AllInterfaces)
        {
            if (TypeAnalysis.FullMetadataName(candidate.OriginalDefinition) == UnitOfWorkNames.Repository)
            {
                return candidate.TypeArguments[0].AllInterfaces.Any(static i => TypeAnalysis.FullMetadataName(i.OriginalDefinition) == UnitOfWorkNames.PersistentAggregate);
            }
        }

        return false;
    }
}
