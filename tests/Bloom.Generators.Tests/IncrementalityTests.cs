using Bloom.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bloom.Generators.Tests;

/// <summary>
/// The generators only redo work whose input changed (BENCHMARKS.md C2): an unrelated edit, or a method-body edit inside an
/// annotated type, leaves every tracked step Cached/Unchanged; changing a value object's member modifies exactly that output.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Domain = """
        using Bloom;
        namespace Shop;
        [StronglyTypedId] public readonly partial struct OrderId;
        [ValueObject] public sealed partial record Money(decimal Amount, string Currency);
        [Entity] public sealed partial class Line { public OrderId Id { get; private set; } }
        [DomainEvent] public sealed partial record OrderPlaced(OrderId OrderId);
        [Aggregate]
        public sealed partial class Order
        {
            public OrderId Id { get; private set; }
            public void Touch() { var x = 1; _ = x; }
        }
        """;

    public static IEnumerable<TestCaseData> Generators() => GeneratorHarness.AllGenerators().Select(static g => new TestCaseData(g).SetArgDisplayNames(g.GetType().Name));

    [TestCaseSource(nameof(Generators))]
    public void Unrelated_file_leaves_every_step_cached(IIncrementalGenerator generator)
    {
        var compilation = GeneratorHarness.Compile(Domain);
        var driver = GeneratorHarness.CreateDriver(generator).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { }", GeneratorHarness.ParseOptions, path: "/src/Unrelated.cs"));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(rerun);
    }

    [TestCaseSource(nameof(Generators))]
    public void Method_body_edit_inside_annotated_type_leaves_every_step_cached(IIncrementalGenerator generator)
    {
        var compilation = GeneratorHarness.Compile(Domain);
        var driver = GeneratorHarness.CreateDriver(generator).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var newTree = tree.WithChangedText(tree.GetText().Replace(Domain.IndexOf("var x = 1", StringComparison.Ordinal), "var x = 1".Length, "var x = 2"));
        var rerun = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, newTree)).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(rerun);
    }

    [Test]
    public void Changing_a_value_object_member_modifies_exactly_one_output()
    {
        var compilation = GeneratorHarness.Compile(Domain);
        var driver = GeneratorHarness.CreateDriver(new ValueObjects.ValueObjectGenerator()).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var source = tree.GetText().ToString().Replace("string Currency)", "string Currency, int Scale)", StringComparison.Ordinal);
        var rerun = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(source))))
            .GetRunResult().Results.Single();

        var reasons = rerun.TrackedSteps[GeneratorStepNames.ValueObjects].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.That(reasons.Count(static r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1));
        Assert.That(rerun.GeneratedSources, Has.Length.EqualTo(1));
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        var tracked = result.TrackedSteps.Where(static s => GeneratorStepNames.All.Contains(s.Key)).ToList();
        Assert.That(tracked, Is.Not.Empty, "the generator has no tracked steps");
        Assert.Multiple(() =>
        {
            foreach (var (name, steps) in tracked)
            {
                foreach (var output in steps.SelectMany(static s => s.Outputs))
                {
                    Assert.That(output.Reason, Is.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), $"step {name}");
                }
            }

            foreach (var output in result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs))
            {
                Assert.That(output.Reason, Is.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), "output step");
            }
        });
    }
}
