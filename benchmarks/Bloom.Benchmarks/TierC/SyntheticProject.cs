using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bloom.Benchmarks.TierC;

/// <summary>
/// A synthetic domain project of N annotated types, one type per file, in groups of four:
/// a strongly typed id, a validated value object, a domain event and an aggregate (every other one event-sourced).
/// The aggregates and value objects carry some ordinary hand-written members, as real ones do.
/// </summary>
internal static class SyntheticProject
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        optimizationLevel: OptimizationLevel.Release,
        deterministic: true,
        concurrentBuild: true);

    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Bloom.AggregateAttribute).Assembly.Location),
    ];

    /// <summary>Parses the project's files once; timed runs build fresh compilations from these trees.</summary>
    public static ImmutableArray<SyntaxTree> Parse(int annotatedTypes)
    {
        var groups = annotatedTypes / 4;
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(groups * 4 + 1);
        trees.Add(CSharpSyntaxTree.ParseText("global using System;\nglobal using System.Collections.Generic;\nglobal using Bloom;\n", ParseOptions, path: "/src/GlobalUsings.cs", encoding: Encoding.UTF8));
        for (var g = 0; g < groups; g++)
        {
            var ns = "Synthetic.Module" + (g / 25).ToString(CultureInfo.InvariantCulture);
            foreach (var (name, text) in Group(g, ns))
            {
                trees.Add(CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"/src/{ns}/{name}.cs", encoding: Encoding.UTF8));
            }
        }

        return trees.ToImmutable();
    }

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, string name) =>
        CSharpCompilation.Create(name, trees, References, CompilationOptions);

    private static IEnumerable<(string Name, string Text)> Group(int g, string ns)
    {
        var n = "T" + g.ToString(CultureInfo.InvariantCulture);
        var backing = (g % 3) switch { 0 => "", 1 => "(IdBacking.Long)", _ => "(IdBacking.String)" };
        var eventSourced = g % 2 == 0;

        yield return ($"{n}Id", $$"""
            namespace {{ns}};

            /// <summary>Identifies a {{n}}.</summary>
            [StronglyTypedId{{backing}}]
            public readonly partial struct {{n}}Id;
            """);

        yield return ($"{n}Price", $$"""
            namespace {{ns}};

            /// <summary>A price of a {{n}}.</summary>
            [ValueObject]
            public sealed partial record {{n}}Price(decimal Amount, string Currency)
            {
                public {{n}}Price Add({{n}}Price other) => new(Amount + other.Amount, Currency);

                private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
                {
                    errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
                    errors.Ensure(currency is { Length: 3 }, nameof(Currency), "must be a three-letter code");
                }
            }
            """);

        yield return ($"{n}Changed", $$"""
            namespace {{ns}};

            /// <summary>A {{n}} changed.</summary>
            [DomainEvent(Name = "synthetic.{{n.ToLowerInvariant()}}-changed")]
            public sealed partial record {{n}}Changed({{n}}Id Id, {{n}}Price Price, string Reason, int Quantity);
            """);

        yield return (n, eventSourced
            ? $$"""
                namespace {{ns}};

                /// <summary>An event-sourced {{n}}.</summary>
                [Aggregate(EventSourced = true)]
                public sealed partial class {{n}}
                {
                    public {{n}}Id Id { get; private set; }
                    public {{n}}Price? Price { get; private set; }
                    public int Quantity { get; private set; }

                    public void Change({{n}}Price price, int quantity)
                    {
                        CheckRule(quantity > 0, "PositiveQuantity", "the quantity must be positive");
                        Raise(new {{n}}Changed(Id, price, "change", quantity));
                    }

                    private void When({{n}}Changed e)
                    {
                        Price = e.Price;
                        Quantity = e.Quantity;
                    }
                }
                """
            : $$"""
                namespace {{ns}};

                /// <summary>A state-stored {{n}}.</summary>
                [Aggregate]
                public sealed partial class {{n}}
                {
                    private readonly List<string> _notes = [];

                    public {{n}}({{n}}Id id) => Id = id;

                    public {{n}}Id Id { get; private set; }
                    public {{n}}Price? Price { get; private set; }
                    public IReadOnlyList<string> Notes => _notes;

                    public void Change({{n}}Price price, int quantity)
                    {
                        CheckRule(quantity > 0, "PositiveQuantity", "the quantity must be positive");
                        Price = Price is null ? price : Price.Add(price);
                        _notes.Add("changed " + quantity);
                        Raise(new {{n}}Changed(Id, price, "change", quantity));
                    }
                }
                """);
    }
}
