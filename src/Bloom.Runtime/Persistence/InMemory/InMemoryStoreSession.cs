using Bloom.Specifications;

namespace Bloom.Persistence;

/// <summary>A unit of work's session over an <see cref="InMemoryAggregateStore"/>.</summary>
internal sealed class InMemoryStoreSession(InMemoryAggregateStore store) : SynchronousStoreSession
{
    public override StoredRow? Load<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, TId id) =>
        store.Load(mapping, mapping.IdToStorage(id)) is { } row ? row with { Values = (object?[])row.Values.Clone() } : null;

    public override List<StoredRow> Query<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, PageRequest<TAggregate>? page, int limit)
    {
        var candidates = Filter(mapping, specification, page);
        IEnumerable<(StoredRow Row, TAggregate Probe)> ordered = candidates;
        if (page is not null)
        {
            // Order by id first: the stable sort by the page's keys then leaves ties in id order, as the SQL stores do.
            candidates.Sort(static (a, b) => StorageValues.Compare(a.Row.Values[0], b.Row.Values[0]));
            var byProbe = candidates.ToDictionary(static c => (object)c.Probe, static c => c.Row, ReferenceEqualityComparer.Instance);
            ordered = page.ApplyTo(candidates.Select(static c => c.Probe)).Select(p => (byProbe[p], p)); // ApplyTo skips and takes
        }
        else if (limit > 0)
        {
            ordered = candidates.Take(limit);
        }

        return ordered.Select(static c => c.Row with { Values = (object?[])c.Row.Values.Clone() }).ToList();
    }

    public override long Count<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification) =>
        Filter(mapping, specification, null).Count;

    public override void Commit(IReadOnlyList<RowWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        store.Commit(writes);
    }

    /// <summary>Applies the rows, outbox messages and inbox entries under the store's one lock: all of them, or nothing.</summary>
    public override void Commit(CommitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        store.Commit(batch);
    }

    public override void Dispose()
    {
    }

    private List<(StoredRow Row, TAggregate Probe)> Filter<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, PageRequest<TAggregate>? page)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull
    {
        if (specification is not null || page is not null)
        {
            // Parity with the SQL stores: what they cannot translate fails here too, before anything is read.
            SqlSpecificationTranslator.Default.Translate(specification ?? Specification<TAggregate>.All, store.SpecificationMapping<TAggregate>(mapping), page);
        }

        var rows = store.Snapshot(mapping);
        if (specification is null)
        {
            return rows;
        }

        return rows.FindAll(r => specification.IsSatisfiedBy(r.Probe));
    }
}
