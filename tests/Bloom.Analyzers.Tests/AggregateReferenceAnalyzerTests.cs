using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class AggregateReferenceAnalyzerTests
{
    // Two aggregates with strongly typed ids, and an entity. The holder under test is always 'Order'.
    private const string Model = """
        using System.Collections.Generic;

        [StronglyTypedId] public readonly partial struct CustomerId;
        [StronglyTypedId] public readonly partial struct ProductId;
        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId] public readonly partial struct OrderLineId;

        [Aggregate] public sealed partial class Customer { public CustomerId Id { get; private set; } }
        [Aggregate] public sealed partial class Product { public ProductId Id { get; private set; } }
        [Entity] public sealed partial class OrderLine { public OrderLineId Id { get; private set; } }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<AggregateReferenceAnalyzer>(Usings + Model + source, expected);

    private static DiagnosticResult Blm1001(int location, string member, string held = "Customer", string id = "CustomerId", string holder = "Order")
        => Diagnostic<AggregateReferenceAnalyzer>("BLM1001").WithLocation(location).WithArguments(holder, held, member, id);

    [Test]
    public Task Reports_a_field_on_its_type()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Order
            {
                private readonly {|#0:Customer|} _customer = new();
                public OrderId Id { get; private set; }
            }
            """,
            Blm1001(0, "_customer"));

    [Test]
    public Task Reports_a_property_on_its_type()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Order
            {
                public OrderId Id { get; private set; }
                public {|#0:Customer|} Buyer { get; private set; } = new();
            }
            """,
            Blm1001(0, "Buyer"));

    [TestCase("List<Customer>")]
    [TestCase("Customer[]")]
    [TestCase("Customer[][]")]
    [TestCase("IReadOnlyList<Customer>")]
    [TestCase("IEnumerable<Customer>")]
    [TestCase("HashSet<Customer>")]
    [TestCase("Dictionary<string, Customer>")]
    [TestCase("IReadOnlyDictionary<Customer, int>")]
    [TestCase("Dictionary<string, List<Customer>>")]
    [TestCase("(Customer Buyer, int Quantity)")]
    [TestCase("List<(string Note, Customer Buyer)>")]
    [TestCase("Customer?")]
    [TestCase("Lazy<Customer>")]
    [TestCase("global::Customer")]
    public Task Reports_collections_tuples_and_nullable(string type)
        => VerifyAsync(
            $$"""
            #nullable enable
            [Aggregate] public sealed partial class Order
            {
                public OrderId Id { get; private set; }
                private {|#0:{{type}}|} _held = default!;
            }
            """,
            Blm1001(0, "_held"));

    [Test]
    public Task Reports_each_aggregate_of_a_tuple()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Order
            {
                public OrderId Id { get; private set; }
                private {|#0:(Customer Buyer, Product Item)|} _pair;
            }
            """,
            Blm1001(0, "_pair"),
            Blm1001(0, "_pair", "Product", "ProductId"));

    [Test]
    public Task Reports_each_field_of_a_declaration_with_several_variables()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Order
            {
                public OrderId Id { get; private set; }
                private {|#0:Customer|} _buyer = new(), _payer = new();
            }
            """,
            Blm1001(0, "_buyer"),
            Blm1001(0, "_payer"));

    [Test]
    public Task Reports_a_positional_record_property()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial record Order(OrderId Id, {|#0:Customer|} Buyer);
            """,
            Blm1001(0, "Buyer"));

    [Test]
    public Task Reports_a_type_in_another_namespace_by_its_display_name()
        => VerifyAsync(
            """
            namespace Crm
            {
                [Aggregate] public sealed partial class Account { public CustomerId Id { get; private set; } }
            }

            [Aggregate] public sealed partial class Order
            {
                public OrderId Id { get; private set; }
                private {|#0:Crm.Account|} _account = new();
            }
            """,
            Blm1001(0, "_account", "Account", "CustomerId"));

    [Test]
    public Task Reports_a_raw_id_type_and_an_aggregate_without_id()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Invoice { public Guid Id { get; private set; } }
            [Aggregate] public sealed partial class Draft { }

            [Aggregate] public sealed partial class Order
            {
                public OrderId Id { get; private set; }
                private {|#0:Invoice|} _invoice = new();
                private {|#1:List<Draft>|} _drafts = new();
            }
            """,
            Blm1001(0, "_invoice", "Invoice", "Guid"),
            Blm1001(1, "_drafts", "Draft", "a strongly typed id"));

    [Test]
    public Task Reports_in_a_derived_aggregate_and_for_a_derived_aggregate()
        => VerifyAsync(
            """
            [Aggregate] public partial class Account { public CustomerId Id { get; protected set; } }
            public sealed partial class PremiumAccount : Account { }

            public partial class SpecialOrder : Order
            {
                private {|#0:PremiumAccount|} _account = new();
            }

            [Aggregate] public partial class Order
            {
                public OrderId Id { get; private set; }
            }
            """,
            Blm1001(0, "_account", "PremiumAccount", "CustomerId", holder: "SpecialOrder"));

    [Test]
    public Task Ignores_ids_entities_values_and_read_only_views_of_them()
        => VerifyAsync(
            """
            [ValueObject] public sealed partial record Money(decimal Amount, string Currency);

            [Aggregate] public sealed partial class Order
            {
                private readonly List<OrderLine> _lines = new();
                private readonly Dictionary<ProductId, int> _quantities = new();

                public OrderId Id { get; private set; }
                public CustomerId Buyer { get; private set; }
                public CustomerId? Payer { get; private set; }
                public IReadOnlyList<ProductId> Products { get; private set; } = [];
                public (ProductId Product, int Quantity) Top { get; private set; }
                public IReadOnlyList<OrderLine> Lines => _lines;
                public Money Total { get; private set; } = new(0, "EUR");
            }
            """);

    [Test]
    public Task Ignores_parameters_locals_static_members_and_delegates()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Order
            {
                private static readonly Customer Template = new();
                private readonly Func<CustomerId, Customer> _load;

                public Order(Func<CustomerId, Customer> load) => _load = load;

                public OrderId Id { get; private set; }

                public void AssignTo(Customer customer)
                {
                    Customer local = customer;
                    _ = local.Id;
                }
            }
            """);

    [Test]
    public Task Ignores_a_reference_to_its_own_type()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Order
            {
                public OrderId Id { get; private set; }
                public Order? Parent { get; private set; }
                private readonly List<Order> _children = new();
            }
            """);

    [Test]
    public Task Ignores_types_that_are_not_aggregates()
        => VerifyAsync(
            """
            public sealed class OrderService
            {
                private readonly List<Customer> _customers = new();
                public Customer? Current { get; set; }
            }

            [Entity] public sealed partial class Shipment
            {
                public OrderLineId Id { get; private set; }
            }
            """);

    [Test]
    public Task Ignores_generated_code()
        => BoundaryTestHelpers.VerifySourcesAsync<AggregateReferenceAnalyzer>(
        [
            ("Model.cs", Usings + Model),
            ("Order.cs", Usings + "[Aggregate] public sealed partial class Order { public OrderId Id { get; private set; } }"),
            ("Order.g.cs", "// <auto-generated/>\npartial class Order { private global::Customer _generated; }"),
        ]);

    [Test]
    public Task Reports_nothing_on_the_sample_domain()
        => BoundaryTestHelpers.VerifySampleDomainIsCleanAsync<AggregateReferenceAnalyzer>();
}
