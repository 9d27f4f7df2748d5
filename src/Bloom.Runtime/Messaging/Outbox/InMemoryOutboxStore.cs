using Bloom.Persistence;

namespace Bloom.Messaging;

/// <summary>
/// The <see cref="IOutboxStore"/> of an <see cref="InMemoryAggregateStore"/>: for tests and prototypes. It shares the aggregate
/// store's lock, so a commit's rows and messages appear together, and it behaves like the SQLite outbox (same leases, ordering,
/// retries, dead letters and purges); messages live as long as the aggregate store.
/// </summary>
/// <remarks>Thread-safe. Create it with <see cref="InMemoryAggregateStore.CreateOutboxStore"/> or this constructor; both share the store's tables.</remarks>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly InMemoryAggregateStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the outbox store over <paramref name="store"/>'s messages.</summary>
    /// <param name="store">The aggregate store whose commits write the messages.</param>
    /// <param name="timeProvider">The clock for leases, retries and timestamps; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is <see langword="null"/>.</exception>
    public InMemoryOutboxStore(InMemoryAggregateStore store, TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <remarks>Nothing to create: the tables exist with the store.</remarks>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1 or <paramref name="lease"/> is not positive.</exception>
    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_store.Gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(_store.Messages.Claim(owner, batchSize, now, now + lease));
        }
    }

    /// <inheritdoc />
    public Task MarkDispatchedAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(messageIds);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_store.Gate)
        {
            _store.Messages.MarkDispatched(owner, messageIds, now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordFailureAsync(string owner, Guid messageId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            _store.Messages.RecordFailure(owner, messageId, error, nextAttemptAt.ToUniversalTime());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The message is already in the dead-letter table (nothing moved).</exception>
    public Task MoveToDeadLetterAsync(string owner, Guid messageId, string error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_store.Gate)
        {
            _store.Messages.MoveToDeadLetter(owner, messageId, error, now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than 1.</exception>
    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            return Task.FromResult<IReadOnlyList<DeadLetter>>(_store.Messages.ListDeadLetters(max));
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A message with the same id is in the outbox (nothing moved).</exception>
    public Task<bool> ReplayDeadLetterAsync(Guid messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            return Task.FromResult(_store.Messages.Replay(messageId));
        }
    }

    /// <inheritdoc />
    public Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            return Task.FromResult(_store.Messages.CountPending());
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(messageIds);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            _store.Messages.Release(owner, messageIds);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OutboxEntry?> FindAsync(Guid messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            return Task.FromResult(_store.Messages.Find(messageId));
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeDispatchedAsync(DateTimeOffset dispatchedBefore, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            return Task.FromResult(_store.Messages.PurgeDispatched(dispatchedBefore));
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeInboxAsync(DateTimeOffset handledBefore, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Gate)
        {
            return Task.FromResult(_store.Messages.PurgeInbox(handledBefore));
        }
    }
}
