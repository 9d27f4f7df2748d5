namespace Bloom.Analyzers.Diagnostics;

/// <summary>
/// Diagnostic categories. Prefixed with "Bloom." so <c>dotnet_analyzer_diagnostic.category-Bloom.Usage.severity</c>
/// configures Bloom's rules without touching the .NET analyzers' own "Usage" category.
/// </summary>
internal static class DiagnosticCategories
{
    /// <summary>How Bloom attributes are applied (BLM0xxx).</summary>
    public const string Usage = "Bloom.Usage";

    /// <summary>Aggregate boundaries and domain services (BLM1xxx).</summary>
    public const string AggregateBoundaries = "Bloom.AggregateBoundaries";

    /// <summary>Value objects (BLM2xxx).</summary>
    public const string ValueObjects = "Bloom.ValueObjects";

    /// <summary>Domain events (BLM3xxx).</summary>
    public const string DomainEvents = "Bloom.DomainEvents";

    /// <summary>Layering between domain and infrastructure (BLM4xxx).</summary>
    public const string Layering = "Bloom.Layering";

    /// <summary>Persistence mapping (BLM4xxx).</summary>
    public const string Persistence = "Bloom.Persistence";
}
