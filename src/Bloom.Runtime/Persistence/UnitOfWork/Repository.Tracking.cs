namespace Bloom.Persistence;

public partial class Repository<TAggregate, TId>
{
    /// <inheritdoc />
    public ValueTask AddAsync(TAggregate aggregate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Add(aggregate);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask AddRangeAsync(IEnumerable<TAggregate> aggregates, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AddRange(aggregates);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Add(TAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        _unitOfWork.ThrowIfDisposed();
        var key = KeyOf(aggregate);
        CheckAddable(aggregate, key);
        Track(aggregate, key);
    }

    /// <inheritdoc />
    public void AddRange(IEnumerable<TAggregate> aggregates)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        _unitOfWork.ThrowIfDisposed();
        var batch = new List<(TAggregate Aggregate, object Key)>();
        var keys = new HashSet<object>();
        foreach (var aggregate in aggregates)
        {
            ArgumentNullException.ThrowIfNull(aggregate, nameof(aggregates));
            var key = KeyOf(aggregate);
            CheckAddable(aggregate, key);
            if (!keys.Add(key))
            {
                throw new InvalidOperationException($"The batch holds two {Mapping.AggregateName}s with id '{Mapping.GetId(aggregate)}'; none of the batch was added.");
            }

            batch.Add((aggregate, key));
        }

        foreach (var (aggregate, key) in batch)
        {
            Track(aggregate, key);
        }
    }

    /// <inheritdoc />
    public void Remove(TAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        _unitOfWork.ThrowIfDisposed();
        var key = KeyOf(aggregate);
        if (!_entries.TryGetValue(key, out var entry) || !ReferenceEquals(entry.Aggregate, aggregate))
        {
            throw new InvalidOperationException(
                $"{Mapping.AggregateName} '{Mapping.GetId(aggregate)}' is not tracked by this unit of work. Load it through this unit of work's repository (Get/Find or a query) before removing it.");
        }

        if (entry.State == EntryState.New)
        {
            _entries.Remove(key); // cancels the add
        }
        else
        {
            entry.State = EntryState.Removed;
        }
    }

    /// <inheritdoc />
    public void RemoveRange(IEnumerable<TAggregate> aggregates)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        foreach (var aggregate in aggregates.ToList())
        {
            Remove(aggregate);
        }
    }

    void ITrackingRepository.CollectWrites(List<RowWrite> writes, List<IDomainEvent> events)
    {
        var mapping = Mapping;
        foreach (var (key, entry) in _entries)
        {
            entry.Pending = null;
            entry.Written = false;
            var raised = entry.Aggregate.PendingEvents;
            for (var i = 0; i < raised.Count; i++)
            {
                events.Add(raised[i]);
            }

            switch (entry.State)
            {
                case EntryState.New:
                    entry.Pending = mapping.Capture(entry.Aggregate);
                    writes.Add(new RowWrite(mapping, RowWriteKind.Insert, key, entry.Pending, 0, mapping.GetId(entry.Aggregate)));
                    entry.Written = true;
                    break;
                case EntryState.Loaded:
                    var row = mapping.Capture(entry.Aggregate);
                    if (entry.Aggregate.PendingEvents.Count > 0 || !SameRow(row, entry.Snapshot))
                    {
                        entry.Pending = row;
                        writes.Add(new RowWrite(mapping, RowWriteKind.Update, key, row, entry.Version, mapping.GetId(entry.Aggregate)));
                        entry.Written = true;
                    }

                    break;
                case EntryState.Removed:
                    writes.Add(new RowWrite(mapping, RowWriteKind.Delete, key, null, entry.Version, mapping.GetId(entry.Aggregate)));
                    entry.Written = true;
                    break;
            }
        }
    }

    void ITrackingRepository.AcceptCommit()
    {
        List<object>? removed = null;
        foreach (var (key, entry) in _entries)
        {
            if (!entry.Written)
            {
                continue;
            }

            entry.Written = false;
            if (entry.State == EntryState.Removed)
            {
                entry.Aggregate.ClearPendingEvents(); // published with the delete
                (removed ??= []).Add(key);
                continue;
            }

            var version = entry.State == EntryState.New ? 1 : entry.Version + 1;
            entry.Aggregate.MarkCommitted(version);
            entry.Version = version;
            entry.Snapshot = entry.Pending;
            entry.Pending = null;
            entry.State = EntryState.Loaded;
        }

        if (removed is not null)
        {
            foreach (var key in removed)
            {
                _entries.Remove(key);
            }
        }
    }

    void ITrackingRepository.Reset() => _entries.Clear();

    private static object KeyOf(TAggregate aggregate)
    {
        var id = Mapping.GetId(aggregate);
        if (id is null)
        {
            throw new InvalidOperationException($"This {Mapping.AggregateName} has no id; assign one in its factory before adding it.");
        }

        return Mapping.IdToStorage(id);
    }

    private static bool SameRow(object?[] current, object?[]? snapshot)
    {
        if (snapshot is null || snapshot.Length != current.Length)
        {
            return false;
        }

        for (var i = 0; i < current.Length; i++)
        {
            if (!Equals(current[i], snapshot[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void CheckAddable(TAggregate aggregate, object key)
    {
        if (aggregate.Version != 0)
        {
            throw new InvalidOperationException(
                $"{Mapping.AggregateName} '{Mapping.GetId(aggregate)}' is at version {aggregate.Version}, so it is already stored. Add only new aggregates; load stored ones with Get or Find.");
        }

        if (_entries.TryGetValue(key, out var existing))
        {
            throw new InvalidOperationException(ReferenceEquals(existing.Aggregate, aggregate)
                ? $"{Mapping.AggregateName} '{Mapping.GetId(aggregate)}' is already tracked by this unit of work; there is no need to add it again."
                : $"Another {Mapping.AggregateName} instance with id '{Mapping.GetId(aggregate)}' is already tracked by this unit of work.");
        }
    }

    private void Track(TAggregate aggregate, object key) => _entries.Add(key, new Entry(aggregate, EntryState.New, null, 0));
}
