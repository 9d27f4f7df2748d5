using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class PublicMutableStateAnalyzerTests
{
    private const string Model = """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;

        [StronglyTypedId] public readonly partial struct OrderId;

        """;

    private const string Setter = "a public setter";
    private const string Field = "a public field that is not readonly";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<PublicMutableStateAnalyzer>(Usings + Model + source, expected);

    private static DiagnosticResult Blm1003(int location, string member, string reason, string type = "Order")
        => Diagnostic<PublicMutableStateAnalyzer>("BLM1003").WithLocation(location).WithArguments(type, member, reason);

    private static string Collection(string type) => $"a public mutable collection of type '{type}'";

    private static string InOrder(string members) => $$"""
        [Aggregate] public sealed partial class Order
        {
            public OrderId Id { get; private set; }
            {{members}}
        }
        """;

    [Test]
    public Task Reports_a_public_setter_on_the_property_name()
        => VerifyAsync(InOrder("public string {|#0:Status|} { get; set; } = \"\";"), Blm1003(0, "Status", Setter));

    [Test]
    public Task Reports_a_public_setter_with_a_body_and_an_indexer_setter()
        => VerifyAsync(
            InOrder(
                """
                private readonly int[] _slots = new int[4];
                private int _count;
                public int {|#0:Count|} { get => _count; set => _count = value; }
                public int {|#1:this|}[int index] { get => _slots[index]; set => _slots[index] = value; }
                """),
            Blm1003(0, "Count", Setter),
            Blm1003(1, "this[]", Setter));

    [Test]
    public Task Reports_a_public_field_that_is_not_readonly()
        => VerifyAsync(InOrder("public int {|#0:Quantity|}, {|#1:Reserved|};"), Blm1003(0, "Quantity", Field), Blm1003(1, "Reserved", Field));

    [TestCase("List<string>", "List<string>")]
    [TestCase("string[]", "string[]")]
    [TestCase("IList<int>", "IList<int>")]
    [TestCase("ICollection<int>", "ICollection<int>")]
    [TestCase("Dictionary<string, int>", "Dictionary<string, int>")]
    [TestCase("IDictionary<string, int>", "IDictionary<string, int>")]
    [TestCase("HashSet<int>", "HashSet<int>")]
    [TestCase("ISet<int>", "ISet<int>")]
    [TestCase("Collection<int>", "Collection<int>")]
    [TestCase("System.Collections.ArrayList", "ArrayList")]
    public Task Reports_a_property_of_a_mutable_collection_type(string type, string display)
        => VerifyAsync(InOrder($"public {type} {{|#0:Items|}} => throw new NotSupportedException();"), Blm1003(0, "Items", Collection(display)));

    [Test]
    public Task Reports_a_public_readonly_field_of_a_mutable_collection_type()
        => VerifyAsync(InOrder("public readonly List<string> {|#0:Tags|} = new();"), Blm1003(0, "Tags", Collection("List<string>")));

    [Test]
    public Task Reports_both_problems_of_a_settable_collection()
        => VerifyAsync(
            InOrder(
                """
                public List<string> {|#0:Tags|} { get; set; } = new();
                public int[] {|#1:Slots|} = new int[2];
                """),
            Blm1003(0, "Tags", Setter),
            Blm1003(0, "Tags", Collection("List<string>")),
            Blm1003(1, "Slots", Field),
            Blm1003(1, "Slots", Collection("int[]")));

    [Test]
    public Task Reports_entities_and_derived_types()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct LineId;

            [Entity] public partial class OrderLine
            {
                public LineId Id { get; private set; }
                public int {|#0:Quantity|} { get; set; }
            }

            public sealed partial class GiftLine : OrderLine
            {
                public string {|#1:Message|} = "";
            }

            namespace Shop
            {
                public static partial class Sales
                {
                    [Entity] public sealed partial class Note { public LineId Id { get; private set; } public string {|#2:Text|} { get; set; } = ""; }
                }
            }
            """,
            Blm1003(0, "Quantity", Setter, "OrderLine"),
            Blm1003(1, "Message", Field, "GiftLine"),
            Blm1003(2, "Text", Setter, "Sales.Note"));

    [Test]
    public Task Reports_a_positional_record_property_of_a_mutable_collection_type()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct LineId;
            [Entity] public sealed partial record Line(LineId Id, List<string> {|#0:Tags|});
            """,
            Blm1003(0, "Tags", Collection("List<string>"), "Line"));

    [Test]
    public Task Ignores_positional_record_properties_which_are_init_only()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct LineId;
            [Entity] public sealed partial record Line(LineId Id, int Quantity);
            """);

    [Test]
    public Task Ignores_private_protected_internal_and_init_setters()
        => VerifyAsync(
            InOrder(
                """
                public string Status { get; private set; } = "";
                public string Note { get; protected set; } = "";
                public string Code { get; internal set; } = "";
                public string Label { get; init; } = "";
                public string Comment { get; private protected set; } = "";
                """).Replace("sealed ", string.Empty));

    [Test]
    public Task Ignores_read_only_views_and_immutable_collections()
        => VerifyAsync(
            InOrder(
                """
                private readonly List<string> _tags = new();
                private readonly Dictionary<string, int> _totals = new();
                public IReadOnlyList<string> Tags => _tags;
                public IReadOnlyCollection<string> TagSet => _tags;
                public IEnumerable<string> AllTags => _tags;
                public IReadOnlyDictionary<string, int> Totals => _totals;
                public ReadOnlyCollection<string> TagView => _tags.AsReadOnly();
                public ImmutableArray<string> Frozen { get; private set; } = ImmutableArray<string>.Empty;
                public ImmutableList<string> Snapshot { get; private set; } = ImmutableList<string>.Empty;
                public string Name { get; private set; } = "";
                """));

    [Test]
    public Task Ignores_private_state_static_members_constants_and_readonly_fields()
        => VerifyAsync(
            InOrder(
                """
                private List<string> _tags = new();
                private int _count;
                internal int Counter;
                public const int Max = 10;
                public static int Created;
                public static List<string> Log { get; set; } = new();
                public readonly string Code = "";
                public readonly int Version;
                public void Tag(string tag) { _tags.Add(tag); _count++; }
                """));

    [Test]
    public Task Ignores_types_that_are_not_aggregates_or_entities()
        => VerifyAsync(
            """
            public sealed class OrderDto
            {
                public int Quantity { get; set; }
                public List<string> Tags { get; set; } = new();
                public int Count;
            }

            [ValueObject] public sealed partial class Settings { public int Level { get; set; } }
            [DomainEvent] public sealed partial class Shipped { public List<string> Parcels { get; set; } = new(); }
            """);

    [Test]
    public Task Ignores_members_whose_shape_is_dictated_by_an_interface_or_a_base_class()
        => VerifyAsync(
            """
            public interface IHasNote { string Note { get; set; } List<string> Tags { get; } }
            public abstract class Base { public abstract int Priority { get; set; } }

            [Aggregate] public sealed partial class Order : Base, IHasNote
            {
                public OrderId Id { get; private set; }
                public string Note { get; set; } = "";
                public List<string> Tags { get; } = new();
                public override int Priority { get; set; }
            }
            """);

    [Test]
    public Task Ignores_generated_members_and_generated_files()
        => BoundaryTestHelpers.VerifySourcesAsync<PublicMutableStateAnalyzer>(
        [
            ("Order.cs", Usings + Model + InOrder("[System.CodeDom.Compiler.GeneratedCode(\"Bloom.Generators\", \"1.0\")] public int Generated { get; set; }")),
            ("Order.g.cs", "// <auto-generated/>\npartial class Order { public int Version; public System.Collections.Generic.List<string> Pending { get; set; } = new(); }"),
        ]);

    [Test]
    public Task Reports_nothing_on_the_sample_domain()
        => BoundaryTestHelpers.VerifySampleDomainIsCleanAsync<PublicMutableStateAnalyzer>();
}
