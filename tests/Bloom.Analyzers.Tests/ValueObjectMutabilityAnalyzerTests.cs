using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class ValueObjectMutabilityAnalyzerTests
{
    private const string Collections = "using System.Collections.Generic;\nusing System.Collections.Immutable;\n";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<ValueObjectMutabilityAnalyzer>(Usings + Collections + source, expected);

    private static DiagnosticResult Blm2001(int location, string type, string member, string what, string advice)
        => Diagnostic<ValueObjectMutabilityAnalyzer>("BLM2001").WithLocation(location).WithArguments(type, member, what, advice);

    [TestCase("")]
    [TestCase("private")]
    [TestCase("internal")]
    public Task Reports_a_setter_of_any_accessibility(string accessibility)
        => VerifyAsync(
            $$"""
            [ValueObject]
            public sealed partial class Money
            {
                public decimal {|#0:Amount|} { get; {{accessibility}} set; }
            }
            """,
            Blm2001(0, "Money", "Amount", "it has a set accessor", "use 'init' instead of 'set'"));

    [Test]
    public Task Reports_a_public_setter_on_a_struct_and_an_explicit_setter()
        => VerifyAsync(
            """
            [ValueObject]
            public partial struct Point
            {
                public int {|#0:X|} { get; set; }

                public int {|#1:Y|} { get => 0; set => _ = value; }
            }
            """,
            Blm2001(0, "Point", "X", "it has a set accessor", "use 'init' instead of 'set'"),
            Blm2001(1, "Point", "Y", "it has a set accessor", "use 'init' instead of 'set'"));

    [Test]
    public Task Advises_removing_the_setter_when_the_value_object_validates()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Percentage
            {
                public decimal {|#0:Value|} { get; set; }

                private static void Validate(ref ValidationErrors errors, decimal value) => errors.Ensure(value is >= 0 and <= 100, nameof(Value), "must be between 0 and 100");
            }
            """,
            Blm2001(0, "Percentage", "Value", "it has a set accessor", "remove the setter ('init' would let 'with' and object initializers skip Validate)"));

    [Test]
    public Task Reports_fields_that_are_not_readonly_whatever_their_accessibility()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Range
            {
                public int {|#0:From|};
                private int {|#1:_to|}, {|#2:_step|};
                internal volatile bool {|#3:Flag|};
            }
            """,
            Blm2001(0, "Range", "From", "a field that is not readonly", "make the field readonly"),
            Blm2001(1, "Range", "_to", "a field that is not readonly", "make the field readonly"),
            Blm2001(2, "Range", "_step", "a field that is not readonly", "make the field readonly"),
            Blm2001(3, "Range", "Flag", "a field that is not readonly", "make the field readonly"));

    [TestCase("List<string>", "IReadOnlyList<string>")]
    [TestCase("IList<string>", "IReadOnlyList<string>")]
    [TestCase("string[]", "IReadOnlyList<string>")]
    [TestCase("ICollection<string>", "IReadOnlyCollection<string>")]
    [TestCase("HashSet<string>", "IReadOnlySet<string>")]
    [TestCase("ISet<string>", "IReadOnlySet<string>")]
    [TestCase("Dictionary<string, int>", "IReadOnlyDictionary<string, int>")]
    [TestCase("IDictionary<string, int>", "IReadOnlyDictionary<string, int>")]
    [TestCase("List<string>?", "IReadOnlyList<string>")]
    public Task Reports_a_public_property_of_a_mutable_collection_type(string type, string readOnly)
        => VerifyAsync(
            $$"""
            #nullable enable
            [ValueObject]
            public sealed partial class Tags
            {
                public {{type}} {|#0:Items|} { get; }
            }
            """,
            Blm2001(0, "Tags", "Items", $"its type {type} is a mutable collection", $"expose it as {readOnly}"));

    [Test]
    public Task Gives_general_advice_for_a_collection_without_a_matching_read_only_interface()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Legacy
            {
                public System.Collections.ArrayList {|#0:Items|} { get; }
                public int[,] {|#1:Grid|} { get; }
            }
            """,
            Blm2001(0, "Legacy", "Items", "its type ArrayList is a mutable collection", "expose it through a read-only interface such as IReadOnlyList<T>"),
            Blm2001(1, "Legacy", "Grid", "its type int[*,*] is a mutable collection", "expose it through a read-only interface such as IReadOnlyList<T>"));

    [Test]
    public Task Reports_a_public_mutable_field_twice_once_per_problem()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Tags
            {
                public List<string> {|#0:Items|} = new();
            }
            """,
            Blm2001(0, "Tags", "Items", "a field that is not readonly", "make the field readonly"),
            Blm2001(0, "Tags", "Items", "its type List<string> is a mutable collection", "expose it as IReadOnlyList<string>"));

    [Test]
    public Task Reports_every_positional_parameter_of_a_record_struct_that_is_not_readonly()
        => VerifyAsync(
            """
            [ValueObject]
            public partial record struct Size(int {|#0:Width|}, int {|#1:Height|});
            """,
            Blm2001(0, "Size", "Width", "a record struct that is not readonly gives it a set accessor", "declare it 'readonly record struct'"),
            Blm2001(1, "Size", "Height", "a record struct that is not readonly gives it a set accessor", "declare it 'readonly record struct'"));

    [Test]
    public Task Reports_a_positional_parameter_of_a_mutable_collection_type()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial record Route(string Name, List<string> {|#0:Stops|});
            """,
            Blm2001(0, "Route", "Stops", "its type List<string> is a mutable collection", "expose it as IReadOnlyList<string>"));

    [Test]
    public Task Reports_a_hand_declared_positional_property_with_a_setter_on_the_property()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial record Email(string Address)
            {
                public string {|#0:Address|} { get; set; } = Address;
            }
            """,
            Blm2001(0, "Email", "Address", "it has a set accessor", "use 'init' instead of 'set'"));

    [Test]
    public Task Reports_an_indexer_setter_on_this()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Row
            {
                private readonly int[] _cells = new int[3];

                public int {|#0:this|}[int index] { get => _cells[index]; set => _cells[index] = value; }
            }
            """,
            Blm2001(0, "Row", "this[]", "it has a set accessor", "use 'init' instead of 'set'"));

    [Test]
    public Task Names_a_nested_value_object_with_its_container()
        => VerifyAsync(
            """
            public static partial class Catalog
            {
                [ValueObject]
                public sealed partial class Price
                {
                    public decimal {|#0:Amount|} { get; set; }
                }
            }
            """,
            Blm2001(0, "Catalog.Price", "Amount", "it has a set accessor", "use 'init' instead of 'set'"));

    [Test]
    public Task No_diagnostic_for_immutable_value_objects()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial record Money(decimal Amount, string Currency)
            {
                public static Money Zero { get; set; } = new(0m, "EUR");
                private static int s_created;
                private const int Precision = 2;
                public string Note { get; init; } = "";
                public string Display => $"{Amount} {Currency}";
            }

            [ValueObject]
            public readonly partial record struct Quantity(int Value, IReadOnlyList<int> Parts);

            [ValueObject]
            public readonly partial struct Point
            {
                private readonly int _x;
                public int X => _x;
                public int Y { get; }
                public int Z { get; init; }
            }

            [ValueObject]
            public sealed partial class Address
            {
                private readonly List<string> _lines = new();
                private List<string> Cache => _lines;
                internal List<string> Internal { get; } = new();
                public IReadOnlyList<string> Lines => _lines;
                public IReadOnlyDictionary<string, int> Codes { get; } = new Dictionary<string, int>();
                public IReadOnlySet<string> Labels { get; } = new HashSet<string>();
                public IEnumerable<string> All => _lines;
                public ImmutableArray<string> Frozen { get; }
                public ImmutableList<string> Frozen2 { get; } = ImmutableList<string>.Empty;
                public string Text { get; }
                public event EventHandler Changed;
            }
            """);

    [Test]
    public Task No_diagnostic_for_types_that_are_not_value_objects()
        => VerifyAsync(
            """
            public sealed class Plain { public int X { get; set; } public List<int> Items = new(); }
            public record struct Size(int Width, int Height);
            [Entity] public sealed partial class Line { public Guid Id { get; set; } public List<int> Items = new(); }
            [StronglyTypedId] public partial struct OrderId { public Guid Value; }
            """);

    [Test]
    public Task Does_not_report_members_inherited_from_a_base_type()
        => VerifyAsync(
            """
            public abstract record Shape { public int Edges { get; set; } }

            [ValueObject]
            public sealed partial record Square(int Side) : Shape;
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<ValueObjectMutabilityAnalyzer>();

    [Test]
    public Task Can_be_suppressed_with_pragma()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Money
            {
            #pragma warning disable BLM2001
                public decimal Amount { get; set; }
            #pragma warning restore BLM2001
            }
            """);
}
