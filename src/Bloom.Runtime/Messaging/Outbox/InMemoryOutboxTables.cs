using Bloom.Persistence;

namespace Bloom.Messaging;

/// <summary>
/// The outbox, dead-letter and inbox "tables" of one <see cref="InMemoryAggregateStore"/>. Every member must be called while holding
/// the store's lock (<see cref="InMemoryAggregateStore.Gate"/>): that single lock is what makes a commit's rows, messages and inbox
/// entries atomic, as one transaction does in a SQL store.
/// </summary>
internal sealed class InMemoryOutboxTables
{
    private readonly List<OutboxRow> _outbox = [];
    private readonly Dictionary<Guid, OutboxRow> _outboxById = [];
    private readonly List<DeadLetterRow> _deadLetters = [];
    private readonly Dictionary<Guid, DeadLetterRow> _deadLettersById = [];
    private readonly Dictionary<(Guid MessageId, string Consumer), DateTimeOffset> _inbox = [];

    /// <summary>The inbox entries of <paramref name="batch"/> without repeats (one unit of work may mark a message twice).</summary>
    public static List<InboxEntry> DistinctInbox(CommitBatch batch)
    {
        var distinct = new List<InboxEntry>(batch.Inbox.Count);
        var seen = new HashSet<(Guid, string)>();
        foreach (var entry in batch.Inbox)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(batch));
            ArgumentException.ThrowIfNullOrEmpty(entry.Consumer, nameof(batch));
            if (seen.Add((entry.MessageId, entry.Consumer)))
            {
                distinct.Add(entry);
            }
        }

        return distinct;
    }

    /// <summary>Throws what the SQL stores throw for the batch's messages, before anything is applied.</summary>
    public void Check(IReadOnlyList<InboxEntry> inbox, IReadOnlyList<EventEnvelope> outbox)
    {
        foreach (var entry in inbox)
        {
            if (_inbox.ContainsKey((entry.MessageId, entry.Consumer)))
            {
                throw new DuplicateMessageException(entry.MessageId, entry.Consumer);
            }
        }

        var batchIds = new HashSet<Guid>();
        foreach (var envelope in outbox)
        {
            ArgumentNullException.ThrowIfNull(envelope, nameof(outbox));
            if (_outboxById.ContainsKey(envelope.MessageId) || !batchIds.Add(envelope.MessageId))
            {
                throw OutboxMessageExists(envelope.MessageId);
            }
        }
    }

    /// <summary>Stores the batch's messages and inbox entries; <see cref="Check"/> must have passed.</summary>
    public void Apply(IReadOnlyList<InboxEntry> inbox, IReadOnlyList<EventEnvelope> outbox, DateTimeOffset now)
    {
        foreach (var entry in inbox)
        {
            _inbox.Add((entry.MessageId, entry.Consumer), now);
        }

        foreach (var envelope in outbox)
        {
            Append(new OutboxRow(envelope, now));
        }
    }

    public static InvalidOperationException OutboxMessageExists(Guid messageId) => new(
        $"Message {messageId} is already in the outbox; nothing was written. Every message needs a new id: wrap each event once with EventEnvelopeSerializer.Wrap.");

    public List<OutboxMessage> Claim(string owner, int batchSize, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        var claimed = new List<OutboxMessage>(Math.Min(batchSize, 64));
        foreach (var row in _outbox)
        {
            if (claimed.Count == batchSize)
            {
                break;
            }

            if (row.DispatchedAt is null && (row.NextAttemptAt is null || row.NextAttemptAt <= now) && (row.LeaseUntil is null || row.LeaseUntil <= now))
            {
                row.LeaseOwner = owner;
                row.LeaseUntil = leaseUntil;
                claimed.Add(new OutboxMessage(row.Envelope, row.Attempts));
            }
        }

        return claimed;
    }

    public void MarkDispatched(string owner, IReadOnlyList<Guid> messageIds, DateTimeOffset now)
    {
        foreach (var id in messageIds)
        {
            if (Owned(owner, id) is { } row)
            {
                row.DispatchedAt = now;
                row.LeaseOwner = null;
                row.LeaseUntil = null;
            }
        }
    }

    public void RecordFailure(string owner, Guid messageId, string error, DateTimeOffset nextAttemptAt)
    {
        if (Owned(owner, messageId) is { } row)
        {
            row.Attempts++;
            row.LastError = error;
            row.NextAttemptAt = nextAttemptAt;
            row.LeaseOwner = null;
            row.LeaseUntil = null;
        }
    }

    public void Release(string owner, IReadOnlyList<Guid> messageIds)
    {
        foreach (var id in messageIds)
        {
            if (Owned(owner, id) is { } row)
            {
                row.LeaseOwner = null;
                row.LeaseUntil = null;
            }
        }
    }

    public void MoveToDeadLetter(string owner, Guid messageId, string error, DateTimeOffset now)
    {
        if (Owned(owner, messageId) is not { } row)
        {
            return;
        }

        if (_deadLettersById.ContainsKey(messageId))
        {
            throw new InvalidOperationException($"Message {messageId} is already in the dead-letter table; it was not moved again.");
        }

        _outbox.Remove(row);
        _outboxById.Remove(messageId);
        var dead = new DeadLetterRow(row.Envelope, row.Attempts + 1, error, row.CreatedAt, now);
        _deadLetters.Add(dead);
        _deadLettersById.Add(messageId, dead);
    }

    public List<DeadLetter> ListDeadLetters(int max)
    {
        var result = new List<DeadLetter>(Math.Min(max, _deadLetters.Count));
        foreach (var row in _deadLetters)
        {
            if (result.Count == max)
            {
                break;
            }

            result.Add(new DeadLetter(row.Envelope, row.Attempts, row.LastError, row.DeadLetteredAt));
        }

        return result;
    }

    public bool Replay(Guid messageId)
    {
        if (!_deadLettersById.TryGetValue(messageId, out var dead))
        {
            return false;
        }

        if (_outboxById.ContainsKey(messageId))
        {
            throw OutboxMessageExists(messageId);
        }

        _deadLetters.Remove(dead);
        _deadLettersById.Remove(messageId);
        Append(new OutboxRow(dead.Envelope, dead.CreatedAt) { LastError = dead.LastError });
        return true;
    }

    public long CountPending()
    {
        long count = 0;
        foreach (var row in _outbox)
        {
            if (row.DispatchedAt is null)
            {
                count++;
            }
        }

        return count;
    }

    public OutboxEntry? Find(Guid messageId)
    {
        if (_outboxById.TryGetValue(messageId, out var row))
        {
            return new OutboxEntry(
                row.Envelope,
                row.DispatchedAt is null ? OutboxMessageStatus.Pending : OutboxMessageStatus.Dispatched,
                row.Attempts,
                row.LastError,
                row.CreatedAt,
                row.NextAttemptAt,
                row.LeaseOwner,
                row.LeaseUntil,
                row.DispatchedAt);
        }

        return _deadLettersById.TryGetValue(messageId, out var dead)
            ? new OutboxEntry(dead.Envelope, OutboxMessageStatus.DeadLettered, dead.Attempts, dead.LastError, dead.CreatedAt, null, null, null, dead.DeadLetteredAt)
            : null;
    }

    public int PurgeDispatched(DateTimeOffset dispatchedBefore)
    {
        var removed = _outbox.RemoveAll(row => row.DispatchedAt is { } at && at < dispatchedBefore && _outboxById.Remove(row.Envelope.MessageId));
        return removed;
    }

    public int PurgeInbox(DateTimeOffset handledBefore)
    {
        var expired = _inbox.Where(p => p.Value < handledBefore).Select(static p => p.Key).ToList();
        foreach (var key in expired)
        {
            _inbox.Remove(key);
        }

        return expired.Count;
    }

    public bool IsHandled(Guid messageId, string consumer) => _inbox.ContainsKey((messageId, consumer));

    private void Append(OutboxRow row)
    {
        _outbox.Add(row);
        _outboxById.Add(row.Envelope.MessageId, row);
    }

    private OutboxRow? Owned(string owner, Guid messageId) =>
        _outboxById.TryGetValue(messageId, out var row) && row.DispatchedAt is null && string.Equals(row.LeaseOwner, owner, StringComparison.Ordinal)
            ? row
            : null;

    private sealed class OutboxRow(EventEnvelope envelope, DateTimeOffset createdAt)
    {
        public EventEnvelope Envelope { get; } = envelope;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public int Attempts { get; set; }

        public string? LastError { get; set; }

        public DateTimeOffset? NextAttemptAt { get; set; }

        public string? LeaseOwner { get; set; }

        public DateTimeOffset? LeaseUntil { get; set; }

        public DateTimeOffset? DispatchedAt { get; set; }
    }

    private sealed record DeadLetterRow(EventEnvelope Envelope, int Attempts, string LastError, DateTimeOffset CreatedAt, DateTimeOffset DeadLetteredAt);
}
