namespace Bloom;

/// <summary>
/// The clock generated domain code reads (event <c>OccurredAt</c>, time-ordered ids). It is
/// <see cref="TimeProvider.System"/> unless a caller scopes another provider with <see cref="Use"/>;
/// the override flows with the async context and ends when the returned scope is disposed, so
/// tests and parallel requests never see each other's clock.
/// </summary>
public static class DomainClock
{
    private static readonly AsyncLocal<TimeProvider?> s_current = new();

    /// <summary>The provider in effect for the current async context.</summary>
    public static TimeProvider Current => s_current.Value ?? TimeProvider.System;

    /// <summary>The current UTC time from <see cref="Current"/>.</summary>
    public static DateTimeOffset UtcNow => Current.GetUtcNow();

    /// <summary>Uses <paramref name="provider"/> for the current async context until the returned scope is disposed.</summary>
    /// <param name="provider">The provider to use, e.g. a <c>FakeTimeProvider</c> in tests.</param>
    /// <returns>A scope that restores the previous provider when disposed.</returns>
    public static IDisposable Use(TimeProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var previous = s_current.Value;
        s_current.Value = provider;
        return new Scope(previous);
    }

    private sealed class Scope(TimeProvider? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            s_current.Value = previous;
        }
    }
}
