using System.Globalization;

namespace Bloom.Messaging;

/// <summary>
/// Settings of the <see cref="OutboxPublisher"/>. Every value is checked when it is set; set them in <c>b.UseOutbox(o =&gt; ...)</c>.
/// </summary>
public sealed class OutboxPublisherOptions
{
    private int _batchSize = 100;
    private TimeSpan _pollInterval = TimeSpan.FromSeconds(1);
    private TimeSpan _leaseDuration = TimeSpan.FromSeconds(30);
    private int _maxAttempts = 10;
    private TimeSpan _baseRetryDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxRetryDelay = TimeSpan.FromMinutes(5);
    private double _jitterRatio = 0.2;
    private string _ownerId = DefaultOwnerId();
    private TimeSpan? _inboxRetention = TimeSpan.FromDays(7);
    private TimeSpan? _dispatchedRetention = TimeSpan.FromDays(1);
    private TimeSpan _cleanupInterval = TimeSpan.FromHours(1);

    /// <summary>The most messages claimed (leased) at once; 100 by default. From 1 to 10,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..10,000.</exception>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = InRange(value, 1, 10_000, nameof(BatchSize));
    }

    /// <summary>How long the publisher waits after a pass found nothing more to publish; 1 second by default. Positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan PollInterval
    {
        get => _pollInterval;
        set => _pollInterval = Positive(value, nameof(PollInterval));
    }

    /// <summary>
    /// How long a claim lasts; 30 seconds by default. Another publisher takes over the messages of one that died (or stalled)
    /// after this, so keep it well above the time one batch takes to publish: the publisher starts no publish once its lease ran
    /// out, but a publish already running can overlap a take-over (a duplicate delivery, which consumers deduplicate). Positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan LeaseDuration
    {
        get => _leaseDuration;
        set => _leaseDuration = Positive(value, nameof(LeaseDuration));
    }

    /// <summary>
    /// How many publish attempts a message gets; 10 by default. The attempt that fails for the <c>MaxAttempts</c>-th time moves
    /// the message to the dead-letter table with its error. At least 1 (1: no retry).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxAttempts
    {
        get => _maxAttempts;
        set => _maxAttempts = InRange(value, 1, int.MaxValue, nameof(MaxAttempts));
    }

    /// <summary>The wait after the first failed attempt; doubled after each further failure (see <see cref="RetryDelay"/>); 1 second by default. Not negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan BaseRetryDelay
    {
        get => _baseRetryDelay;
        set => _baseRetryDelay = NotNegative(value, nameof(BaseRetryDelay));
    }

    /// <summary>The longest wait between two attempts, before jitter; 5 minutes by default. Not negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        set => _maxRetryDelay = NotNegative(value, nameof(MaxRetryDelay));
    }

    /// <summary>The random share added to each retry delay, so failed messages do not retry in lockstep; 0.2 by default. From 0 to 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..1 or NaN.</exception>
    public double JitterRatio
    {
        get => _jitterRatio;
        set => _jitterRatio = value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(JitterRatio), value, "The jitter ratio must be between 0 and 1.");
    }

    /// <summary>
    /// This publisher's unique id, written as the lease owner: by default <c>{machine}:{process id}:{random guid}</c>, new for every
    /// options instance, so two publishers (or a restarted one) never share it. Not blank, at most 200 characters.
    /// </summary>
    /// <exception cref="ArgumentException">The value is blank or longer than 200 characters.</exception>
    public string OwnerId
    {
        get => _ownerId;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(OwnerId));
            if (value.Length > 200)
            {
                throw new ArgumentException("The owner id must be at most 200 characters long.", nameof(OwnerId));
            }

            _ownerId = value;
        }
    }

    /// <summary>
    /// How long inbox entries are kept: the deduplication window. A message redelivered after its entry was purged is handled again.
    /// 7 days by default; make it longer than the worst redelivery delay, including the time a dead letter may wait for its replay.
    /// <see langword="null"/>: never purge. Positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? InboxRetention
    {
        get => _inboxRetention;
        set => _inboxRetention = value is { } v ? Positive(v, nameof(InboxRetention)) : null;
    }

    /// <summary>How long dispatched outbox messages are kept (for diagnostics); 1 day by default. <see langword="null"/>: never purge. Not negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan? DispatchedRetention
    {
        get => _dispatchedRetention;
        set => _dispatchedRetention = value is { } v ? NotNegative(v, nameof(DispatchedRetention)) : null;
    }

    /// <summary>How often the running publisher purges by <see cref="InboxRetention"/> and <see cref="DispatchedRetention"/>; 1 hour by default. Positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan CleanupInterval
    {
        get => _cleanupInterval;
        set => _cleanupInterval = Positive(value, nameof(CleanupInterval));
    }

    /// <summary>
    /// The wait before the next attempt after <paramref name="failedAttempts"/> failures:
    /// <c>min(BaseRetryDelay × 2^(failedAttempts-1), MaxRetryDelay) × (1 + JitterRatio × random)</c>.
    /// </summary>
    /// <param name="failedAttempts">Failures so far, from 1.</param>
    /// <param name="random">A value in [0, 1) for the jitter.</param>
    /// <returns>The delay.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failedAttempts"/> is less than 1 or <paramref name="random"/> is outside [0, 1).</exception>
    public TimeSpan RetryDelay(int failedAttempts, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (random is not (>= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(random), random, "The random value must be in [0, 1).");
        }

        var exponent = Math.Min(failedAttempts - 1, 40);
        var ticks = Math.Min(_baseRetryDelay.Ticks * Math.Pow(2, exponent), _maxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 + (_jitterRatio * random))));
    }

    private static string DefaultOwnerId() => string.Create(
        CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    private static int InRange(int value, int min, int max, string name) => value >= min && value <= max
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");

    private static TimeSpan Positive(TimeSpan value, string name) => value > TimeSpan.Zero
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    private static TimeSpan NotNegative(TimeSpan value, string name) => value >= TimeSpan.Zero
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");
}
