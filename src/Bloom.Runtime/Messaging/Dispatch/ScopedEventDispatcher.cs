using Microsoft.Extensions.DependencyInjection;

namespace Bloom.Messaging;

/// <summary>
/// Delivers events from outside any DI scope: each call opens a new scope, dispatches through that scope's
/// <see cref="IEventDispatcher"/> (so scoped handlers and their scoped dependencies are created for this delivery) and disposes
/// the scope afterwards. Units of work begun by an <see cref="IUnitOfWorkFactory{TUnitOfWork}"/> use it; so can transports.
/// </summary>
/// <remarks>
/// The scopes come from the root provider, so handlers never share a scope with the code that committed; a handler that wants
/// to read or write aggregates begins its own unit of work (or takes the scope's). Costs one scope per call; the scope's
/// dispatcher itself allocates nothing when every handler completes synchronously.
/// </remarks>
public sealed class ScopedEventDispatcher : IEventDispatcher
{
    private readonly IServiceScopeFactory _scopes;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="scopes">Creates the scope of each delivery (the root provider's factory).</param>
    /// <exception cref="ArgumentNullException"><paramref name="scopes"/> is <see langword="null"/>.</exception>
    public ScopedEventDispatcher(IServiceScopeFactory scopes)
    {
        _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
    }

    /// <inheritdoc />
    public async ValueTask DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<IEventDispatcher>().DispatchAsync(events, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<IEventDispatcher>().DispatchAsync(domainEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispatch(IReadOnlyList<IDomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scope = _scopes.CreateAsyncScope();
        try
        {
            scope.ServiceProvider.GetRequiredService<IEventDispatcher>().Dispatch(events);
        }
        finally
        {
            // Through DisposeAsync, so services that are only IAsyncDisposable are disposed too (Dispose would throw for them).
            var disposal = scope.DisposeAsync();
            if (!disposal.IsCompletedSuccessfully)
            {
                disposal.AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
