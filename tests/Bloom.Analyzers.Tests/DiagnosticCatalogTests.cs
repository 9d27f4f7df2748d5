using System.Reflection;
using Bloom.CodeFixes;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bloom.Analyzers.Tests;

/// <summary>
/// Every descriptor is tracked in AnalyzerReleases.Unshipped.md, documented in docs/diagnostics/ID.md and links there.
/// Descriptors are found by reflection: the Roslyn projects keep them internal.
/// </summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(TypeMustBePartialAnalyzer).Assembly;

    private static IEnumerable<DiagnosticDescriptor> Descriptors()
        => AnalyzerAssembly.GetType("Bloom.Analyzers.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(static f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(static d => d.Id, StringComparer.Ordinal);

    private static IEnumerable<TestCaseData> DescriptorCases()
        => Descriptors().Select(static d => new TestCaseData(d).SetArgDisplayNames(d.Id));

    private static IEnumerable<DiagnosticAnalyzer> Analyzers()
        => AnalyzerAssembly.GetTypes()
            .Where(static t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    [Test]
    public void There_are_descriptors()
        => Assert.That(Descriptors().Select(static d => d.Id), Is.SupersetOf(new[] { DiagnosticIds.TypeMustBePartial, DiagnosticIds.UnsupportedTarget }));

    [Test]
    public void Every_descriptor_is_reported_by_an_analyzer_and_ids_are_unique()
    {
        var ids = Descriptors().Select(static d => d.Id).ToList();
        var supported = Analyzers().SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids, Is.Unique);
            Assert.That(supported, Is.EquivalentTo(ids));
        }
    }

    [TestCaseSource(nameof(DescriptorCases))]
    public void Descriptor_is_tracked_in_AnalyzerReleases_Unshipped(DiagnosticDescriptor descriptor)
    {
        var rows = File.ReadAllLines(Path.Combine(RepoRoot(), "src", "Bloom.Analyzers", "AnalyzerReleases.Unshipped.md"))
            .Select(static line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(static cells => cells.Length == 4)
            .ToList();
        var row = rows.SingleOrDefault(cells => cells[0] == descriptor.Id);

        Assert.That(row, Is.Not.Null, $"{descriptor.Id} has no row in AnalyzerReleases.Unshipped.md");
        Assert.That(row![1..3], Is.EqualTo(new[] { descriptor.Category, descriptor.DefaultSeverity.ToString() }));
    }

    [TestCaseSource(nameof(DescriptorCases))]
    public void Descriptor_has_a_docs_page_and_links_to_it(DiagnosticDescriptor descriptor)
    {
        var page = Path.Combine(RepoRoot(), "docs", "diagnostics", descriptor.Id + ".md");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.Exists(page), Is.True, $"missing {page}");
            Assert.That(descriptor.HelpLinkUri, Does.EndWith($"docs/diagnostics/{descriptor.Id}.md"));
            Assert.That(descriptor.Id, Does.Match("^BLM[0-9]{4}$"));
            Assert.That(descriptor.Description.ToString(), Is.Not.Empty);
            Assert.That(descriptor.IsEnabledByDefault, Is.True);
        }

        Assert.That(File.ReadAllText(page), Does.Contain(descriptor.Id).And.Contain($"dotnet_diagnostic.{descriptor.Id}.severity"));
    }

    [Test]
    public void The_code_fix_targets_BLM0001()
        => Assert.That(new MakeTypePartialCodeFix().FixableDiagnosticIds, Is.EqualTo(new[] { DiagnosticIds.TypeMustBePartial }));

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
