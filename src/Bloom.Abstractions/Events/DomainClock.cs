namespace Bloom;

/// <summary>
/// The clock generated domain code reads (event <c>OccurredAt</c>, time-ordered ids). It is
/// <see cref="TimeProvider.System"/> unless a caller scopes another provider with <see cref="Use"/>;
/// the override flows with the async context and ends when the returned scope is disposed, so
/// tests and parallel requests never see each other's clock.
/// </summary>
public static class DomainClock
{
    private static readonly AsyncLocal<Scope?> s_current = new();

    /// <summary>The provider in effect for the current async context.</summary>
    public static TimeProvider Current
    {
        get
        {
            // Skip scopes that were disposed out of order (an outer scope disposed before an inner one).
            for (var scope = s_current.Value; scope is not null; scope = scope.Parent)
            {
                if (!scope.IsDisposed)
                {
                    return scope.Provider;
                }
            }

            return TimeProvider.System;
        }
    }

    /// <summary>The current UTC time from <see cref="Current"/>.</summary>
    public static DateTimeOffset UtcNow => Current.GetUtcNow();

    /// <summary>Uses <paramref name="provider"/> for the current async context until the returned scope is disposed.</summary>
    /// <param name="provider">The provider to use, e.g. a <c>FakeTimeProvider</c> in tests.</param>
    /// <returns>A scope that restores the previous provider when disposed.</returns>
    public static IDisposable Use(TimeProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var scope = new Scope(provider, s_current.Value);
        s_current.Value = scope;
        return scope;
    }

    private sealed class Scope(TimeProvider provider, Scope? parent) : IDisposable
    {
        public TimeProvider Provider { get; } = provider;

        public Scope? Parent { get; } = parent;

        public bool IsDisposed { get; private set; }

        public void Dispose()
        {
            if (IsDisposed)
            {
                return;
            }

            IsDisposed = true;
            if (ReferenceEquals(s_current.Value, this))
            {
                var active = Parent;
                while (active is { IsDisposed: true })
                {
                    active = active.Parent;
                }

                s_current.Value = active;
            }
        }
    }
}
