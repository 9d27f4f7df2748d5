using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class EventPlumbingAnalyzerTests
{
    // The generators do not run in analyzer tests: Raise and ClearPendingEvents are declared by hand, public so that
    // calls from outside compile (the generated Raise is private or protected, which the compiler already enforces).
    private const string Model = """
        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId] public readonly partial struct CustomerId;

        public sealed record Placed : IDomainEvent
        {
            public Guid EventId { get; } = Guid.Empty;
            public DateTimeOffset OccurredAt { get; } = DateTimeOffset.MinValue;
        }

        [Aggregate] public partial class Order
        {
            public OrderId Id { get; private set; }
            public void Raise(IDomainEvent domainEvent) { }
            public void ClearPendingEvents() { }
        }

        [Aggregate] public sealed partial class Customer
        {
            public CustomerId Id { get; private set; }
            public void Raise(IDomainEvent domainEvent) { }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<EventPlumbingAnalyzer>(Usings + Model + source, expected);

    private static DiagnosticResult Blm1004(int location, string method, string aggregate, string caller)
        => Diagnostic<EventPlumbingAnalyzer>("BLM1004").WithLocation(location).WithArguments(method, aggregate, caller);

    [Test]
    public Task Reports_Raise_and_ClearPendingEvents_from_a_service()
        => VerifyAsync(
            """
            public sealed class OrderService
            {
                public void Place(Order order)
                {
                    {|#0:order.Raise(new Placed())|};
                    {|#1:order.ClearPendingEvents()|};
                }

                public void Maybe(Order? order) => {|#2:order?.ClearPendingEvents()|};
            }
            """,
            Blm1004(0, "Raise", "Order", "OrderService"),
            Blm1004(1, "ClearPendingEvents", "Order", "OrderService"),
            Blm1004(2, "ClearPendingEvents", "Order", "OrderService"));

    [Test]
    public Task Reports_another_aggregate_raising_for_this_one()
        => VerifyAsync(
            """
            public partial class Order
            {
                public void Notify(Customer customer) => {|#0:customer.Raise(new Placed())|};
            }
            """,
            Blm1004(0, "Raise", "Customer", "Order"));

    [Test]
    public Task Reports_a_derived_aggregate_raising_on_another_instance_of_its_base()
        => VerifyAsync(
            """
            public sealed partial class RushOrder : Order
            {
                public void Escalate(Order other) => {|#0:other.Raise(new Placed())|};
            }
            """,
            Blm1004(0, "Raise", "Order", "RushOrder"));

    [Test]
    public Task Reports_MarkCommitted_of_a_hand_written_aggregate_root()
        => VerifyAsync(
            """
            public sealed class Ledger : IAggregateRoot
            {
                public long Version { get; private set; }
                public System.Collections.Generic.IReadOnlyList<IDomainEvent> PendingEvents => [];
                public void ClearPendingEvents() { }
                public void MarkCommitted(long newVersion) => Version = newVersion;
            }

            public static class Bookkeeping
            {
                public static void Close(Ledger ledger)
                {
                    {|#0:ledger.MarkCommitted(2)|};
                    {|#1:ledger.ClearPendingEvents()|};
                }
            }
            """,
            Blm1004(0, "MarkCommitted", "Ledger", "Bookkeeping"),
            Blm1004(1, "ClearPendingEvents", "Ledger", "Bookkeeping"));

    [Test]
    public Task Reports_inside_lambdas_and_nested_types_of_other_classes()
        => VerifyAsync(
            """
            public static class Handlers
            {
                public sealed class OnPlaced
                {
                    public Action<Order> Handle { get; } = order => {|#0:order.Raise(new Placed())|};
                }
            }
            """,
            Blm1004(0, "Raise", "Order", "Handlers.OnPlaced"));

    [Test]
    public Task Ignores_the_aggregate_acting_on_itself_and_on_other_instances_of_its_type()
        => VerifyAsync(
            """
            public partial class Order
            {
                public static Order Place()
                {
                    var order = new Order();
                    order.Raise(new Placed());
                    return order;
                }

                public void Ship()
                {
                    Raise(new Placed());
                    this.Raise(new Placed());
                    Action later = () => Raise(new Placed());
                    later();
                }

                public void Merge(Order other) => other.ClearPendingEvents();

                private sealed class Saga
                {
                    public void Step(Order order) => order.Raise(new Placed());
                }
            }
            """);

    [Test]
    public Task Ignores_a_derived_aggregate_using_its_own_plumbing_and_a_base_acting_on_a_derived_instance()
        => VerifyAsync(
            """
            public sealed partial class RushOrder : Order
            {
                public void Escalate(RushOrder other)
                {
                    Raise(new Placed());
                    base.Raise(new Placed());
                    other.Raise(new Placed());
                }
            }

            public partial class Order
            {
                public static Order PlaceRush()
                {
                    var order = new RushOrder();
                    order.Raise(new Placed());
                    return order;
                }
            }
            """);

    [Test]
    public Task Ignores_calls_through_IAggregateRoot_as_a_unit_of_work_makes_them()
        => VerifyAsync(
            """
            public sealed class UnitOfWork
            {
                public void Commit(Order order)
                {
                    IAggregateRoot root = order;
                    root.ClearPendingEvents();
                    ((IAggregateRoot)order).MarkCommitted(1);
                }

                public void CommitAll<T>(T aggregate)
                    where T : IAggregateRoot => aggregate.MarkCommitted(aggregate.Version + 1);
            }

            public partial class Order : IAggregateRoot
            {
                public long Version => 0;
                public System.Collections.Generic.IReadOnlyList<IDomainEvent> PendingEvents => [];
                void IAggregateRoot.MarkCommitted(long newVersion) { }
            }
            """);

    [Test]
    public Task Ignores_code_in_Bloom_namespaces()
        => VerifyAsync(
            """
            namespace Bloom.Runtime
            {
                public sealed class InMemoryUnitOfWork
                {
                    public void Commit(Order order) => order.ClearPendingEvents();
                }
            }

            namespace Bloom
            {
                public static class Replay
                {
                    public static void Apply(global::Order order) => order.Raise(new global::Placed());
                }
            }
            """);

    [Test]
    public Task Ignores_methods_named_like_the_plumbing_on_other_types()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct LineId;

            [Entity] public sealed partial class OrderLine
            {
                public LineId Id { get; private set; }
                public void Raise(IDomainEvent domainEvent) { }
            }

            public sealed class Alarm
            {
                public void Raise() { }
                public void ClearPendingEvents() { }
                public void MarkCommitted(long version) { }
            }

            public static class Caller
            {
                public static void Run(Alarm alarm, OrderLine line)
                {
                    alarm.Raise();
                    alarm.ClearPendingEvents();
                    alarm.MarkCommitted(1);
                    line.Raise(new Placed());
                }
            }
            """);

    [Test]
    public Task Ignores_generated_code()
        => BoundaryTestHelpers.VerifySourcesAsync<EventPlumbingAnalyzer>(
        [
            ("Model.cs", Usings + Model),
            ("Dispatcher.g.cs", "// <auto-generated/>\npublic static class Dispatcher { public static void Clear(Order order) => order.ClearPendingEvents(); }"),
        ]);

    [Test]
    public Task Reports_nothing_on_the_sample_domain()
        => BoundaryTestHelpers.VerifySampleDomainIsCleanAsync<EventPlumbingAnalyzer>();

    [Test]
    public Task Ignores_the_sample_programs_simulated_commit()
        => VerifyAsync(
            """
            public partial class Order : IAggregateRoot
            {
                public long Version => 0;
                public System.Collections.Generic.IReadOnlyList<IDomainEvent> PendingEvents => [];
                void IAggregateRoot.MarkCommitted(long newVersion) { }
            }

            public static class Program
            {
                public static void Main()
                {
                    var order = new Order();
                    ((IAggregateRoot)order).MarkCommitted(order.Version + 1);
                }
            }
            """);
}
