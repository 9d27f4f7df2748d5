using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class DuplicateEventNameAnalyzerTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<DuplicateEventNameAnalyzer>(Usings + source, expected);

    private static DiagnosticResult Blm3003(int location, string type, string name, string other)
        => Diagnostic<DuplicateEventNameAnalyzer>("BLM3003").WithLocation(location).WithArguments(type, name, other);

    [Test]
    public Task Default_names_collide_across_namespaces()
        => VerifyAsync(
            """
            namespace Sales { [DomainEvent] public sealed partial record {|#0:OrderPlaced|}(int Id); }
            namespace Billing { [DomainEvent] public sealed partial record OrderPlaced(int Id); }
            """,
            Blm3003(0, "Sales.OrderPlaced", "OrderPlaced", "Billing.OrderPlaced"));

    [Test]
    public Task An_explicit_name_collides_with_a_default_name()
        => VerifyAsync(
            """
            namespace Shop
            {
                [DomainEvent(Name = "OrderPlaced")] public sealed partial record LegacyPlaced(int Id);
                [DomainEvent] public sealed partial record {|#0:OrderPlaced|}(int Id);
            }
            """,
            Blm3003(0, "Shop.OrderPlaced", "OrderPlaced", "Shop.LegacyPlaced"));

    [Test]
    public Task Three_events_with_one_name_report_all_but_the_first()
        => VerifyAsync(
            """
            namespace Shop
            {
                [DomainEvent(Name = "x")] public sealed partial record A(int Id);
                [DomainEvent(Name = "x")] public sealed partial record {|#0:B|}(int Id);
                [DomainEvent(Name = "x")] public sealed partial class {|#1:C|} { }
            }
            """,
            Blm3003(0, "Shop.B", "x", "Shop.A"),
            Blm3003(1, "Shop.C", "x", "Shop.A"));

    [Test]
    public Task Nested_default_names_include_the_containing_type()
        => VerifyAsync(
            """
            namespace Shop
            {
                public partial class Orders { [DomainEvent] public sealed partial record Placed(int Id); }
                public partial class Invoices { [DomainEvent] public sealed partial record Placed(int Id); }
                [DomainEvent(Name = "Orders.Placed")] public sealed partial record {|#0:Renamed|}(int Id);
            }
            """,
            Blm3003(0, "Shop.Renamed", "Orders.Placed", "Shop.Orders.Placed"));

    [Test]
    public Task Unique_names_and_non_events_are_fine()
        => VerifyAsync(
            """
            namespace Sales { [DomainEvent(Name = "sales.order-placed")] public sealed partial record OrderPlaced(int Id); }
            namespace Billing
            {
                [DomainEvent(Name = "billing.order-placed")] public sealed partial record OrderPlaced(int Id);
                public sealed record OrderShipped(int Id);
                public sealed record OrderShippedAgain(int Id);
            }
            """);

    [Test]
    public Task A_same_named_attribute_from_another_namespace_is_ignored()
        => VerifyAsync(
            """
            namespace Other { [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class DomainEventAttribute : System.Attribute { } }
            namespace Shop
            {
                [Other.DomainEvent] public sealed record OrderPlaced(int Id);
                [DomainEvent] public sealed partial record Placed(int Id);
            }
            namespace Shop2 { [Other.DomainEvent] public sealed record OrderPlaced(int Id); }
            """);
}
