using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class MissingIdentityTests
{
    private const string Ids = "[StronglyTypedId] public readonly partial struct OrderId;\n[StronglyTypedId] public readonly partial struct LineId;\n\n";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<IdentityAnalyzer>(Usings + Ids + source, expected);

    private static DiagnosticResult Blm1006(int location, string type, string attribute)
        => Diagnostic<IdentityAnalyzer>("BLM1006").WithLocation(location).WithArguments(type, attribute);

    [Test]
    public Task Reports_an_aggregate_and_an_entity_without_Id()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class {|#0:Order|}
            {
                public OrderId Number { get; }
            }

            [Entity]
            public sealed partial class {|#1:OrderLine|} { }
            """,
            Blm1006(0, "Order", "Aggregate"),
            Blm1006(1, "OrderLine", "Entity"));

    [Test]
    public Task Does_not_count_fields_static_properties_methods_or_other_casings()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class {|#0:A|} { public OrderId Id; }

            [Aggregate]
            public sealed partial class {|#1:B|} { public static OrderId Id { get; } }

            [Aggregate]
            public sealed partial class {|#2:C|} { public OrderId ID { get; } public OrderId GetId() => default; }
            """,
            Blm1006(0, "A", "Aggregate"),
            Blm1006(1, "B", "Aggregate"),
            Blm1006(2, "C", "Aggregate"));

    [Test]
    public Task Reports_on_the_declaration_that_carries_the_attribute()
        => VerifyAsync(
            """
            public sealed partial class Order { public string Name { get; } = ""; }

            [Aggregate]
            public sealed partial class {|#0:Order|} { }
            """,
            Blm1006(0, "Order", "Aggregate"));

    [Test]
    public Task Names_a_nested_type_with_its_container()
        => VerifyAsync(
            """
            public static partial class Sales
            {
                [Entity]
                public sealed partial class {|#0:Line|} { }
            }
            """,
            Blm1006(0, "Sales.Line", "Entity"));

    [Test]
    public Task No_diagnostic_when_the_Id_is_declared_inherited_or_positional()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class Order { public OrderId Id { get; private set; } }

            public abstract class EntityBase<TId> { public TId Id { get; protected set; } = default!; }

            [Entity]
            public sealed partial class OrderLine : EntityBase<LineId> { }

            [Aggregate]
            public sealed partial record Invoice(OrderId Id, decimal Total);

            [Aggregate]
            public partial class Base { public OrderId Id { get; } }

            public sealed class Derived : Base { }

            [ValueObject]
            public sealed partial record Money(decimal Amount);

            [DomainEvent]
            public sealed partial record OrderPlaced(OrderId OrderId);

            public sealed class Plain { }
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<IdentityAnalyzer>();
}
