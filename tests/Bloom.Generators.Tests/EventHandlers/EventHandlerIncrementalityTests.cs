using Bloom.Generators.EventHandlers;
using Bloom.Generators.Tests.Helpers;
using Bloom.Generators.UnitsOfWork;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Bloom.Generators.Tests.EventHandlers.EventHandlerSources;
using static Bloom.Generators.Tests.UnitsOfWork.UnitOfWorkHarness;

namespace Bloom.Generators.Tests.EventHandlers;

/// <summary>
/// The event-handler generator, and the unit-of-work generator's event steps, redo only work whose input changed; their output
/// does not depend on syntax-tree order; they never throw.
/// </summary>
public sealed class EventHandlerIncrementalityTests
{
    private static readonly string[] HandlerSteps = [GeneratorStepNames.EventHandlers, GeneratorStepNames.EventHandlerReferences, GeneratorStepNames.EventHandlerMap];

    private static readonly string[] UnitOfWorkSteps =
    [
        GeneratorStepNames.UnitOfWorkEventHandlers, GeneratorStepNames.UnitOfWorkEventHandlerReferences,
        GeneratorStepNames.UnitOfWorkEventTypes, GeneratorStepNames.UnitOfWorkEventSets, GeneratorStepNames.UnitOfWorkRegistration,
    ];

    private static readonly string ShapesWithBody = Shapes.Replace(
        "void IDomainEventHandler<OrderPlaced>.Handle(OrderPlaced domainEvent) { }",
        "void IDomainEventHandler<OrderPlaced>.Handle(OrderPlaced domainEvent) { var x = 1; _ = x; }",
        StringComparison.Ordinal);

    private static CSharpCompilation Shop() => Compile("Shop", Runtime, ShapesWithBody, Domain.Replace("namespace Shop.Domain;", "namespace Shop.Ordering;", StringComparison.Ordinal));

    public static IEnumerable<TestCaseData> Generators() =>
    [
        new TestCaseData(new EventHandlerGenerator(), HandlerSteps).SetArgDisplayNames(nameof(EventHandlerGenerator)),
        new TestCaseData(new UnitOfWorkGenerator(), UnitOfWorkSteps).SetArgDisplayNames(nameof(UnitOfWorkGenerator)),
    ];

    [Test]
    public void Every_step_is_tracked_and_listed()
    {
        var results = GeneratorHarness.CreateDriver(new EventHandlerGenerator(), new UnitOfWorkGenerator()).RunGenerators(Shop()).GetRunResult().Results;

        Assert.Multiple(() =>
        {
            Assert.That(results[0].TrackedSteps.Keys, Is.SupersetOf(HandlerSteps));
            Assert.That(results[1].TrackedSteps.Keys, Is.SupersetOf(UnitOfWorkSteps));
            Assert.That(GeneratorStepNames.All, Is.SupersetOf(HandlerSteps.Concat(UnitOfWorkSteps)));
        });
    }

    [TestCaseSource(nameof(Generators))]
    public void An_unrelated_file_leaves_every_step_cached(IIncrementalGenerator generator, string[] steps)
    {
        var compilation = Shop();
        var driver = GeneratorHarness.CreateDriver(generator).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { }", GeneratorHarness.ParseOptions, path: "/src/Unrelated.cs"));

        AssertAllCachedOrUnchanged(driver.RunGenerators(edited).GetRunResult().Results.Single(), steps);
    }

    [TestCaseSource(nameof(Generators))]
    public void A_method_body_edit_inside_a_handler_leaves_every_step_cached(IIncrementalGenerator generator, string[] steps)
    {
        var compilation = Shop();
        var driver = GeneratorHarness.CreateDriver(generator).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single(static t => t.ToString().Contains("var x = 1", StringComparison.Ordinal));
        var text = tree.GetText();
        var edited = tree.WithChangedText(text.Replace(text.ToString().IndexOf("var x = 1", StringComparison.Ordinal), "var x = 1".Length, "var x = 2"));

        AssertAllCachedOrUnchanged(driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult().Results.Single(), steps);
    }

