using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bloom.IntegrationTests.Support;

/// <summary>
/// Compiles a source file in memory with the same Bloom generators this project uses (loaded from the built analyzer
/// assembly), for shapes whose generated code would break this project's own build.
/// </summary>
internal static class InMemoryCompilation
{
    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(LoadGenerators);

    /// <summary>Every warning and error of the compilation after the generators ran, including the generators' own diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> Problems(string source, out string generatedCode)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Probe",
            [CSharpSyntaxTree.ParseText(source, parseOptions, path: "Probe.cs")],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(ValueObjectAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var driver = CSharpGeneratorDriver.Create(Generators.Value, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        generatedCode = string.Join("\n", driver.GetRunResult().GeneratedTrees.Select(static t => $"// ---- {Path.GetFileName(t.FilePath)}\n{t}"));
        return [.. generatorDiagnostics.Concat(output.GetDiagnostics()).Where(static d => d.Severity >= DiagnosticSeverity.Warning)];
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(static d => $"{d.Id} at {Path.GetFileName(d.Location.SourceTree?.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));

    private static ImmutableArray<ISourceGenerator> LoadGenerators()
    {
        // Copied next to the tests by the BloomCopyGeneratorsForTests target in the project file.
        var path = Path.Combine(AppContext.BaseDirectory, "bloom-generators", "Bloom.Generators.dll");
        Assert.That(File.Exists(path), Is.True, path);

        var assembly = Assembly.LoadFrom(path);
        return [.. assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t))
            .Select(static t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator())];
    }
}
