using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Bloom.Generators.Tests.Helpers;
using Bloom.Generators.UnitsOfWork;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bloom.Generators.Tests.UnitsOfWork;

/// <summary>
/// Compiles the layers of a unit-of-work test (Domain, Application, Infrastructure) in memory, each against the references its
/// real project would have, runs the unit-of-work generator, and turns a compiled layer into a metadata reference for the next.
/// </summary>
internal static class UnitOfWorkHarness
{
    /// <summary>Domain and Application: the BCL and Bloom.Abstractions only.</summary>
    public static readonly ImmutableArray<MetadataReference> Abstractions =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(AggregateAttribute).Assembly.Location),
    ];

    /// <summary>Infrastructure: plus Bloom.Runtime, the DI abstractions and the container (for probes).</summary>
    public static readonly ImmutableArray<MetadataReference> Runtime =
    [
        .. Abstractions,
        MetadataReference.CreateFromFile(typeof(Bloom.Persistence.BloomBuilder).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions).Assembly.Location),
    ];

    public static CSharpCompilation Compile(string assemblyName, IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: $"/src/{assemblyName}/File{i}.cs", encoding: Encoding.UTF8)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    /// <summary>Every Bloom generator, the unit-of-work one last.</summary>
    public static IIncrementalGenerator[] Generators() => GeneratorHarness.AllGenerators();

    /// <summary>Runs every Bloom generator, as a project referencing Bloom.Generators does.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Run(Compilation compilation)
    {
        var driver = GeneratorHarness.CreateDriver(Generators()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The unit-of-work generator's files only, ordered by hint name, each headed by its hint name.</summary>
    public static string UnitOfWorkText(GeneratorDriverRunResult run) =>
        string.Join("\n", Own(run).OrderBy(static s => s.HintName, StringComparer.Ordinal).Select(static s => $"//----- {s.HintName}\n{s.SourceText}"));

    /// <summary>The hint names of the unit-of-work generator's files.</summary>
    public static string[] UnitOfWorkFiles(GeneratorDriverRunResult run) => Own(run).Select(static s => s.HintName).Order(StringComparer.Ordinal).ToArray();

    private static IEnumerable<GeneratedSourceResult> Own(GeneratorDriverRunResult run) =>
        run.Results.Where(static r => r.Generator.GetGeneratorType() == typeof(UnitOfWorkGenerator)).SelectMany(static r => r.GeneratedSources);

    /// <summary>Runs the generator, asserts the result compiles without errors (and generated code without warnings), and emits it.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run, byte[] Image) Build(Compilation compilation)
    {
        var (output, run) = Run(compilation);
        var problems = GeneratorHarness.Problems(output, run);
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        return (output, run, stream.ToArray());
    }

    /// <summary>The text of the generated file whose hint name ends with <paramref name="suffix"/>, or null.</summary>
    public static string? Source(GeneratorDriverRunResult run, string suffix) =>
        run.Results.SelectMany(static r => r.GeneratedSources).Where(s => s.HintName.EndsWith(suffix, StringComparison.Ordinal)).Select(static s => s.SourceText.ToString()).SingleOrDefault();

    /// <summary>Loads the emitted layers into a collectible context and runs <c>public static string Probe.Run()</c> from the last.</summary>
    public static string RunProbe(params byte[][] images)
    {
        var context = new AssemblyLoadContext("unit-of-work-probe", isCollectible: true);
        try
        {
            var assemblies = images.Select(image => context.LoadFromStream(new MemoryStream(image))).ToList();
            context.Resolving += (_, name) => assemblies.FirstOrDefault(a => a.GetName().Name == name.Name);
            var method = assemblies[^1].GetType("Probe")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            return (string)method.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
