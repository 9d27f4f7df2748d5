using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class DomainEventCarriesEntityTests
{
    private const string Model = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId] public readonly partial struct LineId;
        [Aggregate] public sealed partial class Order { public OrderId Id { get; } }
        [Entity] public sealed partial class OrderLine { public LineId Id { get; } }
        [Entity] public sealed partial class GiftLine : OrderLineBase { }
        [Entity] public abstract partial class OrderLineBase { public LineId Id { get; } }
        [ValueObject] public sealed partial record Money(decimal Amount, string Currency);

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<DomainEventAnalyzer>(Usings + Model + source, expected);

    private static DiagnosticResult Blm3002(int location, string @event, string kind, string type, string member)
        => Diagnostic<DomainEventAnalyzer>("BLM3002").WithLocation(location).WithArguments(@event, kind, type, member);

    [Test]
    public Task Reports_an_aggregate_or_entity_in_a_positional_parameter()
        => VerifyAsync(
            """
            [DomainEvent]
            public sealed partial record OrderPlaced({|#0:Order|} Order, {|#1:OrderLine|} FirstLine, Money Total);
            """,
            Blm3002(0, "OrderPlaced", "aggregate", "Order", "Order"),
            Blm3002(1, "OrderPlaced", "entity", "OrderLine", "FirstLine"));

    [Test]
    public Task Reports_properties_and_fields_of_any_accessibility()
        => VerifyAsync(
            """
            #nullable enable
            [DomainEvent]
            public sealed partial class LineRemoved
            {
                public LineRemoved(OrderLine line) { Line = line; _order = null; }

                public {|#0:OrderLine|} Line { get; }

                private readonly {|#1:Order?|} _order;
            }
            """,
            Blm3002(0, "LineRemoved", "entity", "OrderLine", "Line"),
            Blm3002(1, "LineRemoved", "aggregate", "Order", "_order"));

    [Test]
    public Task Reports_entities_inside_collections_nullables_tuples_and_derived_entities()
        => VerifyAsync(
            """
            #nullable enable
            [DomainEvent]
            public sealed partial record LinesChanged(
                {|#0:IReadOnlyList<OrderLine>|} Lines,
                {|#1:OrderLine[]|} {|#5:Removed|},
                {|#2:(OrderId Id, Order? Snapshot)|} Before,
                {|#3:IReadOnlyDictionary<LineId, GiftLine>|} Gifts,
                {|#4:Task<Order>|} Pending);
            """,
            Blm3002(0, "LinesChanged", "entity", "OrderLine", "Lines"),
            Blm3002(1, "LinesChanged", "entity", "OrderLine", "Removed"),
            Diagnostic<DomainEventAnalyzer>("BLM3001").WithLocation(5) // an array is also a mutable collection
                .WithArguments("LinesChanged", "Removed", "its type OrderLine[] is a mutable collection", "expose it as IReadOnlyList<OrderLine>"),
            Blm3002(2, "LinesChanged", "aggregate", "Order", "Before"),
            Blm3002(3, "LinesChanged", "entity", "GiftLine", "Gifts"),
            Blm3002(4, "LinesChanged", "aggregate", "Order", "Pending"));

    [Test]
    public Task No_diagnostic_for_ids_values_and_other_events()
        => VerifyAsync(
            """
            [DomainEvent]
            public sealed partial record OrderPlaced(OrderId OrderId, IReadOnlyList<LineId> Lines, Money Total, (OrderId, LineId) Pair, string Sku, int Quantity);

            [DomainEvent]
            public sealed partial record OrderReplayed(OrderPlaced Original, IReadOnlyList<OrderPlaced> History);

            public sealed record NotAnEvent(Order Order, OrderLine Line);

            [Aggregate]
            public sealed partial class Cart
            {
                public OrderId Id { get; }
                public Order Last { get; }
            }
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<DomainEventAnalyzer>();
}
