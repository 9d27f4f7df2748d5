using Microsoft.CodeAnalysis;

namespace Bloom.Analyzers;

/// <summary>
/// Which aggregates and entities of the compilation hold which entities (in a field or property, directly or as a
/// collection element). Built at most once per compilation, and only when BLM1002 has something to report.
/// </summary>
internal sealed class EntityHolders
{
    private readonly Dictionary<INamedTypeSymbol, HashSet<INamedTypeSymbol>> _holdersByEntity;
    private readonly BloomSymbols _symbols;

    private EntityHolders(Dictionary<INamedTypeSymbol, HashSet<INamedTypeSymbol>> holdersByEntity, BloomSymbols symbols)
    {
        _holdersByEntity = holdersByEntity;
        _symbols = symbols;
    }

    public static EntityHolders Build(Compilation compilation, BloomSymbols symbols)
    {
        var holdersByEntity = new Dictionary<INamedTypeSymbol, HashSet<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        var types = new Stack<INamespaceOrTypeSymbol>();
        types.Push(compilation.Assembly.GlobalNamespace);
        while (types.Count > 0)
        {
            var current = types.Pop();
            foreach (var member in current.GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    types.Push(container);
                }
            }

            if (current is INamedTypeSymbol type && (BoundaryHelpers.IsAggregateRoot(symbols, type) || symbols.IsEntity(type)))
            {
                AddHeldEntities(type, symbols, holdersByEntity);
            }
        }

        return new EntityHolders(holdersByEntity, symbols);
    }

    /// <summary>Whether <paramref name="holder"/> has a member of the entity's type (or of a base entity type of it).</summary>
    public bool Holds(INamedTypeSymbol holder, INamedTypeSymbol entity)
    {
        foreach (var candidate in SelfAndBaseEntities(entity))
        {
            if (_holdersByEntity.TryGetValue(candidate, out var holders) && holders.Contains(holder.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The aggregates that hold the entity, directly or through other entities, by display name in ordinal order.</summary>
    public List<string> AggregatesHolding(INamedTypeSymbol entity)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<INamedTypeSymbol>(SelfAndBaseEntities(entity));
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            if (!visited.Add(current) || !_holdersByEntity.TryGetValue(current, out var holders))
            {
                continue;
            }

            foreach (var holder in holders)
            {
                if (BoundaryHelpers.IsAggregateRoot(_symbols, holder))
                {
                    names.Add(BoundaryHelpers.DisplayName(holder));
                }
                else
                {
                    foreach (var next in SelfAndBaseEntities(holder))
                    {
                        pending.Enqueue(next);
                    }
                }
            }
        }

        return names.ToList();
    }

    private IEnumerable<INamedTypeSymbol> SelfAndBaseEntities(INamedTypeSymbol entity)
    {
        for (var current = entity.OriginalDefinition; current is not null; current = current.BaseType?.OriginalDefinition)
        {
            if (_symbols.IsEntity(current))
            {
                yield return current;
            }
        }
    }

    private static void AddHeldEntities(INamedTypeSymbol holder, BloomSymbols symbols, Dictionary<INamedTypeSymbol, HashSet<INamedTypeSymbol>> holdersByEntity)
    {
        foreach (var member in holder.GetMembers())
        {
            var type = member switch
            {
                IFieldSymbol { IsStatic: false } field => field.Type,
                IPropertySymbol { IsStatic: false, IsIndexer: false } property => property.Type,
                _ => null,
            };
            if (type is not null)
            {
                AddEntities(type, holder.OriginalDefinition, symbols, holdersByEntity, depth: 0);
            }
        }
    }

    private static void AddEntities(ITypeSymbol type, INamedTypeSymbol holder, BloomSymbols symbols, Dictionary<INamedTypeSymbol, HashSet<INamedTypeSymbol>> holdersByEntity, int depth)
    {
        // Collections of collections are fine; a self-referencing generic type is not worth following forever.
        if (depth > 8)
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                AddEntities(array.ElementType, holder, symbols, holdersByEntity, depth + 1);
                return;
            case INamedTypeSymbol named when BoundaryHelpers.IsChildEntity(symbols, named):
                var entity = named.OriginalDefinition;
                if (!SymbolEqualityComparer.Default.Equals(entity, holder))
                {
                    if (!holdersByEntity.TryGetValue(entity, out var holders))
                    {
                        holders = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                        holdersByEntity.Add(entity, holders);
                    }

                    holders.Add(holder);
                }

                return;
            case INamedTypeSymbol { TypeKind: not TypeKind.Delegate } named:
                foreach (var argument in named.TypeArguments)
                {
                    AddEntities(argument, holder, symbols, holdersByEntity, depth + 1);
                }

                return;
        }
    }
}
