using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bloom.Messaging;

/// <summary>
/// Publishes the outbox: a hosted <see cref="BackgroundService"/> that claims due messages under a lease, publishes each through
/// the <see cref="IMessageTransport"/> and waits for its confirmation, then marks the confirmed ones dispatched. A failed publish
/// is retried with exponential backoff and jitter; the <see cref="OutboxPublisherOptions.MaxAttempts"/>-th failure moves the
/// message to the dead-letter table with its error. Nothing is marked dispatched that the transport did not confirm, and nothing
/// is dropped: every message ends dispatched or dead-lettered.
/// </summary>
/// <remarks>
/// <para>
/// <b>Delivery.</b> At least once. A message confirmed by the transport but not yet marked (the process died in between, or
/// its lease was taken over) is published again; consumers deduplicate with the inbox (<c>MarkHandled</c>).
/// </para>
/// <para>
/// <b>Order.</b> Messages are claimed and published in commit order, one at a time. A message that fails is retried later and
/// may be overtaken by later ones.
/// </para>
/// <para>
/// <b>Several publishers</b> (processes or instances) may run over one database: the lease keeps them off each other's messages.
/// A publisher does not start a publish after its lease ran out. Stopping (cancellation) marks what was confirmed and releases
/// the rest of the batch at once.
/// </para>
/// <para>
/// <b>Housekeeping.</b> The running service also purges dispatched messages and inbox entries older than the retentions in the
/// options, every <see cref="OutboxPublisherOptions.CleanupInterval"/> (see <see cref="CleanupAsync"/>).
/// </para>
/// </remarks>
public sealed partial class OutboxPublisher : BackgroundService
{
    /// <summary>The longest error text stored with a failed message.</summary>
    public const int MaxErrorLength = 16_384;

    private readonly IOutboxStore _store;
    private readonly IMessageTransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the publisher.</summary>
    /// <param name="store">The outbox.</param>
    /// <param name="transport">Where messages go.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for leases, retry times and polling; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="logger">Where publishing is logged; none when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="transport"/> is <see langword="null"/>.</exception>
    public OutboxPublisher(
        IOutboxStore store,
        IMessageTransport transport,
        OutboxPublisherOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<OutboxPublisher>? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        Options = options ?? new OutboxPublisherOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The settings.</summary>
    public OutboxPublisherOptions Options { get; }

    /// <summary>
    /// Publishes every message that is due now: claims a batch, publishes and settles it, and repeats until a claim finds nothing
    /// (messages that failed wait for their retry time, so the pass ends). For tests, tools and a drain before shutdown; the hosted
    /// service runs this every <see cref="OutboxPublisherOptions.PollInterval"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops the pass: confirmed messages are still marked dispatched, unpublished ones released.</param>
    /// <returns>
    /// How many messages the transport confirmed in this pass (each is marked dispatched, unless another publisher took it over
    /// after this one's lease ran out; that publisher then dispatches it).
    /// </returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (claimed, dispatched) = await PublishBatchAsync(cancellationToken).ConfigureAwait(false);
            total += dispatched;
            if (claimed == 0)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Purges dispatched messages older than <see cref="OutboxPublisherOptions.DispatchedRetention"/> and inbox entries older than
    /// <see cref="OutboxPublisherOptions.InboxRetention"/> (a <see langword="null"/> retention purges nothing).
    /// </summary>
    /// <param name="cancellationToken">Cancels the purge.</param>
    /// <returns>How many dispatched messages and inbox entries were deleted.</returns>
    public async Task<OutboxCleanupResult> CleanupAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var dispatched = Options.DispatchedRetention is { } keepDispatched
            ? await _store.PurgeDispatchedAsync(now - keepDispatched, cancellationToken).ConfigureAwait(false)
            : 0;
        var inbox = Options.InboxRetention is { } keepInbox
            ? await _store.PurgeInboxAsync(now - keepInbox, cancellationToken).ConfigureAwait(false)
            : 0;
        if (dispatched > 0 || inbox > 0)
        {
            LogPurged(_logger, dispatched, inbox);
        }

        return new OutboxCleanupResult(dispatched, inbox);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_logger, Options.OwnerId, _transport.Name, Options.BatchSize, Options.PollInterval, Options.LeaseDuration);
        var nextCleanup = _timeProvider.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishPendingAsync(stoppingToken).ConfigureAwait(false);
                if (_timeProvider.GetUtcNow() >= nextCleanup)
                {
                    nextCleanup = _timeProvider.GetUtcNow() + Options.CleanupInterval;
                    await CleanupAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The store is unreachable or the like: nothing was lost (messages stay in the outbox); try again next poll.
                LogPassFailed(_logger, ex, Options.OwnerId);
            }

