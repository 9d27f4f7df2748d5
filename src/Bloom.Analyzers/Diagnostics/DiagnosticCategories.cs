namespace Bloom.Analyzers.Diagnostics;

/// <summary>
/// Diagnostic categories. Prefixed with "Bloom." so <c>dotnet_analyzer_diagnostic.category-Bloom.Usage.severity</c>
/// configures Bloom's rules without touching the .NET analyzers' own "Usage" category.
/// </summary>
internal static class DiagnosticCategories
{
    /// <summary>How Bloom attributes are applied (BLM0xxx).</summary>
    public const string Usage = "Bloom.Usage";
}
