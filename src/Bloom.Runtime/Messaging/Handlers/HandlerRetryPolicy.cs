namespace Bloom.Messaging;

/// <summary>
/// How often a failing handler is retried: <see cref="MaxAttempts"/> attempts in total, waiting
/// <c>BaseDelay × 2^(attempt-1)</c> (capped at <see cref="MaxDelay"/>) plus up to <see cref="JitterRatio"/> of it at random,
/// on a <see cref="TimeProvider"/>. <see cref="OperationCanceledException"/> is never retried.
/// </summary>
public sealed record HandlerRetryPolicy
{
    /// <summary>No retry: one attempt.</summary>
    public static HandlerRetryPolicy None { get; } = new();

    /// <summary>Total attempts (1 = no retry). At least 1.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The delay before the first retry.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The random share added to each delay, 0 to 1.</summary>
    public double JitterRatio { get; init; } = 0.2;

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    /// <param name="nextAttempt">The attempt about to start, from 2.</param>
    /// <param name="random">A value in [0, 1) for the jitter.</param>
    /// <returns>The delay.</returns>
    public TimeSpan DelayBefore(int nextAttempt, double random)
    {
        var exponent = Math.Min(nextAttempt - 2, 30);
        var baseTicks = Math.Min(BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(baseTicks * (1 + (JitterRatio * random))));
    }
}
