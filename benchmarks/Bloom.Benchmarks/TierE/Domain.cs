using Bloom.Messaging;
using Bloom.Persistence;
using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.Benchmarks.TierE;

// ---------------------------------------------------------------------------------------------
// A6: one event, two handlers that complete synchronously. Every library gets its own handler classes with the same body
// (count, return a completed task), so only the dispatch machinery differs. One event instance is reused: no variant allocates it.
// ---------------------------------------------------------------------------------------------

/// <summary>The A6 event: a Bloom domain event, a Mediator.SourceGenerator notification and a MediatR notification.</summary>
public sealed class Placed : IDomainEvent, global::Mediator.INotification, MediatR.INotification
{
    public Guid EventId => Guid.Empty;

    public DateTimeOffset OccurredAt => default;
}

[DomainEventHandler]
public sealed class PlacedBloomHandler1 : IAsyncDomainEventHandler<Placed>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(Placed domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

[DomainEventHandler]
public sealed class PlacedBloomHandler2 : IAsyncDomainEventHandler<Placed>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(Placed domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

public sealed class PlacedMediatorHandler1 : global::Mediator.INotificationHandler<Placed>
{
    public int Count { get; private set; }

    public ValueTask Handle(Placed notification, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

public sealed class PlacedMediatorHandler2 : global::Mediator.INotificationHandler<Placed>
{
    public int Count { get; private set; }

    public ValueTask Handle(Placed notification, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

public sealed class PlacedMediatRHandler1 : MediatR.INotificationHandler<Placed>
{
    public int Count { get; private set; }

    public Task Handle(Placed notification, CancellationToken cancellationToken)
    {
        Count++;
        return Task.CompletedTask;
    }
}

public sealed class PlacedMediatRHandler2 : MediatR.INotificationHandler<Placed>
{
    public int Count { get; private set; }

    public Task Handle(Placed notification, CancellationToken cancellationToken)
    {
        Count++;
        return Task.CompletedTask;
    }
}

// ---------------------------------------------------------------------------------------------
// A8: a state-stored aggregate whose one command raises two events; each event has two handlers.
// ---------------------------------------------------------------------------------------------

[StronglyTypedId]
public readonly partial struct LedgerId;

/// <summary>A8's first event (a plain class like A5's: 24-32 B, no id or clock work, so only the unit of work's machinery differs).</summary>
public sealed class LedgerCredited(decimal amount) : IDomainEvent
{
    public decimal Amount { get; } = amount;

    public Guid EventId => Guid.Empty;

    public DateTimeOffset OccurredAt => default;
}

/// <summary>A8's second event.</summary>
public sealed class LedgerBalanceChanged(decimal balance) : IDomainEvent
{
    public decimal Balance { get; } = balance;

    public Guid EventId => Guid.Empty;

    public DateTimeOffset OccurredAt => default;
}

/// <summary>A small state-stored aggregate: one command changes the balance and raises two events.</summary>
[Aggregate(Table = "ledger")]
public sealed partial class Ledger
{
    private Ledger()
    {
    }

    public LedgerId Id { get; private set; }

    public decimal Balance { get; private set; }

    public static Ledger Open(LedgerId id) => new() { Id = id };

    public void Credit(decimal amount)
    {
        Balance += amount;
        Raise(new LedgerCredited(amount));
        Raise(new LedgerBalanceChanged(Balance));
    }
}

public sealed class LedgerUow(UnitOfWorkServices services) : UnitOfWork(services)
{
    private Repository<Ledger, LedgerId>? _ledgers;

    public Repository<Ledger, LedgerId> Ledgers => _ledgers ??= new(this);
}

[DomainEventHandler]
public sealed class CreditedHandler1 : IAsyncDomainEventHandler<LedgerCredited>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(LedgerCredited domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

[DomainEventHandler]
public sealed class CreditedHandler2 : IAsyncDomainEventHandler<LedgerCredited>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(LedgerCredited domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

[DomainEventHandler]
public sealed class BalanceChangedHandler1 : IAsyncDomainEventHandler<LedgerBalanceChanged>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(LedgerBalanceChanged domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

[DomainEventHandler]
public sealed class BalanceChangedHandler2 : IAsyncDomainEventHandler<LedgerBalanceChanged>
{
    public int Count { get; private set; }

    public ValueTask HandleAsync(LedgerBalanceChanged domainEvent, CancellationToken cancellationToken)
    {
        Count++;
        return default;
    }
}

/// <summary>This assembly's Bloom handlers: the descriptors and registrations Bloom's generator wrote (<see cref="BloomEventHandlers"/>).</summary>
public static class TierEHandlers
{
    public static IReadOnlyList<EventHandlerDescriptor> Descriptors => BloomEventHandlers.Descriptors;

    /// <summary>
    /// Registers the handlers: as singletons first when <paramref name="singletons"/> (the lifetime the Mediator peers use; the
    /// generated registration keeps a lifetime registered before it), then the generated scoped registrations.
    /// </summary>
    public static IServiceCollection AddBloomHandlers(this IServiceCollection services, bool singletons)
    {
        services.AddSingleton(new ShippedTally());
        if (singletons)
        {
            foreach (var descriptor in BloomEventHandlers.Descriptors)
            {
                services.AddSingleton(descriptor.HandlerType);
            }
        }

        BloomEventHandlers.AddHandlers(services);
        return services;
    }
}

/// <summary>
/// A sketch of the suggested change, not Bloom code: the dispatcher resolves every handler once (per provider, i.e. per scope)
/// and keeps a bound call per descriptor, so a dispatch is a map lookup and direct calls. Failure handling is left out
/// (the real dispatcher's invoker would wrap the call the same way it does today).
/// </summary>
public sealed class FrozenBoundHandlers
{
    private readonly FrozenDictionary<Type, Func<IDomainEvent, CancellationToken, ValueTask>[]> _byEvent;

    public FrozenBoundHandlers(IServiceProvider services, IEnumerable<EventHandlerDescriptor> descriptors)
    {
        _byEvent = descriptors
            .GroupBy(static d => d.EventType)
            .ToDictionary(static g => g.Key, g => g.Select(d => Bind(services, d)).ToArray())
            .ToFrozenDictionary();
    }

    public ValueTask DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (!_byEvent.TryGetValue(domainEvent.GetType(), out var handlers))
        {
            return default;
        }

        for (var i = 0; i < handlers.Length; i++)
        {
            var pending = handlers[i](domainEvent, cancellationToken);
            if (!pending.IsCompletedSuccessfully)
            {
                return pending;
            }
        }

        return default;
    }

    // What a generated "bind" would be: the handler resolved once, the cast and the call in one closure.
    private static Func<IDomainEvent, CancellationToken, ValueTask> Bind(IServiceProvider services, EventHandlerDescriptor descriptor)
    {
        var handler = services.GetRequiredService(descriptor.HandlerType);
        return handler switch
        {
            PlacedBloomHandler1 h => (e, ct) => h.HandleAsync((Placed)e, ct),
            PlacedBloomHandler2 h => (e, ct) => h.HandleAsync((Placed)e, ct),
            CreditedHandler1 h => (e, ct) => h.HandleAsync((LedgerCredited)e, ct),
            CreditedHandler2 h => (e, ct) => h.HandleAsync((LedgerCredited)e, ct),
            BalanceChangedHandler1 h => (e, ct) => h.HandleAsync((LedgerBalanceChanged)e, ct),
            BalanceChangedHandler2 h => (e, ct) => h.HandleAsync((LedgerBalanceChanged)e, ct),
            _ => (e, ct) => descriptor.Invoke(services, e, ct),
        };
    }
}
