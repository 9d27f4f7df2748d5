using Bloom.Messaging;

namespace Bloom.Persistence;

/// <summary>What a unit of work works with besides its store: where committed events go.</summary>
/// <remarks>
/// <para><b>Dispatcher</b>: when set, the events raised by the aggregates a commit wrote are delivered in-process after the commit succeeded (never before, never for a failed or rolled-back unit of work).</para>
/// <para><b>Outbox</b>: when an envelope serializer is set, the same events are also written to the outbox in the commit's transaction, for a publisher to send reliably.</para>
/// </remarks>
/// <param name="Store">The store.</param>
/// <param name="Dispatcher">Delivers committed events in-process; <see langword="null"/> for none.</param>
/// <param name="Outbox">Wraps committed events into outbox envelopes; <see langword="null"/> when the outbox is off.</param>
public sealed record UnitOfWorkServices(IAggregateStore Store, IEventDispatcher? Dispatcher = null, EventEnvelopeSerializer? Outbox = null);
