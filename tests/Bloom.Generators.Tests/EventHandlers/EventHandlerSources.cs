namespace Bloom.Generators.Tests.EventHandlers;

/// <summary>Test layers for the event-handler generator: events and an aggregate raising them, handlers, and probes that run them.</summary>
internal static class EventHandlerSources
{
    /// <summary>Shop.Domain: an order that raises <c>OrderPlaced</c> when placed and <c>OrderShipped</c> when shipped.</summary>
    public const string Domain = """
        using Bloom;

        namespace Shop.Domain;

        [StronglyTypedId] public readonly partial struct OrderId;

        [DomainEvent] public sealed partial record OrderPlaced(OrderId OrderId, string Customer);

        [DomainEvent] public sealed partial record OrderShipped(OrderId OrderId);

        [Aggregate]
        public sealed partial class Order
        {
            public OrderId Id { get; private set; }
            public string Customer { get; private set; } = "";

            public static Order Place(string customer)
            {
                var order = new Order { Id = OrderId.New(), Customer = customer };
                order.Raise(new OrderPlaced(order.Id, customer));
                return order;
            }

            public void Ship() => Raise(new OrderShipped(Id));
        }
        """;

    /// <summary>Shop.Application: the unit of work and handlers (one sync + async, one internal), writing to a static journal.</summary>
    public const string Application = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Bloom;
        using Shop.Domain;

        namespace Shop.Application;

        [UnitOfWork] public partial interface IShopUnitOfWork { }

        public static class Journal
        {
            public static readonly List<string> Lines = new();
        }

        [DomainEventHandler]
        public sealed class RecordOrders : IDomainEventHandler<OrderPlaced>, IAsyncDomainEventHandler<OrderShipped>
        {
            public void Handle(OrderPlaced domainEvent) => Journal.Lines.Add("placed " + domainEvent.Customer);

            public ValueTask HandleAsync(OrderShipped domainEvent, CancellationToken cancellationToken)
            {
                Journal.Lines.Add("shipped");
                return default;
            }
        }

        [DomainEventHandler]
        internal sealed class InternalHandler : IDomainEventHandler<OrderPlaced>
        {
            public void Handle(OrderPlaced domainEvent) => Journal.Lines.Add("internal");
        }
        """;

    /// <summary>
    /// Infrastructure: places an order through the factory's unit of work and ships it through a scope's, journaling around the
    /// commits; returns the journal.
    /// </summary>
    public const string Probe = """
        using System;
        using Bloom;
        using Microsoft.Extensions.DependencyInjection;
        using Shop.Application;
        using Shop.Domain;

        public static class Probe
        {
            public static string Run()
            {
                var services = new ServiceCollection();
                services.AddBloom(static b => b.UseInMemory());
                using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
                var order = Order.Place("ada");
                using (var unitOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin())
                {
                    unitOfWork.Orders.Add(order);
                    Journal.Lines.Add("before commit");
                    unitOfWork.Commit();
                    Journal.Lines.Add("after commit");
                }

                using (var scope = provider.CreateScope())
                {
                    var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();
                    unitOfWork.Orders.Get(order.Id).Ship();
                    unitOfWork.CommitAsync(default).GetAwaiter().GetResult();
                }

                return string.Join("|", Journal.Lines);
            }
        }
        """;

    /// <summary>One project with Bloom.Runtime: every shape the generator accepts, and those it leaves out.</summary>
    public const string Shapes = """
        using System.Threading;
        using System.Threading.Tasks;
        using Bloom;

        namespace Shop;

        [DomainEvent] public sealed partial record OrderPlaced(int Number);
        [DomainEvent] public sealed partial record OrderShipped(int Number);
        public abstract record OrderEvent : IDomainEvent
        {
            public System.Guid EventId { get; init; }
            public System.DateTimeOffset OccurredAt { get; init; }
        }

        [DomainEventHandler]
        public sealed class SendConfirmation : IAsyncDomainEventHandler<OrderPlaced>
        {
            public ValueTask HandleAsync(OrderPlaced domainEvent, CancellationToken cancellationToken) => default;
        }

        // Both events, retried; explicit implementations are called through the interface.
        [DomainEventHandler(MaxAttempts = 4, BaseDelayMilliseconds = 250)]
        internal sealed class UpdateStatistics : IDomainEventHandler<OrderShipped>, IDomainEventHandler<OrderPlaced>
        {
            void IDomainEventHandler<OrderPlaced>.Handle(OrderPlaced domainEvent) { }
            void IDomainEventHandler<OrderShipped>.Handle(OrderShipped domainEvent) { }
        }

        // Sync and async for one event: called once, through the async interface.
        [DomainEventHandler(MaxAttempts = 1, BaseDelayMilliseconds = 5)]
        public sealed record Both : IDomainEventHandler<OrderPlaced>, IAsyncDomainEventHandler<OrderPlaced>
        {
            public void Handle(OrderPlaced domainEvent) { }
            public ValueTask HandleAsync(OrderPlaced domainEvent, CancellationToken cancellationToken) => default;
        }

        public static class Outer
        {
            [DomainEventHandler] public sealed class Nested : IDomainEventHandler<OrderShipped> { public void Handle(OrderShipped domainEvent) { } }
            [DomainEventHandler] private sealed class Hidden : IDomainEventHandler<OrderShipped> { public void Handle(OrderShipped domainEvent) { } }
        }

        // Left out: abstract, generic, an abstract event only, no handler interface.
        [DomainEventHandler] public abstract class AbstractHandler : IDomainEventHandler<OrderPlaced> { public void Handle(OrderPlaced domainEvent) { } }
        [DomainEventHandler] public sealed class GenericHandler<T> : IDomainEventHandler<OrderPlaced> { public void Handle(OrderPlaced domainEvent) { } }
        [DomainEventHandler] public sealed class BaseEventHandler : IDomainEventHandler<OrderEvent> { public void Handle(OrderEvent domainEvent) { } }
        [DomainEventHandler] public sealed class NotAHandler { }
        """;
}
