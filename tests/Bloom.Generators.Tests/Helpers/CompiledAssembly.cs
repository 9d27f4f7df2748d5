using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Bloom.Generators.Tests.Helpers;

/// <summary>Compiles sources with the generators, loads the result into a collectible context, and runs a static method.</summary>
internal static class CompiledAssembly
{
    /// <summary>Runs <c>public static string Probe.Run()</c> from the compiled sources and returns its result.</summary>
    public static string RunProbe(params string[] sources)
    {
        var (output, run, _) = GeneratorHarness.Run(GeneratorHarness.Compile(sources));
        var problems = GeneratorHarness.Problems(output, run);
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems));

        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;

        var context = new AssemblyLoadContext("probe", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(stream);
            var method = assembly.GetType("Probe")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            return (string)method.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