            try
            {
                await Task.Delay(Options.PollInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        LogStopped(_logger, Options.OwnerId);
    }

    private async Task<(int Claimed, int Dispatched)> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var owner = Options.OwnerId;

        // Read before claiming: the lease the store grants ends no earlier than this estimate.
        var leaseEnds = _timeProvider.GetUtcNow() + Options.LeaseDuration;
        var messages = await _store.ClaimAsync(owner, Options.BatchSize, Options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (messages.Count == 0)
        {
            return (0, 0);
        }

        var confirmed = new List<Guid>(messages.Count);
        var next = 0;
        ExceptionDispatchInfo? stop = null;
        try
        {
            for (; next < messages.Count; next++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_timeProvider.GetUtcNow() >= leaseEnds)
                {
                    // Another publisher may own the rest now: publishing them could send them twice at the same time.
                    LogLeaseExpired(_logger, owner, messages.Count - next);
                    break;
                }

                var message = messages[next];
                try
                {
                    await _transport.PublishAsync(message.Envelope, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    await SettleFailureAsync(owner, message, ex).ConfigureAwait(false);
                    continue;
                }

                confirmed.Add(message.Envelope.MessageId);
            }
        }
        catch (Exception ex)
        {
            stop = ExceptionDispatchInfo.Capture(ex);
        }

        // Confirmed messages are marked even when the pass stops: they were accepted, and marking spares a duplicate delivery.
        if (confirmed.Count > 0)
        {
            try
            {
                await _store.MarkDispatchedAsync(owner, confirmed, CancellationToken.None).ConfigureAwait(false);
                LogDispatched(_logger, confirmed.Count, _transport.Name);
            }
            catch (Exception ex) when (stop is not null)
            {
                LogMarkFailed(_logger, ex, owner, confirmed.Count);
            }
        }

        if (stop is not null)
        {
            await ReleaseRestAsync(owner, messages, next).ConfigureAwait(false);
            stop.Throw();
        }

        return (messages.Count, confirmed.Count);
    }

    private async Task SettleFailureAsync(string owner, OutboxMessage message, Exception exception)
    {
        var envelope = message.Envelope;
        var attempts = message.Attempts + 1;
        var error = Describe(exception);

        // The attempt happened: record it even if the pass is being cancelled.
        if (attempts >= Options.MaxAttempts)
        {
            await _store.MoveToDeadLetterAsync(owner, envelope.MessageId, error, CancellationToken.None).ConfigureAwait(false);
            LogDeadLettered(_logger, exception, envelope.MessageId, envelope.EventType, attempts);
        }
        else
        {
            var delay = Options.RetryDelay(attempts, Random.Shared.NextDouble());
            await _store.RecordFailureAsync(owner, envelope.MessageId, error, _timeProvider.GetUtcNow() + delay, CancellationToken.None).ConfigureAwait(false);
            LogPublishFailed(_logger, exception, envelope.MessageId, envelope.EventType, attempts, Options.MaxAttempts, delay);
        }
    }

    private async Task ReleaseRestAsync(string owner, IReadOnlyList<OutboxMessage> messages, int from)
    {
        if (from >= messages.Count)
        {
            return;
        }

        var rest = new Guid[messages.Count - from];
        for (var i = 0; i < rest.Length; i++)
        {
            rest[i] = messages[from + i].Envelope.MessageId;
        }

        try
        {
            await _store.ReleaseAsync(owner, rest, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Their leases expire on their own.
            LogReleaseFailed(_logger, ex, owner, rest.Length);
        }
    }

    /// <summary>The exception as stored with the message: type, message, inner exceptions and stack, cut at <see cref="MaxErrorLength"/>.</summary>
    private static string Describe(Exception exception)
    {
        var text = exception.ToString();
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Outbox publisher {Owner} started: transport {Transport}, batch {BatchSize}, poll {PollInterval}, lease {LeaseDuration}")]
    private static partial void LogStarted(ILogger logger, string owner, string transport, int batchSize, TimeSpan pollInterval, TimeSpan leaseDuration);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Outbox publisher {Owner} stopped")]
    private static partial void LogStopped(ILogger logger, string owner);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Outbox: {Count} message(s) confirmed by {Transport} and marked dispatched")]
    private static partial void LogDispatched(ILogger logger, int count, string transport);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Outbox: publishing message {MessageId} ({EventType}) failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid messageId, string eventType, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Outbox: message {MessageId} ({EventType}) failed its last attempt ({Attempts}) and was moved to the dead letters")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, Guid messageId, string eventType, int attempts);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Outbox publisher {Owner}: the lease ran out with {Remaining} message(s) of the batch unpublished; they are left for the next claim")]
    private static partial void LogLeaseExpired(ILogger logger, string owner, int remaining);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Outbox publisher {Owner}: a pass failed; the messages stay in the outbox and the next poll retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string owner);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Outbox publisher {Owner}: marking {Count} confirmed message(s) dispatched failed while stopping; they will be published again")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string owner, int count);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Outbox publisher {Owner}: releasing {Count} unpublished message(s) failed; their leases expire on their own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string owner, int count);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Outbox: purged {Dispatched} dispatched message(s) and {Inbox} inbox entr(ies) past their retention")]
    private static partial void LogPurged(ILogger logger, int dispatched, int inbox);
}

/// <summary>What <see cref="OutboxPublisher.CleanupAsync"/> deleted.</summary>
/// <param name="DispatchedMessages">Dispatched outbox messages past their retention.</param>
/// <param name="InboxEntries">Inbox entries past the deduplication window.</param>
public readonly record struct OutboxCleanupResult(int DispatchedMessages, int InboxEntries);
