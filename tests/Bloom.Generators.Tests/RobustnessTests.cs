using Bloom.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bloom.Generators.Tests;

/// <summary>
/// RELIABILITY.md T10 (PR size): the generators never throw, on any input — half-typed code included — and their output is
/// deterministic. Feeds at least 500 mutated inputs: truncated at every k-th character (typing), dropped tokens, duplicated
/// attributes, missing <c>partial</c>, odd targets (nested, generic, record struct, global namespace, file-local).
/// </summary>
public sealed class RobustnessTests
{
    private const int Seed = 20261126;

    private static readonly string[] Bases =
    [
        """
        using System.Collections.Generic;
        using Bloom;
        namespace Shop;
        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId(IdBacking.Long)] public readonly partial struct CustomerId;
        [ValueObject]
        public sealed partial record Money(decimal Amount, string Currency)
        {
            private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
            {
                errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
            }
        }
        [ValueObject] public sealed partial class Address { public IReadOnlyList<string> Lines { get; } public string Country { get; } }
        [DomainEvent(Name = "placed")] public sealed partial record OrderPlaced(OrderId OrderId, Money Total, List<string> Tags);
        [Entity] public sealed partial class Line { public OrderId Id { get; private set; } }
        [Aggregate]
        public sealed partial class Order
        {
            private readonly List<Line> _lines = [];
            public OrderId Id { get; private set; }
            public static Order Place() { var o = new Order { Id = OrderId.New() }; o.Raise(new OrderPlaced(o.Id, new Money(1, "EUR"), [])); return o; }
        }
        """,
        """
        using Bloom;
        [ValueObject] public readonly partial record struct Percent(decimal Value);
        [ValueObject] public partial struct Point { public int X { get; } public int Y { get; } }
        public partial class Outer
        {
            [ValueObject] public sealed partial record Inner(int A, int[] B);
            [DomainEvent] public sealed partial record Happened(int A);
        }
        public partial class Generic<T>
        {
            [ValueObject] public sealed partial record InGeneric(T Value);
        }
        [ValueObject] public sealed partial record Open<T>(T Value);
        [Aggregate(EventSourced = true)]
        public sealed partial class Account
        {
            public System.Guid Id { get; private set; }
            private void When(Outer.Happened e) { }
        }
        """,
        """
        using Bloom;
        namespace Odd
        {
            [ValueObject] [ValueObject] public sealed partial record Twice(int A);
            [Aggregate] public sealed class NotPartial { public int Id { get; } }
            [Aggregate] public sealed partial class NoId { }
            [Entity] public partial class EntityWithStringId { public string Id { get; set; } = ""; }
            [StronglyTypedId] public partial struct WithField { private readonly int _x; }
            [StronglyTypedId((IdBacking)42)] public readonly partial struct BadBacking;
            [DomainEvent] public sealed partial class ClassEvent { public int A { get; init; } public string? B { get; set; } }
            file sealed partial class FileLocal { }
            [ValueObject] public abstract partial record Base(int A);
            [ValueObject] public partial record Derived(int A, int B) : Base(A);
        }
        """,
    ];

