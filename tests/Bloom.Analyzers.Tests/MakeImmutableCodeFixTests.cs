using Bloom.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class MakeImmutableCodeFixTests
{
    private const string Header = "using System.Collections.Generic;\n";

    private static Task VerifyValueObjectAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        => VerifyCodeFixAsync<ValueObjectMutabilityAnalyzer, MakeImmutableCodeFix>(Usings + Header + source, Usings + Header + fixedSource, expected);

    private static Task VerifyEventAsync(string source, string fixedSource)
        => VerifyCodeFixAsync<DomainEventAnalyzer, MakeImmutableCodeFix>(Usings + Header + source, Usings + Header + fixedSource);

    [Test]
    public Task Replaces_set_with_init_keeping_its_accessibility()
        => VerifyValueObjectAsync(
            """
            [ValueObject]
            public sealed partial class Money
            {
                public decimal {|BLM2001:Amount|} { get; set; }

                public string {|BLM2001:Currency|} { get; private set; } = "EUR";

                public string {|BLM2001:Note|}
                {
                    get => "";
                    set { }
                }
            }
            """,
            """
            [ValueObject]
            public sealed partial class Money
            {
                public decimal Amount { get; init; }

                public string Currency { get; private init; } = "EUR";

                public string Note
                {
                    get => "";
                    init { }
                }
            }
            """);

    [Test]
    public Task Removes_the_setter_of_a_value_object_that_validates()
        => VerifyValueObjectAsync(
            """
            [ValueObject]
            public sealed partial class Percentage
            {
                public decimal {|BLM2001:Value|} { get; set; }

                public string {|BLM2001:Label|}
                {
                    get => "";
                    set { }
                }

                private static void Validate(ref ValidationErrors errors, decimal value, string label) => errors.Ensure(value >= 0, nameof(Value), "must not be negative");
            }
            """,
            """
            [ValueObject]
            public sealed partial class Percentage
            {
                public decimal Value { get; }

                public string Label
                {
                    get => "";
                }

                private static void Validate(ref ValidationErrors errors, decimal value, string label) => errors.Ensure(value >= 0, nameof(Value), "must not be negative");
            }
            """);

    [Test]
    public Task Adds_readonly_to_fields()
        => VerifyValueObjectAsync(
            """
            [ValueObject]
            public partial struct Range
            {
                public int {|BLM2001:From|};
                private int {|BLM2001:_to|}, {|BLM2001:_step|};
                int {|BLM2001:_count|};
                // keeps comments
                internal /* c */ string {|BLM2001:_name|};
            }
            """,
            """
            [ValueObject]
            public partial struct Range
            {
                public readonly int From;
                private readonly int _to, _step;
                readonly int _count;
                // keeps comments
                internal readonly /* c */ string _name;
            }
            """);

    [TestCase("List<string>", "IReadOnlyList<string>")]
    [TestCase("IList<string>", "IReadOnlyList<string>")]
    [TestCase("ICollection<string>", "IReadOnlyCollection<string>")]
    [TestCase("string[]", "IReadOnlyList<string>")]
    [TestCase("int[][]", "IReadOnlyList<int[]>")]
    [TestCase("HashSet<string>", "IReadOnlySet<string>")]
    [TestCase("ISet<string>", "IReadOnlySet<string>")]
    [TestCase("Dictionary<string, List<int>>", "IReadOnlyDictionary<string, List<int>>")]
    [TestCase("IDictionary<string, int>", "IReadOnlyDictionary<string, int>")]
    [TestCase("List<string>?", "IReadOnlyList<string>?")]
    [TestCase("System.Collections.Generic.List<int>", "IReadOnlyList<int>")]
    public Task Changes_a_mutable_collection_type_to_its_read_only_interface(string type, string readOnly)
        => VerifyValueObjectAsync(
            $$"""
            #nullable enable
            [ValueObject]
            public sealed partial class Tags
            {
                public {{type}} {|BLM2001:Items|} { get; } = null!;
            }
            """,
            $$"""
            #nullable enable
            [ValueObject]
            public sealed partial class Tags
            {
                public {{readOnly}} Items { get; } = null!;
            }
            """);

    [Test]
    public Task Writes_the_namespace_when_System_Collections_Generic_is_not_imported()
        => VerifyCodeFixAsync<ValueObjectMutabilityAnalyzer, MakeImmutableCodeFix>(
            Usings + """
            [ValueObject]
            public sealed partial record Route(string Name, System.Collections.Generic.List<string> {|BLM2001:Stops|});
            """,
            Usings + """
            [ValueObject]
            public sealed partial record Route(string Name, System.Collections.Generic.IReadOnlyList<string> Stops);
            """);

    [Test]
    public Task Changes_the_type_of_a_positional_parameter()
        => VerifyValueObjectAsync(
            """
            [ValueObject]
            public sealed partial record Route(string Name, List<string> {|BLM2001:Stops|});
            """,
            """
            [ValueObject]
            public sealed partial record Route(string Name, IReadOnlyList<string> Stops);
            """);

    [Test]
    public async Task Fixes_both_problems_of_a_public_mutable_field()
    {
        var test = new CSharpCodeFixTest<ValueObjectMutabilityAnalyzer, MakeImmutableCodeFix, DefaultVerifier>
        {
            TestCode = Usings + Header + """
                [ValueObject]
                public sealed partial class Tags
                {
                    public List<string> {|#0:Items|} = new();
                }
                """,
            FixedCode = Usings + Header + """
                [ValueObject]
                public sealed partial class Tags
                {
                    public readonly IReadOnlyList<string> Items = new List<string>();
                }
                """,
            // The two edits touch the same declaration, so Fix All needs a second pass for the second one.
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 2,
            NumberOfFixAllInDocumentIterations = 2,
        };
        test.ExpectedDiagnostics.Add(Diagnostic<ValueObjectMutabilityAnalyzer>("BLM2001").WithLocation(0).WithArguments("Tags", "Items", "a field that is not readonly", "make the field readonly"));
        test.ExpectedDiagnostics.Add(Diagnostic<ValueObjectMutabilityAnalyzer>("BLM2001").WithLocation(0).WithArguments("Tags", "Items", "its type List<string> is a mutable collection", "expose it as IReadOnlyList<string>"));
        UseOfflineReferences(test);
        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public Task Spells_out_a_target_typed_new_that_cannot_create_the_interface()
        => VerifyValueObjectAsync(
            """
            [ValueObject]
            public sealed partial class Tags
            {
                public Dictionary<string, int> {|BLM2001:Counts|} { get; } = new() { ["a"] = 1 };
                public List<string> {|BLM2001:Names|} { get; } = new(4);
                public List<string> {|BLM2001:Empty|} { get; } = [];
            }
            """,
            """
            [ValueObject]
            public sealed partial class Tags
            {
                public IReadOnlyDictionary<string, int> Counts { get; } = new Dictionary<string, int>() { ["a"] = 1 };
                public IReadOnlyList<string> Names { get; } = new List<string>(4);
                public IReadOnlyList<string> Empty { get; } = [];
            }
            """);

    [TestCase("public partial record struct", "public readonly partial record struct")]
    [TestCase("partial record struct", "readonly partial record struct")]
    [TestCase("internal partial record struct", "internal readonly partial record struct")]
    public Task Makes_a_record_struct_readonly(string declaration, string fixedDeclaration)
        => VerifyValueObjectAsync(
            $$"""
            [ValueObject]
            {{declaration}} Size(int {|BLM2001:Width|}, int {|BLM2001:Height|});
            """,
            $$"""
            [ValueObject]
            {{fixedDeclaration}} Size(int Width, int Height);
            """);

    [Test]
    public Task Offers_no_fix_when_none_is_mechanical()
    {
        const string Source = """
            [ValueObject]
            public sealed partial class Legacy
            {
                public System.Collections.ArrayList {|BLM2001:Items|} { get; } = new();
                internal volatile bool {|BLM2001:_flag|};
            }
            """;
        return VerifyValueObjectAsync(Source, Source);
    }

    [Test]
    public Task Fixes_domain_events_too()
        => VerifyEventAsync(
            """
            [DomainEvent]
            public sealed partial record OrderPlaced(Guid OrderId, List<string> {|BLM3001:Skus|})
            {
                public string {|BLM3001:Channel|} { get; set; } = "web";
                private int {|BLM3001:_attempt|};
            }
            """,
            """
            [DomainEvent]
            public sealed partial record OrderPlaced(Guid OrderId, IReadOnlyList<string> Skus)
            {
                public string Channel { get; init; } = "web";
                private readonly int _attempt;
            }
            """);

    [Test]
    public async Task Fix_all_fixes_every_document_in_one_pass()
    {
        var test = new CSharpCodeFixTest<ValueObjectMutabilityAnalyzer, MakeImmutableCodeFix, DefaultVerifier>
        {
            TestState =
            {
                Sources =
                {
                    Usings + Header + "[ValueObject] public sealed partial class Money { public decimal {|BLM2001:Amount|} { get; set; } public string {|BLM2001:Currency|} { get; set; } = \"\"; }\n",
                    Usings + Header + "[ValueObject] public sealed partial class Point { public int {|BLM2001:X|} { get; set; } }\n",
                },
            },
            FixedState =
            {
                Sources =
                {
                    Usings + Header + "[ValueObject] public sealed partial class Money { public decimal Amount { get; init; } public string Currency { get; init; } = \"\"; }\n",
                    Usings + Header + "[ValueObject] public sealed partial class Point { public int X { get; init; } }\n",
                },
            },
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        UseOfflineReferences(test);
        await test.RunAsync().ConfigureAwait(false);
    }
}
