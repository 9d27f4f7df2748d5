using System.Collections.Immutable;
using System.Reflection;
using Bloom.Generators.Aggregates;
using Bloom.Generators.DomainEvents;
using Bloom.Generators.Entities;
using Bloom.Generators.StronglyTypedIds;
using Bloom.Generators.ValueObjects;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers.Tests;

/// <summary>
/// Runs every Bloom analyzer, after the generators, over whole domains: a "bad domain" that breaks every rule once must
/// report exactly the set of Bloom diagnostics, and the sample's domain must report none.
/// </summary>
public sealed class BadDomainTests
{
    private const string BadDomain = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using Bloom;

        namespace Bad;

        [StronglyTypedId] public readonly partial struct CustomerId;
        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId] public readonly partial struct LineId;

        [Aggregate] public sealed class NotPartial { public OrderId Id { get; private set; } }                  // BLM0001
        [ValueObject] public sealed partial record Box<T>(T Value);                                             // BLM0002

        [Aggregate]
        public sealed partial class Customer
        {
            public CustomerId Id { get; private set; }
        }

        [Entity]
        public sealed partial class Line
        {
            public LineId Id { get; private set; }
            public int Quantity { get; internal set; }
            internal void Increase() => Quantity++;
        }

        [Aggregate]
        public sealed partial class Order
        {
            public OrderId Id { get; private set; }
            public Customer? Buyer { get; private set; }                                                         // BLM1001, and BLM4002 on Order (an aggregate reference has no storage mapping)
            private readonly List<Line> _lines = [];
            public IReadOnlyList<Line> Lines => _lines;
            public string Note { get; set; } = "";                                                              // BLM1003
            public void Place() => Raise(new OrderPlaced(Id));
        }

        public sealed class OrderHandler
        {
            public void Handle(Order order, Line line)
            {
                line.Increase();                                                                                 // BLM1002
                order.ClearPendingEvents();                                                                      // BLM1004
            }
        }

        public interface ILineRepository { Line? Find(LineId id); }                                              // BLM1005

        [Entity] public sealed partial class Anonymous { public string Name { get; } = ""; }                     // BLM1006
        [Aggregate] public sealed partial class Legacy { public Guid Id { get; private set; } }                  // BLM1007

        [DomainService]
        public sealed class PricingService
        {
            private int _calls;                                                                                  // BLM1101
            public int Count() => ++_calls;
        }

        [DomainService]
        public sealed class RatesService
        {
            private readonly HttpClient? _client;                                                                // BLM1102
            public bool Connected => _client is not null;
        }

        [ValueObject]
        public sealed partial class Temperature
        {
            public decimal Degrees { get; set; }                                                                 // BLM2001
        }

        [ValueObject]
        public readonly partial struct Percent
        {
            public decimal Value { get; }
            private static void Validate(ref ValidationErrors errors, decimal value) => errors.Ensure(value >= 0, nameof(Value), "must not be negative");
        }

        public static class Defaults
        {
            public static Percent NoDiscount => default;                                                         // BLM2002
        }

        [ValueObject]
        public sealed partial class Email
        {
            public Email(string address) => Address = address;                                                  // BLM2003
            public string Address { get; }
            private static void Validate(ref ValidationErrors errors, string address) => errors.Ensure(address.Contains('@'), nameof(Address), "needs an @");
        }

        [DomainEvent] public sealed partial record OrderPlaced(OrderId OrderId);
        [DomainEvent(Name = "OrderPlaced")] public sealed partial record LegacyOrderPlaced(OrderId OrderId);     // BLM3003
        [DomainEvent] public sealed partial class OrderNoted { public string Text { get; set; } = ""; }          // BLM3001
        [DomainEvent] public sealed partial record LineAdded(Line Line);                                         // BLM3002

        [ValueObject] public sealed partial record Endpoint(HttpClient Client);                                  // BLM4001
        """;

    private static readonly string[] Expected =
    [
        "BLM0001", "BLM0002", "BLM1001", "BLM1002", "BLM1003", "BLM1004", "BLM1005", "BLM1006", "BLM1007",
        "BLM1101", "BLM1102", "BLM2001", "BLM2002", "BLM2003", "BLM3001", "BLM3002", "BLM3003", "BLM4001", "BLM4002",
    ];

    [Test]
    public async Task Bad_domain_reports_every_rule_exactly_once()
    {
        var diagnostics = await AnalyzeAsync([BadDomain]).ConfigureAwait(false);
        var ids = diagnostics.Select(static d => d.Id).Order(StringComparer.Ordinal).ToList();
        Assert.That(ids, Is.EqualTo(Expected), string.Join("\n", diagnostics.Select(static d => d.ToString())));
    }

    [Test]
    public async Task Every_descriptor_is_exercised_by_the_bad_domain()
    {
        var ids = Analyzers().SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id).Distinct().Order(StringComparer.Ordinal);
        Assert.That(ids, Is.EqualTo(Expected));
        await Task.CompletedTask.ConfigureAwait(false);
    }

    [Test]
    public async Task Sample_domain_reports_no_Bloom_diagnostics()
    {
        var root = RepositoryRoot();
        var sources = Directory.GetFiles(Path.Combine(root, "samples", "Bloom.Samples.Ordering", "Domain"), "*.cs").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText).Prepend("global using System; global using System.Linq; global using System.Collections.Generic; global using Bloom;").ToArray();
        Assert.That(sources, Has.Length.GreaterThan(5));

        var diagnostics = await AnalyzeAsync(sources).ConfigureAwait(false);
        Assert.That(diagnostics, Is.Empty, string.Join("\n", diagnostics.Select(static d => d.ToString())));
    }

    private static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        [.. typeof(TypeMustBePartialAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(static t => t.FullName, StringComparer.Ordinal)
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string[] sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create(
            "Domain",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, path: $"/src/Domain{i}.cs")),
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(AggregateAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        IIncrementalGenerator[] generators = [new StronglyTypedIdGenerator(), new ValueObjectGenerator(), new EntityGenerator(), new AggregateGenerator(), new DomainEventGenerator()];
        CSharpGeneratorDriver.Create(generators.Select(static g => g.AsSourceGenerator()), parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);

        var all = await generated.WithAnalyzers(Analyzers()).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        return all.Where(static d => d.Id.StartsWith("BLM", StringComparison.Ordinal)).ToList();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bloom.Toolkit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Bloom.Toolkit.sln not found above the test directory.");
    }
}
