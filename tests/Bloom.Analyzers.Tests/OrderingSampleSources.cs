using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Bloom.Analyzers.Tests;

/// <summary>
/// The sample's domain (samples/Bloom.Samples.Ordering/Domain) as analyzer-test input: the valid patterns every rule must
/// stay silent on. The Bloom generators do not run here, so calls to generated members (Raise, OrderId.New, ...) do not
/// bind; compiler errors are ignored and only the analyzer's own diagnostics are compared.
/// </summary>
internal static class OrderingSampleSources
{
    private const string GlobalUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n";

    public static async Task VerifyNoDiagnosticsAsync<TAnalyzer>()
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { CompilerDiagnostics = CompilerDiagnostics.None };
        TestHelpers.UseOfflineReferences(test);
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", GlobalUsings));
        foreach (var file in Files())
        {
            test.TestState.Sources.Add(("/0/" + Path.GetFileName(file), await File.ReadAllTextAsync(file).ConfigureAwait(false)));
        }

        await test.RunAsync().ConfigureAwait(false);
    }

    public static string[] Files()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "samples", "Bloom.Samples.Ordering", "Domain"), "*.cs");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bloom.Toolkit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Bloom.Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
