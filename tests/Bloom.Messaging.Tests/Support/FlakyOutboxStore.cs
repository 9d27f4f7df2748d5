namespace Bloom.Messaging.Tests.Support;

/// <summary>An outbox store whose first <see cref="ClaimFailures"/> claims throw, as an unreachable database would.</summary>
public sealed class FlakyOutboxStore(IOutboxStore inner) : IOutboxStore
{
    private int _claimCalls;

    public int ClaimFailures { get; init; }

    public int ClaimCalls => Volatile.Read(ref _claimCalls);

    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int batchSize, TimeSpan lease, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _claimCalls) <= ClaimFailures
            ? throw new IOException("database unreachable (simulated)")
            : inner.ClaimAsync(owner, batchSize, lease, cancellationToken);

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => inner.EnsureSchemaAsync(cancellationToken);

    public Task MarkDispatchedAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken) =>
        inner.MarkDispatchedAsync(owner, messageIds, cancellationToken);

    public Task RecordFailureAsync(string owner, Guid messageId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        inner.RecordFailureAsync(owner, messageId, error, nextAttemptAt, cancellationToken);

    public Task MoveToDeadLetterAsync(string owner, Guid messageId, string error, CancellationToken cancellationToken) =>
        inner.MoveToDeadLetterAsync(owner, messageId, error, cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int max, CancellationToken cancellationToken) => inner.ListDeadLettersAsync(max, cancellationToken);

    public Task<bool> ReplayDeadLetterAsync(Guid messageId, CancellationToken cancellationToken) => inner.ReplayDeadLetterAsync(messageId, cancellationToken);

    public Task<long> CountPendingAsync(CancellationToken cancellationToken) => inner.CountPendingAsync(cancellationToken);

    public Task ReleaseAsync(string owner, IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken) => inner.ReleaseAsync(owner, messageIds, cancellationToken);

    public Task<OutboxEntry?> FindAsync(Guid messageId, CancellationToken cancellationToken) => inner.FindAsync(messageId, cancellationToken);

    public Task<int> PurgeDispatchedAsync(DateTimeOffset dispatchedBefore, CancellationToken cancellationToken) => inner.PurgeDispatchedAsync(dispatchedBefore, cancellationToken);

    public Task<int> PurgeInboxAsync(DateTimeOffset handledBefore, CancellationToken cancellationToken) => inner.PurgeInboxAsync(handledBefore, cancellationToken);
}
