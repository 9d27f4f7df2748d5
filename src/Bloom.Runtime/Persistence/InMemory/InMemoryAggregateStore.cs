using System.Collections.Concurrent;
using Bloom.Messaging;
using Bloom.Specifications;

namespace Bloom.Persistence;

/// <summary>
/// A thread-safe store that keeps committed rows in memory: for tests, prototypes and the in-memory half of the conformance
/// suites. Behaves like the SQL stores: rows are copies (aggregates are reconstituted per unit of work), commits are atomic
/// with the same version checks, specifications that a SQL store could not translate are rejected here too, and paging orders
/// by the sort keys, then by id.
/// </summary>
/// <remarks>
/// The store also keeps an outbox, a dead-letter table and an inbox (<see cref="CreateOutboxStore"/>): a commit's rows, outbox
/// messages and inbox entries are applied under one lock, so they are atomic exactly as one SQL transaction is.
/// </remarks>
public sealed class InMemoryAggregateStore : IAggregateStore, IOutboxCapableStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AggregateMapping, object> _specificationMappings = new();
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <inheritdoc />
    public string Name => "in-memory";

    /// <summary>
    /// The clock that stamps outbox messages (created at) and inbox entries (handled at) written by commits;
    /// <see cref="TimeProvider.System"/> by default.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }

    /// <summary>The lock that guards every table, messages included.</summary>
    internal object Gate => _gate;

    /// <summary>The outbox, dead-letter and inbox tables; use only while holding <see cref="Gate"/>.</summary>
    internal InMemoryOutboxTables Messages { get; } = new();

    /// <inheritdoc />
    /// <returns>An <see cref="InMemoryOutboxStore"/> over this store's messages.</returns>
    public IOutboxStore CreateOutboxStore(TimeProvider timeProvider) => new InMemoryOutboxStore(this, timeProvider);

    /// <inheritdoc />
    public IStoreSession OpenSession() => new InMemoryStoreSession(this);

    /// <inheritdoc />
    public Task EnsureSchemaAsync(IReadOnlyCollection<AggregateMapping> mappings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var mapping in mappings)
            {
                TableOf(mapping);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The number of committed rows in <paramref name="mapping"/>'s table (for tests and diagnostics).</summary>
    /// <param name="mapping">The aggregate's mapping.</param>
    /// <returns>The row count.</returns>
    public int RowCount(AggregateMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        lock (_gate)
        {
            return _tables.TryGetValue(mapping.Table, out var table) ? table.Rows.Count : 0;
        }
    }

    internal StoredRow? Load(AggregateMapping mapping, object key)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(mapping.Table, out var table) && table.Rows.TryGetValue(key, out var row) ? row.Stored : null;
        }
    }

    internal List<(StoredRow Row, TAggregate Probe)> Snapshot<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping)
        where TAggregate : class, IAggregateRoot<TId>
        where TId : notnull
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(mapping.Table, out var table))
            {
                return [];
            }

            var result = new List<(StoredRow, TAggregate)>(table.Rows.Count);
            foreach (var row in table.Rows.Values)
            {
                // The probe is a private instance used only to evaluate specifications and sort keys; callers get their own.
                row.Probe ??= mapping.Reconstitute(row.Stored.Values, row.Stored.Version);
                result.Add((row.Stored, (TAggregate)row.Probe));
            }

            return result;
        }
    }

    internal AggregateSpecificationMapping<TAggregate> SpecificationMapping<TAggregate>(AggregateMapping mapping) =>
        (AggregateSpecificationMapping<TAggregate>)_specificationMappings.GetOrAdd(
            mapping, static m => new AggregateSpecificationMapping<TAggregate>(m, static (_, value) => value));

    internal void Commit(IReadOnlyList<RowWrite> writes) => Commit(writes, [], []);

    internal void Commit(CommitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Writes, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.Outbox, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.Inbox, nameof(batch));
        Commit(batch.Writes, batch.Outbox, InMemoryOutboxTables.DistinctInbox(batch));
    }

    private void Commit(IReadOnlyList<RowWrite> writes, IReadOnlyList<EventEnvelope> outbox, IReadOnlyList<InboxEntry> inbox)
    {
        // Store what a SQL store would read back (instants in UTC, DateTime kind Utc) and refuse what it cannot store (NaN, NUL in text).
        var rows = new object?[writes.Count][];
        for (var i = 0; i < writes.Count; i++)
        {
            rows[i] = writes[i].Values is { } values ? Normalize(writes[i].Mapping, values) : [];
        }

        lock (_gate)
        {
            // Check everything first (handled messages, then rows, then new messages, as the SQL stores do), then apply it all:
            // a failed commit changes nothing.
            Messages.Check(inbox, []);
            foreach (var write in writes)
            {
                var table = TableOf(write.Mapping);
                var exists = table.Rows.TryGetValue(write.Id, out var current);
                if (write.Kind == RowWriteKind.Insert ? exists : !exists || current!.Stored.Version != write.ExpectedVersion)
                {
                    throw new ConcurrencyException(write.Mapping.AggregateName, write.DisplayId, write.ExpectedVersion, exists ? current!.Stored.Version : null);
                }
            }

            Messages.Check([], outbox);

            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var table = TableOf(write.Mapping);
                if (write.Kind == RowWriteKind.Delete)
                {
                    table.Rows.Remove(write.Id);
                }
                else
                {
                    table.Rows[write.Id] = new Row(new StoredRow(rows[i], write.NewVersion));
                }
            }

            if (outbox.Count > 0 || inbox.Count > 0)
            {
                Messages.Apply(inbox, outbox, _timeProvider.GetUtcNow());
            }
        }
    }

    private static object?[] Normalize(AggregateMapping mapping, object?[] values)
    {
        var copy = (object?[])values.Clone();
        for (var i = 0; i < copy.Length && i < mapping.Columns.Count; i++)
        {
            copy[i] = copy[i] switch
            {
                DateTimeOffset instant => instant.ToUniversalTime(),
                DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
                double d when double.IsNaN(d) => throw new InvalidOperationException(
                    $"Column '{mapping.Columns[i].Name}' of {mapping.AggregateName} is NaN, which SQL stores cannot hold (SQLite would store NULL); nothing was written."),
                string text when text.Contains('\0', StringComparison.Ordinal) => throw new InvalidOperationException(
                    $"Column '{mapping.Columns[i].Name}' of {mapping.AggregateName} holds a string with U+0000 (NUL), which the SQLite store refuses (its driver would cut the text); nothing was written."),
                var value => value,
            };
        }

        return copy;
    }

    private Table TableOf(AggregateMapping mapping)
    {
        if (!_tables.TryGetValue(mapping.Table, out var table))
        {
            table = new Table();
            _tables.Add(mapping.Table, table);
        }

        return table;
    }

    private sealed class Table
    {
        public Dictionary<object, Row> Rows { get; } = [];
    }

    private sealed class Row(StoredRow stored)
    {
        public StoredRow Stored { get; } = stored;

        public object? Probe { get; set; }
    }
}
