using Bloom.Samples.Ordering.Domain;

namespace Bloom.Samples.Ordering.Handlers;

/// <summary>
/// Reacts to <see cref="OrderPlaced"/>: "sends" a confirmation. Runs only after the order's commit, delivered from the outbox
/// (in-process here; through RabbitMQ with <c>b.UseRabbitMq(...)</c>). Bloom generates its registration: no scanning.
/// </summary>
/// <param name="outbox">Where the sample records what it sent.</param>
[DomainEventHandler(MaxAttempts = 3)]
public sealed class SendOrderConfirmation(ConfirmationLog outbox) : IAsyncDomainEventHandler<OrderPlaced>
{
    /// <inheritdoc />
    public ValueTask HandleAsync(OrderPlaced domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        outbox.Record($"confirmation for order {domainEvent.OrderId} to customer {domainEvent.CustomerId}");
        return ValueTask.CompletedTask;
    }
}

/// <summary>The confirmations the sample "sent" (a stand-in for an e-mail gateway).</summary>
public sealed class ConfirmationLog
{
    private readonly List<string> _sent = [];

    /// <summary>What was sent, in order.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Records one confirmation.</summary>
    /// <param name="confirmation">What was sent.</param>
    public void Record(string confirmation)
    {
        lock (_sent)
        {
            _sent.Add(confirmation);
        }
    }
}
