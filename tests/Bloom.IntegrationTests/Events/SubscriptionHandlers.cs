namespace Bloom.IntegrationTests.Events;

/// <summary>
/// What the handlers below saw. Registered only by the event tests; the handlers take it as an optional dependency, so the
/// project's other tests (which commit subscriptions too) run them as no-ops.
/// </summary>
public sealed class EventJournal
{
    private readonly List<string> _lines = [];
    private readonly List<IShopUnitOfWork> _scopeUnitsOfWork = [];

    /// <summary>Makes <see cref="CountSubscriptions"/> throw.</summary>
    public bool FailSyncHandler { get; set; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The scope's unit of work each <see cref="ConfirmSubscription"/> was given.</summary>
    public IReadOnlyList<IShopUnitOfWork> ScopeUnitsOfWork
    {
        get
        {
            lock (_lines)
            {
                return [.. _scopeUnitsOfWork];
            }
        }
    }

    public void Add(string line, IShopUnitOfWork? scopeUnitOfWork = null)
    {
        lock (_lines)
        {
            _lines.Add(line);
            if (scopeUnitOfWork is not null)
            {
                _scopeUnitsOfWork.Add(scopeUnitOfWork);
            }
        }
    }
}

/// <summary>
/// An async, scoped handler: reads the subscription back through a new unit of work (so it sees only committed state) and
/// records which unit of work its scope holds.
/// </summary>
[DomainEventHandler]
public sealed class ConfirmSubscription(IUnitOfWorkFactory<IShopUnitOfWork> unitsOfWork, IShopUnitOfWork scopeUnitOfWork, EventJournal? journal = null)
    : IAsyncDomainEventHandler<SubscriptionStarted>
{
    public async ValueTask HandleAsync(SubscriptionStarted domainEvent, CancellationToken cancellationToken)
    {
        if (journal is null)
        {
            return;
        }

        await using var unitOfWork = unitsOfWork.Begin();
        var stored = await unitOfWork.Subscriptions.FindAsync(domainEvent.SubscriptionId, cancellationToken);
        journal.Add($"async {domainEvent.EventId} stored={stored is not null} v{stored?.Version}", scopeUnitOfWork);
    }
}

/// <summary>A synchronous handler of the same event.</summary>
[DomainEventHandler]
public sealed class CountSubscriptions(EventJournal? journal = null) : IDomainEventHandler<SubscriptionStarted>
{
    public void Handle(SubscriptionStarted domainEvent)
    {
        if (journal is null)
        {
            return;
        }

        if (journal.FailSyncHandler)
        {
            throw new InvalidOperationException("the sync handler failed");
        }

        journal.Add($"sync {domainEvent.EventId}");
    }
}
