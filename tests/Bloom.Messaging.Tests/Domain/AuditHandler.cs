using System.Collections.Concurrent;

namespace Bloom.Messaging.Tests.Domain;

/// <summary>What <see cref="AuditHandler"/> saw: the event and the message it came in (when a transport delivered it).</summary>
public sealed class AuditLog
{
    public ConcurrentQueue<(Guid EventId, Guid? MessageId)> Seen { get; } = new();
}

/// <summary>A generated-registration handler (scoped, constructor-injected) used by the end-to-end DI tests.</summary>
[DomainEventHandler]
public sealed class AuditHandler(AuditLog log, MessageContext? context = null) : IDomainEventHandler<AccountOpened>
{
    public void Handle(AccountOpened domainEvent) => log.Seen.Enqueue((domainEvent.EventId, context?.Envelope?.MessageId));
}
