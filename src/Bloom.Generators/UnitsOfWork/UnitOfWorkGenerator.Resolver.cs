using System.Collections.Immutable;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.UnitsOfWork;

/// <summary>Model-only steps: no symbols, so they run on equatable inputs and cache.</summary>
public sealed partial class UnitOfWorkGenerator
{
    /// <summary>This compilation's aggregates and the referenced ones, ordered by type name (never by syntax-tree order).</summary>
    private static EquatableArray<PersistableAggregateModel> MergeAggregates(ImmutableArray<PersistableAggregateModel?> local, ReferencesModel references)
    {
        var byType = new SortedDictionary<string, PersistableAggregateModel>(StringComparer.Ordinal);
        foreach (var aggregate in local.Concat(references.Aggregates))
        {
            if (aggregate is not null && !byType.ContainsKey(aggregate.AggregateType))
            {
                byType.Add(aggregate.AggregateType, aggregate);
            }
        }

        return byType.Values.ToEquatableArray();
    }

    /// <summary>
    /// The properties of a unit of work declared here: those the user declared (when they are repositories), then one per visible
    /// aggregate whose property name and repository are not already taken. A public interface gets only public aggregates.
    /// </summary>
    private static ParseResult<UnitOfWorkInterfaceModel> Resolve(ParseResult<UnitOfWorkDeclarationModel> declaration, EquatableArray<PersistableAggregateModel> aggregates)
    {
        if (declaration.Model is not { } model)
        {
            return new ParseResult<UnitOfWorkInterfaceModel>(null, declaration.Failure, declaration.TargetName);
        }

        var self = model.Hierarchy.GlobalName;
        var names = new HashSet<string>(model.MemberNames, StringComparer.Ordinal);
        var repositories = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<RepositoryPropertyModel>();
        foreach (var declared in model.DeclaredProperties)
        {
            if ((declared.Repository ?? Match(declared, model.Hierarchy.Namespace, aggregates)) is { } repository)
            {
                properties.Add(repository);
                repositories.Add(repository.RepositoryType);
            }
        }

        var generated = new List<RepositoryPropertyModel>();
        foreach (var aggregate in aggregates)
        {
            if ((model.IsPublic && !aggregate.IsPublic) || repositories.Contains(aggregate.RepositoryType) || !names.Add(aggregate.PropertyName))
            {
                continue;
            }

            repositories.Add(aggregate.RepositoryType);
            generated.Add(new RepositoryPropertyModel(aggregate.PropertyName, self, aggregate.RepositoryType, aggregate.AggregateType, aggregate.IdType));
        }

        properties.AddRange(generated);
        var h = model.Hierarchy;
        var implementation = new UnitOfWorkImplementationModel(self, h.Namespace, ImplementationName(h.Types.Select(static t => t.Name).ToList()), h.FilenameHint, properties.ToEquatableArray());
        return new ParseResult<UnitOfWorkInterfaceModel>(
            new UnitOfWorkInterfaceModel(h, model.CanBeNamedInAssembly, generated.ToEquatableArray(), implementation),
            null,
            declaration.TargetName);
    }

    /// <summary>
    /// A declared property whose type Bloom generates in this compilation (so it was not resolvable): the aggregate whose repository
    /// interface has that name — the only one, or the one in the unit of work's namespace.
    /// </summary>
    private static RepositoryPropertyModel? Match(DeclaredPropertyModel declared, string ns, EquatableArray<PersistableAggregateModel> aggregates)
    {
        if (declared.CandidateName.Length == 0)
        {
            return null;
        }

        var matches = aggregates.Where(a => declared.CandidateType.Length > 0 ? a.RepositoryType == declared.CandidateType : a.RepositoryName == declared.CandidateName).ToList();
        var aggregate = matches.Count == 1
            ? matches[0]
            : matches.FirstOrDefault(a => a.RepositoryType == "global::" + (ns.Length == 0 ? string.Empty : ns + ".") + declared.CandidateName);
        return aggregate is null
            ? null
            : new RepositoryPropertyModel(declared.Name, declared.DeclaringInterface, aggregate.RepositoryType, aggregate.AggregateType, aggregate.IdType);
    }

    /// <summary>
    /// What <c>AddBloom</c> registers, or nothing when this compilation cannot host it (no Bloom.Runtime or no DI) or has nothing
    /// to register. Units of work come from this compilation and from referenced <c>[assembly: BloomUnitOfWork]</c>, ordered by name;
    /// so do handler sets and event registries (<c>[assembly: BloomEventHandlers]</c>, <c>[assembly: BloomDomainEventRegistry]</c>).
    /// </summary>
    private static ParseResult<RegistrationModel> BuildRegistration(
        ImmutableArray<ParseResult<UnitOfWorkInterfaceModel>> local,
        ReferencesModel references,
        EquatableArray<PersistableAggregateModel> aggregates,
        LocalEventSetsModel localEvents)
    {
        const string Target = "AddBloom";
        if (!references.CanImplement)
        {
            return ParseResult<RegistrationModel>.Skip(Target);
        }

        var unitsOfWork = new SortedDictionary<string, UnitOfWorkImplementationModel>(StringComparer.Ordinal);
        // A unit of work nested in a private or protected type cannot be implemented outside it: it keeps its properties, no more.
        var implementable = local.Select(static r => r.Model is { CanBeNamedInAssembly: true } m ? m.Implementation : null);
        foreach (var unitOfWork in implementable.Concat(references.UnitsOfWork))
        {
            if (unitOfWork is not null && !unitsOfWork.ContainsKey(unitOfWork.InterfaceType))
            {
                unitsOfWork.Add(unitOfWork.InterfaceType, unitOfWork);
            }
        }

        // Every visible aggregate's mapping (for the schema), plus any a unit of work reaches through a hand-declared repository.
        var registered = new SortedDictionary<string, PersistableAggregateModel>(StringComparer.Ordinal);
        foreach (var aggregate in aggregates)
        {
            registered[aggregate.AggregateType] = aggregate;
        }

        foreach (var property in unitsOfWork.Values.SelectMany(static u => u.Properties))
        {
            if (!registered.ContainsKey(property.AggregateType))
            {
                registered.Add(property.AggregateType, new PersistableAggregateModel(property.AggregateType, property.IdType, property.RepositoryType, string.Empty, property.Name, false));
            }
        }

        // Every assembly's handlers and registry, by class name; the runtime drops a handler registered twice (it keeps the first).
        var handlerSets = new SortedSet<string>(references.HandlerSets, StringComparer.Ordinal);
        var registries = new SortedSet<string>(references.EventRegistries, StringComparer.Ordinal);
        if (localEvents.HandlerSet.Length > 0)
        {
            handlerSets.Add(localEvents.HandlerSet);
        }

        if (localEvents.EventRegistry.Length > 0)
        {
            registries.Add(localEvents.EventRegistry);
        }

        // Registries alone do not call for AddBloom (nothing would dispatch or store their events); handlers do.
        return unitsOfWork.Count == 0 && registered.Count == 0 && handlerSets.Count == 0
            ? ParseResult<RegistrationModel>.Skip(Target)
            : new ParseResult<RegistrationModel>(
                new RegistrationModel(registered.Values.ToEquatableArray(), unitsOfWork.Values.ToEquatableArray(), handlerSets.ToEquatableArray(), registries.ToEquatableArray()),
                null,
                Target);
    }
}
