using Bloom.Generators.Tests.Helpers;
using Bloom.Generators.UnitsOfWork;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Bloom.Generators.Tests.UnitsOfWork.UnitOfWorkHarness;
using static Bloom.Generators.Tests.UnitsOfWork.UnitOfWorkSources;

namespace Bloom.Generators.Tests.UnitsOfWork;

/// <summary>
/// The unit-of-work generator redoes only work whose input changed, its output does not depend on syntax-tree order, and it never
/// throws, whatever it is fed.
/// </summary>
public sealed class UnitOfWorkIncrementalityTests
{
    private static readonly string[] Steps =
    [
        GeneratorStepNames.UnitOfWorkAggregates, GeneratorStepNames.UnitOfWorkReferences, GeneratorStepNames.UnitOfWorkAggregateSet,
        GeneratorStepNames.UnitsOfWork, GeneratorStepNames.UnitOfWorkInterfaces, GeneratorStepNames.UnitOfWorkRegistration,
    ];

    private static readonly string OrderWithBody = Aggregate("Order").Replace(
        "public void Rename", "public void Touch() { var x = 1; _ = x; }\n    public void Rename", StringComparison.Ordinal);

    private static CSharpCompilation Shop() => Compile("Shop", Runtime, OrderWithBody, Aggregate("Category"), ShopUnitOfWork);

    [Test]
    public void Every_step_is_tracked()
    {
        var result = GeneratorHarness.CreateDriver(new UnitOfWorkGenerator()).RunGenerators(Shop()).GetRunResult().Results.Single();

        Assert.That(result.TrackedSteps.Keys, Is.SupersetOf(Steps));
        Assert.That(GeneratorStepNames.All, Is.SupersetOf(Steps));
    }

    [Test]
    public void An_unrelated_file_leaves_every_step_cached()
    {
        var compilation = Shop();
        var driver = GeneratorHarness.CreateDriver(new UnitOfWorkGenerator()).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { }", GeneratorHarness.ParseOptions, path: "/src/Unrelated.cs"));

        AssertAllCachedOrUnchanged(driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    [Test]
    public void A_method_body_edit_inside_an_aggregate_leaves_every_step_cached()
    {
        var compilation = Shop();
        var driver = GeneratorHarness.CreateDriver(new UnitOfWorkGenerator()).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single(static t => t.ToString().Contains("var x = 1", StringComparison.Ordinal));
        var text = tree.GetText();
        var edited = tree.WithChangedText(text.Replace(text.ToString().IndexOf("var x = 1", StringComparison.Ordinal), "var x = 1".Length, "var x = 2"));

        AssertAllCachedOrUnchanged(driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult().Results.Single());
    }

    [Test]
    public void Adding_an_aggregate_changes_the_interface_and_the_registration()
    {
        var compilation = Shop();
        var driver = GeneratorHarness.CreateDriver(new UnitOfWorkGenerator()).RunGenerators(compilation);
        var rerun = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Aggregate("Box"), GeneratorHarness.ParseOptions, path: "/src/Box.cs")))
            .GetRunResult().Results.Single();

        Assert.Multiple(() =>
        {
            Assert.That(Reasons(rerun, GeneratorStepNames.UnitOfWorkInterfaces), Does.Contain(IncrementalStepRunReason.Modified));
            Assert.That(Reasons(rerun, GeneratorStepNames.UnitOfWorkRegistration), Does.Contain(IncrementalStepRunReason.Modified));
            Assert.That(rerun.GeneratedSources.Single(static s => s.HintName.EndsWith(".UnitOfWork.g.cs", StringComparison.Ordinal)).SourceText.ToString(), Does.Contain(" Boxes { get; }"));
        });
    }

    [Test]
    public void Reordered_syntax_trees_give_byte_identical_output()
    {
        string[] sources =
        [
            Aggregate("Order"), Aggregate("Category"), Aggregate("Box", ns: "Shop.Packing"), NotPersistable,
            "using Bloom; namespace Shop.Application; [UnitOfWork] public partial interface IShopUnitOfWork { Shop.ICategoryRepository Catalogue { get; } }",
            "namespace Shop.Application; public partial interface IShopUnitOfWork { int Count { get; } }",
            "using Bloom; namespace Shop.Application; [UnitOfWork] public partial interface IBackOfficeUnitOfWork { }",
        ];
        var forward = Generated(Compile("Shop", Runtime, sources));
        var backward = Generated(Compile("Shop", Runtime, sources.Reverse().ToArray()));
        var shuffled = Generated(Compile("Shop", Runtime, sources.OrderBy(static s => s.GetHashCode(StringComparison.Ordinal)).ToArray()));

        Assert.That(forward, Is.Not.Empty);
        Assert.That(backward, Is.EqualTo(forward));
        Assert.That(shuffled, Is.EqualTo(forward));
    }

    [Test]
    public void Odd_and_half_typed_input_never_throws()
    {
        string[] odd =
        [
            "using Bloom; [UnitOfWork] public partial interface IGlobalUnitOfWork { }",
            "using Bloom; namespace Shop; [UnitOfWork] public interface INotPartial { }",
            "using Bloom; namespace Shop; [UnitOfWork] public partial interface IGeneric<T> { }",
            "using Bloom; namespace Shop; public partial class Box<T> { [UnitOfWork] public partial interface IInGeneric { } }",
            "using Bloom; namespace Shop; [UnitOfWork] public partial class NotAnInterface { }",
            "using Bloom; namespace Shop; [UnitOfWork] public partial interface IWithMethod { void Save(); IOrderRepository this[int i] { get; } static int Count => 0; }",
            "using Bloom; namespace Shop; [UnitOfWork, UnitOfWork] public partial interface ITwice { }",
            "using Bloom; namespace Shop; [Aggregate] public partial class NoId { } [Aggregate] public partial record RecordAggregate(System.Guid Id);",
            "using Bloom; namespace Shop; [Aggregate] public partial class Generic<T> { public System.Guid Id { get; } }",
            "using Bloom; namespace Shop; [Aggregate] public partial class NullableId { public System.Guid? Id { get; } }",
        ];
        var baseSource = Aggregate("Order") + "\n" + ShopUnitOfWork.Replace("namespace Shop.Application;", "namespace Shop.Application { ", StringComparison.Ordinal) + "}";
        var inputs = odd.Select(static o => new[] { o })
            .Concat(Enumerable.Range(0, 40).Select(i => new[] { baseSource[..(baseSource.Length * i / 40)] }));

        foreach (var input in inputs)
        {
            var (_, run) = Run(Compile("Shop", Runtime, input));
            Assert.That(run.Results.Select(static r => r.Exception), Has.All.Null, input[^1]);
            Assert.That(run.Diagnostics.Where(static d => d.Id == "BLM0000"), Is.Empty, input[^1]);
        }
    }

    private static string Generated(Compilation compilation) => UnitOfWorkText(Run(compilation).Run);

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        Assert.Multiple(() =>
        {
            foreach (var step in Steps)
            {
                var reasons = Reasons(result, step);
                Assert.That(reasons, Is.Not.Empty, step);
                Assert.That(reasons, Has.All.Matches<IncrementalStepRunReason>(static r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), step);
            }

            foreach (var output in result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs))
            {
                Assert.That(output.Reason, Is.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), "output step");
            }
        });
    }
}
