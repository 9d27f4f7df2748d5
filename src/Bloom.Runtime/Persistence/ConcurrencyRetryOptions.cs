namespace Bloom.Persistence;

/// <summary>
/// How <see cref="ConcurrencyRetry"/> retries a unit of work that failed with <see cref="ConcurrencyException"/>: how many
/// attempts in total, and the exponential backoff with full jitter between them. Immutable; every property is validated when set
/// (also through a <see langword="with"/> expression).
/// </summary>
/// <remarks>
/// After the <c>n</c>-th failed attempt (<c>n</c> = 1, 2, …) the wait is drawn uniformly from
/// <c>[0, min(MaxDelay, BaseDelay × 2^(n-1))]</c> ("full jitter"), so concurrent writers that collided spread out instead of
/// colliding again in lock step. A <see cref="MaxDelay"/> below <see cref="BaseDelay"/> simply caps every wait at
/// <see cref="MaxDelay"/>. Timers have millisecond resolution, so a draw below 1 ms does not wait at all.
/// </remarks>
public sealed record ConcurrencyRetryOptions
{
    /// <summary>The largest delay a timer accepts: <c>uint.MaxValue - 1</c> milliseconds (about 49.7 days).</summary>
    public static readonly TimeSpan MaxSupportedDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly int _maxAttempts = 5;
    private readonly TimeSpan _baseDelay = TimeSpan.FromMilliseconds(20);
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(1);
    private readonly Random _random = Random.Shared;

    /// <summary>The defaults: 5 attempts, 20 ms base delay, 1 s maximum delay, <see cref="Random.Shared"/> for jitter.</summary>
    public static ConcurrencyRetryOptions Default { get; } = new();

    /// <summary>
    /// The total number of attempts, the first one included; at least 1 (1 means no retry). Defaults to 5.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxAttempts
    {
        get => _maxAttempts;
        init
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MaxAttempts), value, $"MaxAttempts counts the first attempt too, so it must be at least 1, but it was {value}. Use 1 to disable retries.");
            }

            _maxAttempts = value;
        }
    }

    /// <summary>The ceiling of the first wait; each further wait's ceiling doubles, up to <see cref="MaxDelay"/>. Defaults to 20 ms.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxSupportedDelay"/>.</exception>
    public TimeSpan BaseDelay
    {
        get => _baseDelay;
        init => _baseDelay = ValidateDelay(value, nameof(BaseDelay));
    }

    /// <summary>The largest wait between two attempts. Defaults to 1 s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxSupportedDelay"/>.</exception>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        init => _maxDelay = ValidateDelay(value, nameof(MaxDelay));
    }

    /// <summary>
    /// The source of jitter. Defaults to <see cref="Random.Shared"/>; pass a seeded <see cref="System.Random"/> for reproducible
    /// delays (it is locked while sampled, so one instance may be shared by concurrent retries).
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public Random Random
    {
        get => _random;
        init => _random = value ?? throw new ArgumentNullException(nameof(Random), "Random supplies the jitter and cannot be null; leave it unset to use Random.Shared.");
    }

    /// <summary>Draws the wait after <paramref name="failedAttempts"/> failed attempts.</summary>
    /// <param name="failedAttempts">How many attempts have failed so far; at least 1.</param>
    /// <returns>A delay in <c>[0, min(MaxDelay, BaseDelay × 2^(failedAttempts-1))]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failedAttempts"/> is less than 1.</exception>
    public TimeSpan NextDelay(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var ceiling = DelayCeiling(failedAttempts);
        if (ceiling <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        double sample;
        if (ReferenceEquals(_random, Random.Shared))
        {
            sample = _random.NextDouble();
        }
        else
        {
            lock (_random)
            {
                sample = _random.NextDouble();
            }
        }

        return TimeSpan.FromTicks((long)(sample * ceiling.Ticks));
    }

    /// <summary>The largest wait after <paramref name="failedAttempts"/> failed attempts: <c>min(MaxDelay, BaseDelay × 2^(failedAttempts-1))</c>.</summary>
    /// <param name="failedAttempts">How many attempts have failed so far; at least 1.</param>
    /// <returns>The ceiling of the jittered wait.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failedAttempts"/> is less than 1.</exception>
    public TimeSpan DelayCeiling(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponential = _baseDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 62));
        return TimeSpan.FromTicks((long)Math.Min(exponential, _maxDelay.Ticks));
    }

    private static TimeSpan ValidateDelay(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero || value > MaxSupportedDelay)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"{name} must be between zero and {MaxSupportedDelay} (the largest timer delay), but it was {value}.");
        }

        return value;
    }
}