    public static IEnumerable<TestCaseData> MutatedInputs()
    {
        var random = new Random(Seed);
        var cases = new List<(string Name, string Source)>();
        for (var b = 0; b < Bases.Length; b++)
        {
            var source = Bases[b];
            cases.Add(($"base{b}", source));

            // Typing: truncated at every k-th character.
            var step = Math.Max(1, source.Length / 110);
            for (var cut = step; cut < source.Length; cut += step)
            {
                cases.Add(($"base{b}-truncate{cut}", source[..cut]));
            }

            var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().ToList();
            for (var i = 0; i < 40; i++)
            {
                var token = tokens[random.Next(tokens.Count)];
                cases.Add(($"base{b}-drop{token.SpanStart}", source.Remove(token.SpanStart, token.Span.Length)));
            }

            cases.Add(($"base{b}-dup-attributes", source.Replace("[ValueObject]", "[ValueObject][ValueObject]").Replace("[Aggregate]", "[Aggregate, Aggregate]")));
            cases.Add(($"base{b}-no-partial", source.Replace(" partial ", " ")));
            cases.Add(($"base{b}-record-struct", source.Replace("sealed partial record", "readonly partial record struct")));
            cases.Add(($"base{b}-class-to-struct", source.Replace("partial class", "partial struct")));
            cases.Add(($"base{b}-global-namespace", source.Replace("namespace Shop;", string.Empty)));
            cases.Add(($"base{b}-nested", "public partial class Host {\n" + source.Replace("namespace Shop;", string.Empty).Replace("using Bloom;", string.Empty).Replace("using System.Collections.Generic;", string.Empty) + "\n}"));
            cases.Add(($"base{b}-generic-host", "public partial class Host<T> {\n" + source.Replace("namespace Shop;", string.Empty).Replace("using Bloom;", string.Empty).Replace("using System.Collections.Generic;", string.Empty) + "\n}"));
            cases.Add(($"base{b}-invalid-identifiers", source.Replace("Order", "1Order").Replace("Money", "Mo ney")));
        }

        // Token soup: shuffled tokens of the inputs.
        var soup = Bases.SelectMany(static s => CSharpSyntaxTree.ParseText(s).GetRoot().DescendantTokens().Select(static t => t.Text)).ToArray();
        for (var i = 0; i < 30; i++)
        {
            cases.Add(($"soup{i}", "using Bloom;\n[ValueObject] partial record R(" + string.Join(" ", Enumerable.Range(0, 30).Select(_ => soup[random.Next(soup.Length)])) + ");"));
        }

        return cases.Select(static c => new TestCaseData(c.Source).SetArgDisplayNames(c.Name));
    }

    [Test]
    public void The_corpus_has_at_least_500_inputs() => Assert.That(MutatedInputs().Count(), Is.GreaterThanOrEqualTo(500));

    [TestCaseSource(nameof(MutatedInputs))]
    public void Generators_never_throw_and_are_deterministic(string source)
    {
        foreach (var version in new[] { LanguageVersion.CSharp7_3, LanguageVersion.CSharp9, LanguageVersion.Preview })
        {
            var options = GeneratorHarness.ParseOptions.WithLanguageVersion(version);
            var compilation = GeneratorHarness.Compile("Robust", [source, "namespace Other; public class Unrelated { }"], options);
            var first = GeneratorHarness.Run(compilation);
            var second = GeneratorHarness.Run(compilation);
            var reversed = GeneratorHarness.Run(GeneratorHarness.Compile("Robust", ["namespace Other; public class Unrelated { }", source], options));

            var failures = first.Run.Results.Where(static r => r.Exception is not null).Select(static r => r.Exception!.ToString())
                .Concat(first.Run.Diagnostics.Where(static d => d.Id is "CS8784" or "CS8785" or "BLM0000").Select(static d => d.ToString()))
                .ToList();
            Assert.That(failures, Is.Empty, $"LangVersion {version}");
            var text = GeneratorHarness.GeneratedText(first.Run);
            Assert.That(GeneratorHarness.GeneratedText(second.Run), Is.EqualTo(text), "two runs differ");
            Assert.That(GeneratorHarness.GeneratedText(reversed.Run), Is.EqualTo(text), "reordered syntax trees change the output");
        }
    }

    [TestCaseSource(nameof(CompilingInputs))]
    public void When_the_input_compiles_the_generated_code_compiles(string source)
    {
        var (output, run, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var problems = GeneratorHarness.Problems(output, run);
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems));
    }

    public static IEnumerable<TestCaseData> CompilingInputs() =>
        [new TestCaseData(Bases[0]).SetArgDisplayNames("base0"), new TestCaseData(Bases[0].Replace("namespace Shop;", string.Empty)).SetArgDisplayNames("global-namespace")];
}