    [Test]
    public void Adding_a_handler_changes_the_map_and_nothing_else()
    {
        var compilation = Shop();
        var driver = GeneratorHarness.CreateDriver(new EventHandlerGenerator()).RunGenerators(compilation);
        const string Added = "using Bloom; namespace Shop; [DomainEventHandler] public sealed class Late : IDomainEventHandler<OrderShipped> { public void Handle(OrderShipped domainEvent) { } }";
        var rerun = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Added, GeneratorHarness.ParseOptions, path: "/src/Late.cs")))
            .GetRunResult().Results.Single();

        Assert.Multiple(() =>
        {
            Assert.That(Reasons(rerun, GeneratorStepNames.EventHandlerMap), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }));
            Assert.That(Reasons(rerun, GeneratorStepNames.EventHandlerReferences), Has.All.EqualTo(IncrementalStepRunReason.Unchanged));
            Assert.That(rerun.GeneratedSources.Single().SourceText.ToString(), Does.Contain("typeof(global::Shop.OrderShipped), typeof(global::Shop.Late)"));
        });
    }

    [Test]
    public void Reordered_syntax_trees_give_byte_identical_output()
    {
        string[] sources =
        [
            Shapes,
            "using Bloom; namespace Shop; [DomainEventHandler] public sealed class A : IDomainEventHandler<OrderShipped>, IDomainEventHandler<OrderPlaced> { public void Handle(OrderShipped e) { } public void Handle(OrderPlaced e) { } }",
            "using Bloom; namespace Shop; [DomainEventHandler(MaxAttempts = 2)] public sealed class Z : IDomainEventHandler<OrderPlaced> { public void Handle(OrderPlaced e) { } }",
            "using Bloom; namespace Shop; public partial class Host { [DomainEventHandler] public sealed class M : IDomainEventHandler<OrderShipped> { public void Handle(OrderShipped e) { } } }",
            "using Bloom; namespace Shop.Other; [DomainEvent] public sealed partial record Elsewhere(int A); [DomainEventHandler] public sealed class B : IDomainEventHandler<Elsewhere> { public void Handle(Elsewhere e) { } }",
        ];
        var forward = Generated(Compile("Shop", Runtime, sources));
        var backward = Generated(Compile("Shop", Runtime, sources.Reverse().ToArray()));
        var shuffled = Generated(Compile("Shop", Runtime, sources.OrderBy(static s => s.GetHashCode(StringComparison.Ordinal)).ToArray()));

        Assert.That(forward, Does.Contain("typeof(global::Shop.Other.B)").And.Contain("AddEventHandlers"));
        Assert.That(backward, Is.EqualTo(forward));
        Assert.That(shuffled, Is.EqualTo(forward));
    }

    [Test]
    public void Odd_and_half_typed_input_never_throws()
    {
        string[] odd =
        [
            "using Bloom; [DomainEventHandler] public sealed class GlobalHandler : IDomainEventHandler<Missing> { public void Handle(Missing e) { } }",
            "using Bloom; namespace Shop; [DomainEventHandler] public static class Static { }",
            "using Bloom; namespace Shop; [DomainEventHandler] public struct NotAClass { }",
            "using Bloom; namespace Shop; [DomainEventHandler] public interface IHandler : IDomainEventHandler<IDomainEvent> { }",
            "using Bloom; namespace Shop; public class Outer<T> { [DomainEventHandler] public sealed class Inner : IDomainEventHandler<E> { public void Handle(E e) { } } } [DomainEvent] public sealed partial record E(int A);",
            "using Bloom; namespace Shop; [DomainEventHandler(MaxAttempts = -3, BaseDelayMilliseconds = -1)] public sealed class Negative : IDomainEventHandler<E> { public void Handle(E e) { } } [DomainEvent] public sealed partial record E(int A);",
            "using Bloom; namespace Shop; [DomainEventHandler, DomainEventHandler] public sealed class Twice : IDomainEventHandler<E> { public void Handle(E e) { } } [DomainEvent] public sealed partial record E(int A);",
            "using Bloom; namespace Shop; [DomainEventHandler] public sealed class OfArray : IDomainEventHandler<E[]> { public void Handle(E[] e) { } } [DomainEvent] public sealed partial record E(int A);",
        ];
        var inputs = odd.Select(static o => new[] { o }).Concat(Enumerable.Range(0, 40).Select(i => new[] { Shapes[..(Shapes.Length * i / 40)] }));

        foreach (var input in inputs)
        {
            var (_, run) = Run(Compile("Shop", Runtime, input));
            Assert.That(run.Results.Select(static r => r.Exception), Has.All.Null, input[^1]);
            Assert.That(run.Diagnostics.Where(static d => d.Id == "BLM0000"), Is.Empty, input[^1]);
        }
    }

    [Test]
    public void Invalid_retry_settings_are_clamped()
    {
        var (_, run) = Run(Compile("Shop", Runtime, "using Bloom; namespace Shop; [DomainEventHandler(MaxAttempts = 3, BaseDelayMilliseconds = -1)] public sealed class Negative : IDomainEventHandler<E> { public void Handle(E e) { } } [DomainEvent] public sealed partial record E(int A);"));

        Assert.That(Source(run, "BloomEventHandlers.g.cs"), Does.Contain("MaxAttempts = 3, BaseDelay = global::System.TimeSpan.FromMilliseconds(0)"));
    }

    private static string Generated(Compilation compilation)
    {
        var (_, run) = Run(compilation);
        return string.Join("\n", run.Results.SelectMany(static r => r.GeneratedSources)
            .Where(static s => s.HintName is "BloomEventHandlers.g.cs" or "BloomServiceCollectionExtensions.g.cs" or "BloomDomainEvents.g.cs")
            .OrderBy(static s => s.HintName, StringComparer.Ordinal)
            .Select(static s => s.SourceText.ToString()));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result, string[] steps)
    {
        Assert.Multiple(() =>
        {
            foreach (var step in steps)
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
