using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class EntityMutationAnalyzerTests
{
    // OrderLine is deliberately mutable from outside (public setters, a public field, exposed lists) so that every kind of
    // change compiles; BLM1003 is the rule that reports that shape itself.
    private const string Model = """
        using System.Collections.Generic;
        using System.Linq;

        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId] public readonly partial struct OrderLineId;

        [Entity] public partial class OrderLine
        {
            public OrderLineId Id { get; set; }
            public int Quantity { get; set; }
            public string? Note;
            public List<string> Tags { get; } = new();
            public string[] Codes { get; } = new string[2];
            public Dictionary<string, int> Counts { get; } = new();
            public IReadOnlyList<string> TagView => Tags;
            public static int Created { get; set; }

            public void Increase(int by) => Quantity += by;
            public int Preview(int by) => Quantity + by;
            public void CopyFrom(OrderLine other) { Quantity = other.Quantity; other.Note = Note; other.Tags.Clear(); }
        }

        [Aggregate] public sealed partial class Order
        {
            private readonly List<OrderLine> _lines = new();
            public OrderId Id { get; private set; }
            public IReadOnlyList<OrderLine> Lines => _lines;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<EntityMutationAnalyzer>(Usings + Model + source, expected);

    private static DiagnosticResult Blm1002(int location, string caller = "OrderService", string entity = "OrderLine", string aggregates = "'Order'")
        => Diagnostic<EntityMutationAnalyzer>("BLM1002").WithLocation(location).WithArguments(caller, entity, aggregates);

    private static string InService(string statements) => $$"""
        public sealed class OrderService
        {
            public void Apply(OrderLine line, Order order)
            {
                {{statements}}
            }
        }
        """;

    [TestCase("{|#0:line.Quantity = 5|};")]
    [TestCase("{|#0:line.Quantity += 1|};")]
    [TestCase("{|#0:line.Quantity++|};")]
    [TestCase("{|#0:--line.Quantity|};")]
    [TestCase("{|#0:line.Note = null|};")]
    [TestCase("{|#0:line.Note ??= \"n/a\"|};")]
    [TestCase("{|#0:order.Lines[0].Quantity = 2|};")]
    [TestCase("{|#0:((OrderLine)line).Id = default|};")]
    public Task Reports_assignments_to_entity_state(string statement)
        => VerifyAsync(InService(statement), Blm1002(0));

    [Test]
    public Task Reports_each_target_of_a_deconstruction()
        => VerifyAsync(InService("var other = 0; ({|#0:line.Quantity|}, other, {|#1:line.Note|}) = (1, 2, \"x\");"), Blm1002(0), Blm1002(1));

    [Test]
    public Task Reports_a_call_of_a_void_entity_method()
        => VerifyAsync(InService("{|#0:line.Increase(2)|}; foreach (var l in order.Lines) { {|#1:l.Increase(1)|}; }"), Blm1002(0), Blm1002(1));

    [TestCase("{|#0:line.Tags.Add(\"a\")|};")]
    [TestCase("{|#0:line.Tags.AddRange(new[] { \"a\" })|};")]
    [TestCase("{|#0:line.Tags.Insert(0, \"a\")|};")]
    [TestCase("{|#0:line.Tags.Remove(\"a\")|};")]
    [TestCase("{|#0:line.Tags.RemoveAt(0)|};")]
    [TestCase("{|#0:line.Tags.RemoveAll(t => t.Length == 0)|};")]
    [TestCase("{|#0:line.Tags.Clear()|};")]
    [TestCase("{|#0:line.Tags[0] = \"b\"|};")]
    [TestCase("{|#0:line.Codes[1] = \"c\"|};")]
    [TestCase("{|#0:line.Counts[\"a\"] = 1|};")]
    [TestCase("{|#0:line.Counts.TryAdd(\"a\", 1)|};")]
    [TestCase("{|#0:line.Counts[\"a\"]++|};")]
    [TestCase("{|#0:line?.Tags.Clear()|};")]
    public Task Reports_changes_to_a_collection_the_entity_exposes(string statement)
        => VerifyAsync(InService(statement), Blm1002(0));

    [Test]
    public Task Reports_object_and_with_initializers_outside_aggregates()
        => VerifyAsync(
            """
            [Entity] public sealed partial record Shipment(OrderLineId Id)
            {
                public string Carrier { get; init; } = "";
            }

            public static class Factory
            {
                public static OrderLine Create() => new OrderLine { {|#0:Quantity = 1|}, {|#1:Note = "gift"|}, Tags = { {|#2:"a"|} } };

                public static Shipment Redirect(Shipment shipment) => shipment with { {|#3:Carrier = "DHL"|} };
            }
            """,
            Blm1002(0, "Factory"),
            Blm1002(1, "Factory"),
            Blm1002(2, "Factory"),
            Blm1002(3, "Factory", "Shipment", "its aggregate root"));

    [Test]
    public Task Reports_from_top_level_like_code_lambdas_and_initializers()
        => VerifyAsync(
            """
            public static class Handlers
            {
                public static readonly Action<OrderLine> Reset = line => {|#0:line.Quantity = 0|};

                public sealed class Nested
                {
                    public void Run(OrderLine line) => {|#1:line.Tags.Clear()|};
                }
            }
            """,
            Blm1002(0, "Handlers"),
            Blm1002(1, "Handlers.Nested"));

    [Test]
    public Task Reports_from_another_entity_that_does_not_hold_it()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct NoteId;

            [Entity] public sealed partial class Remark
            {
                public NoteId Id { get; private set; }
                public void Touch(OrderLine line) => {|#0:line.Quantity = 0|};
            }
            """,
            Blm1002(0, "Remark"));

    [Test]
    public Task Names_every_aggregate_that_holds_the_entity_directly_or_through_a_parent_entity()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct InvoiceId;
            [StronglyTypedId] public readonly partial struct ParcelId;
            [StronglyTypedId] public readonly partial struct ShipmentId;

            [Aggregate] public sealed partial class Invoice
            {
                private readonly Dictionary<string, OrderLine[]> _linesByTax = new();
                public InvoiceId Id { get; private set; }
            }

            [Entity] public sealed partial class Parcel { public ParcelId Id { get; private set; } public int Weight { get; set; } }
            [Entity] public sealed partial class Shipment { public ShipmentId Id { get; private set; } private readonly List<Parcel> _parcels = new(); }
            [Aggregate] public sealed partial class Delivery { public OrderId Id { get; private set; } private Shipment? _shipment; }

            [Entity] public sealed partial class Loose { public ParcelId Id { get; private set; } public int Size { get; set; } }

            public static class Tinkerer
            {
                public static void Run(OrderLine line, Parcel parcel, Loose loose)
                {
                    {|#0:line.Quantity = 1|};
                    {|#1:parcel.Weight = 2|};
                    {|#2:loose.Size = 3|};
                }
            }
            """,
            Blm1002(0, "Tinkerer", "OrderLine", "'Invoice' or 'Order'"),
            Blm1002(1, "Tinkerer", "Parcel", "'Delivery'"),
            Blm1002(2, "Tinkerer", "Loose", "its aggregate root"));

    [Test]
    public Task Reports_a_derived_entity_and_names_the_holder_of_its_base()
        => VerifyAsync(
            """
            public sealed partial class GiftLine : OrderLine
            {
                public string Message { get; set; } = "";
            }

            public sealed class Wrapper
            {
                public void Wrap(GiftLine gift)
                {
                    {|#0:gift.Message = "Happy birthday"|};
                    {|#1:gift.Quantity = 1|};
                }
            }
            """,
            Blm1002(0, "Wrapper", "GiftLine"),
            Blm1002(1, "Wrapper", "GiftLine"));

    [Test]
    public Task Ignores_changes_made_inside_any_aggregate()
        => VerifyAsync(
            """
            public sealed partial class Order
            {
                public void Adjust(OrderLine line)
                {
                    line.Quantity = 2;
                    line.Quantity++;
                    line.Note ??= "x";
                    line.Increase(1);
                    line.Tags.Add("adjusted");
                    line.Codes[0] = "a";
                    _lines.Add(new OrderLine { Quantity = 1 });
                    _lines.ForEach(l => l.Increase(1));
                    Local(line);

                    static void Local(OrderLine l) => l.Tags.Clear();
                }

                private sealed class Policy
                {
                    public void Apply(OrderLine line) => line.Quantity = 0;
                }
            }

            [StronglyTypedId] public readonly partial struct InvoiceId;

            [Aggregate] public sealed partial class Invoice
            {
                public InvoiceId Id { get; private set; }
                public void Correct(OrderLine line) => line.Quantity = 0;
            }
            """);

    [Test]
    public Task Ignores_the_entity_changing_itself_or_another_instance_of_its_type()
        => VerifyAsync(
            """
            public partial class OrderLine
            {
                public void Reset() { Quantity = 0; this.Note = null; Tags.Clear(); this.Codes[0] = ""; Increase(0); }
                public static OrderLine Blank() => new OrderLine { Quantity = 0 };
            }

            public sealed partial class GiftLine : OrderLine
            {
                public void Gift(OrderLine other) => other.Quantity = 1;
            }
            """);

    [Test]
    public Task Ignores_a_parent_entity_changing_a_child_entity_it_holds()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct ParcelId;
            [StronglyTypedId] public readonly partial struct ShipmentId;

            [Entity] public sealed partial class Parcel { public ParcelId Id { get; private set; } public int Weight { get; set; } }

            [Entity] public sealed partial class Shipment
            {
                private readonly List<Parcel> _parcels = new();
                public ShipmentId Id { get; private set; }
                public void Lighten() { foreach (var parcel in _parcels) { parcel.Weight--; } }
            }
            """);

    [Test]
    public Task Ignores_reads_queries_copies_and_read_only_views()
        => VerifyAsync(
            InService(
                """
                var quantity = line.Quantity + line.Preview(2);
                var tags = line.Tags.Where(t => t.Length > 0).ToList();
                tags.Add("copy");
                var has = line.Tags.Contains("a") && line.TagView.Count > 0;
                var codes = line.Codes.ToArray();
                codes[0] = "copy";
                var other = new OrderLine();
                other = line;
                line.Tags.ForEach(t => Console.WriteLine(t));
                OrderLine.Created++;
                """));

    [Test]
    public Task Ignores_aggregates_and_plain_classes()
        => VerifyAsync(
            """
            public sealed class Dto { public int Quantity { get; set; } public List<int> Items { get; } = new(); }

            [StronglyTypedId] public readonly partial struct CartId;
            [Aggregate] public sealed partial class Cart { public CartId Id { get; set; } public List<string> Items { get; } = new(); }

            public static class Service
            {
                public static void Run(Dto dto, Cart cart)
                {
                    dto.Quantity = 1;
                    dto.Items.Add(1);
                    cart.Id = default;
                    cart.Items.Clear();
                }
            }
            """);

    [Test]
    public Task Ignores_generated_code()
        => BoundaryTestHelpers.VerifySourcesAsync<EntityMutationAnalyzer>(
        [
            ("Model.cs", Usings + Model),
            ("Mapper.g.cs", "// <auto-generated/>\npublic static class Mapper { public static void Map(OrderLine line) { line.Quantity = 1; line.Tags.Clear(); } }"),
        ]);

    [Test]
    public Task Reports_nothing_on_the_sample_domain()
        => BoundaryTestHelpers.VerifySampleDomainIsCleanAsync<EntityMutationAnalyzer>();
}
