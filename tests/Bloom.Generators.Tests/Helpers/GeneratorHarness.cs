using System.Collections.Immutable;
using System.Text;
using Bloom.Generators.Aggregates;
using Bloom.Generators.DomainEvents;
using Bloom.Generators.Entities;
using Bloom.Generators.StronglyTypedIds;
using Bloom.Generators.ValueObjects;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bloom.Generators.Tests.Helpers;

/// <summary>Compiles sources in memory against net10.0 reference assemblies and runs Bloom's generators over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Preview, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(AggregateAttribute).Assembly.Location),
    ];

    public static IIncrementalGenerator[] AllGenerators() =>
    [
        new StronglyTypedIdGenerator(),
        new ValueObjectGenerator(),
        new EntityGenerator(),
        new AggregateGenerator(),
        new DomainEventGenerator(),
        new Bloom.Generators.EventHandlers.EventHandlerGenerator(),
        new Bloom.Generators.UnitsOfWork.UnitOfWorkGenerator(),
    ];

    public static CSharpCompilation Compile(params string[] sources) => Compile("Tests.Domain", sources);

    public static CSharpCompilation Compile(string assemblyName, string[] sources, CSharpParseOptions? options = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, options ?? ParseOptions, path: $"/src/File{i}.cs", encoding: Encoding.UTF8)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static GeneratorDriver CreateDriver(params IIncrementalGenerator[] generators) => CreateDriver(ParseOptions, generators);

    public static GeneratorDriver CreateDriver(CSharpParseOptions options, params IIncrementalGenerator[] generators) =>
        CSharpGeneratorDriver.Create(
            generators.Select(static g => g.AsSourceGenerator()),
            parseOptions: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generators; returns the updated compilation and the run result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run, GeneratorDriver Driver) Run(Compilation compilation, params IIncrementalGenerator[] generators)
    {
        var options = (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options ?? ParseOptions;
        var driver = CreateDriver(options, generators.Length == 0 ? AllGenerators() : generators)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, driver.GetRunResult(), driver);
    }

    /// <summary>Every generated file, ordered by hint name, each headed by its hint name.</summary>
    public static string GeneratedText(GeneratorDriverRunResult run) =>
        string.Join("\n", run.Results
            .SelectMany(static r => r.GeneratedSources)
            .OrderBy(static s => s.HintName, StringComparer.Ordinal)
            .Select(static s => $"//----- {s.HintName}\n{s.SourceText}"));

    /// <summary>Errors anywhere, and warnings in generated files (generated code must compile warning-free).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation output, GeneratorDriverRunResult run)
    {
        var generatedTrees = run.GeneratedTrees.ToHashSet();
        return output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error ||
                        (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)))
            .Concat(run.Diagnostics)
            .ToList();
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(static d => d.ToString()));
}
