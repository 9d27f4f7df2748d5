using Bloom.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class MakeStateReadOnlyCodeFixTests
{
    private const string Header = """
        #nullable enable
        using System.Collections.Generic;

        [StronglyTypedId] public readonly partial struct OrderId;

        """;

    private static Task VerifyAsync(string members, string fixedMembers)
        => VerifyCodeFixAsync<PublicMutableStateAnalyzer, MakeStateReadOnlyCodeFix>(Usings + Header + InOrder(members), Usings + Header + InOrder(fixedMembers));

    private static string InOrder(string members) => $$"""
        [Aggregate] public sealed partial class Order
        {
            public OrderId Id { get; private set; }
            {{members}}
        }
        """;

    [TestCase("public int {|BLM1003:Count|} { get; set; }", "public int Count { get; private set; }")]
    [TestCase("public int {|BLM1003:Count|} { set; get; }", "public int Count { private set; get; }")]
    [TestCase("public int {|BLM1003:Count|} { get => _count; set => _count = value; } private int _count;", "public int Count { get => _count; private set => _count = value; } private int _count;")]
    [TestCase("public string {|BLM1003:Note|} { get; [System.Obsolete] set; } = \"\";", "public string Note { get; [System.Obsolete] private set; } = \"\";")]
    public Task Makes_a_public_setter_private(string member, string fixedMember)
        => VerifyAsync(member, fixedMember);

    [Test]
    public Task Makes_a_setter_private_keeping_a_multi_line_layout()
        => VerifyAsync(
            """
            public int {|BLM1003:Count|}
                {
                    get;
                    // only the order changes it
                    set;
                }
            """,
            """
            public int Count
                {
                    get;
                    // only the order changes it
                    private set;
                }
            """);

    [TestCase("public int {|BLM1003:Quantity|};", "public readonly int Quantity;")]
    [TestCase("public int {|BLM1003:Quantity|} = 1, {|BLM1003:Reserved|};", "public readonly int Quantity = 1, Reserved;")]
    [TestCase("new public string {|BLM1003:Label|} = \"\";", "new public readonly string Label = \"\";")]
    [TestCase("public /* count */ int {|BLM1003:Quantity|};", "public readonly /* count */ int Quantity;")]
    public Task Makes_a_public_field_readonly(string member, string fixedMember)
        => VerifyAsync(member, fixedMember);

    [TestCase(
        "public List<string> {|BLM1003:Tags|} { get; } = new();",
        "public IReadOnlyList<string> Tags { get; } = new List<string>();")]
    [TestCase(
        "public List<string> {|BLM1003:Tags|} { get; } = new() { \"a\" };",
        "public IReadOnlyList<string> Tags { get; } = new List<string>() { \"a\" };")]
    [TestCase(
        "public List<string> {|BLM1003:Tags|} { get; private set; } = [];",
        "public IReadOnlyList<string> Tags { get; private set; } = [];")]
    [TestCase(
        "public string[] {|BLM1003:Codes|} => _codes; private readonly string[] _codes = [];",
        "public IReadOnlyList<string> Codes => _codes; private readonly string[] _codes = [];")]
    [TestCase(
        "public IList<string?> {|BLM1003:Notes|} { get { return _notes; } } private readonly List<string?> _notes = new();",
        "public IReadOnlyList<string?> Notes { get { return _notes; } } private readonly List<string?> _notes = new();")]
    [TestCase(
        "public ICollection<int> {|BLM1003:Values|} { get; } = new HashSet<int>();",
        "public IReadOnlyCollection<int> Values { get; } = new HashSet<int>();")]
    [TestCase(
        "public Dictionary<string, int> {|BLM1003:Totals|} { get; } = new();",
        "public IReadOnlyDictionary<string, int> Totals { get; } = new Dictionary<string, int>();")]
    [TestCase(
        "public IDictionary<string, List<int>> {|BLM1003:Groups|} => _groups; private readonly Dictionary<string, List<int>> _groups = new();",
        "public IReadOnlyDictionary<string, List<int>> Groups => _groups; private readonly Dictionary<string, List<int>> _groups = new();")]
    [TestCase(
        "public HashSet<int> {|BLM1003:Ids|} { get; } = new HashSet<int>();",
        "public IReadOnlySet<int> Ids { get; } = new HashSet<int>();")]
    [TestCase(
        "public List<string>? {|BLM1003:Maybe|} { get; private set; }",
        "public IReadOnlyList<string>? Maybe { get; private set; }")]
    public Task Exposes_a_collection_property_through_its_read_only_interface(string member, string fixedMember)
        => VerifyAsync(member, fixedMember);

    [Test]
    public async Task Fixes_both_problems_of_a_settable_collection()
    {
        // Two diagnostics with two different fixes: Fix All applies one kind per pass.
        var test = new CSharpCodeFixTest<PublicMutableStateAnalyzer, MakeStateReadOnlyCodeFix, DefaultVerifier>
        {
            TestCode = Usings + Header + InOrder("public List<string> {|BLM1003:{|BLM1003:Tags|}|} { get; set; } = new();"),
            FixedCode = Usings + Header + InOrder("public IReadOnlyList<string> Tags { get; private set; } = new List<string>();"),
            NumberOfFixAllIterations = 2,
            NumberOfFixAllInDocumentIterations = 2,
        };
        UseOfflineReferences(test);
        await test.RunAsync();
    }

    [Test]
    public Task Qualifies_the_read_only_interface_when_its_namespace_is_not_imported()
        => VerifyCodeFixAsync<PublicMutableStateAnalyzer, MakeStateReadOnlyCodeFix>(
            Usings + "[Entity] public sealed partial class Line { public System.Collections.Generic.List<int> {|BLM1003:Slots|} { get; } = new(); }",
            Usings + "[Entity] public sealed partial class Line { public System.Collections.Generic.IReadOnlyList<int> Slots { get; } = new System.Collections.Generic.List<int>(); }");

    [TestCase("public IList<string> {|BLM1003:Notes|} => _notes; private readonly IList<string> _notes = new List<string>();")]
    [TestCase("public ISet<int> {|BLM1003:Ids|} => _ids; private readonly ISet<int> _ids = new HashSet<int>();")]
    [TestCase("public HashSet<int> {|BLM1003:Ids|} { get; } = [];")]
    [TestCase("public System.Collections.ArrayList {|BLM1003:Legacy|} { get; } = new();")]
    [TestCase("public readonly List<int> {|BLM1003:Slots|} = new();")]
    [TestCase("public volatile int {|BLM1003:Flag|};")]
    public Task Offers_no_fix_when_the_result_would_not_compile_or_there_is_no_read_only_counterpart(string member)
        => VerifyAsync(member, member);
}
