using System.Reflection;
using Bloom.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Bloom.Generators.Tests;

/// <summary>
/// No pipeline model may hold a Roslyn object (ISymbol, SyntaxNode, Location, Compilation...): they are not equatable, defeat
/// caching and root old compilations (CONVENTIONS.md 4.1). Checked statically over every model type and dynamically over every tracked value.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Assembly GeneratorAssembly = typeof(GeneratorStepNames).Assembly;

    public static IEnumerable<Type> ModelTypes() => GeneratorAssembly.GetTypes()
        .Where(static t => t.Name.EndsWith("Model", StringComparison.Ordinal) || t.Name.StartsWith("ParseResult", StringComparison.Ordinal) ||
                           t.Name is "HierarchyInfo" or "TypeDeclarationInfo" or "RegistryEntry");

    [Test]
    public void There_are_models_to_check() => Assert.That(ModelTypes().Count(), Is.GreaterThanOrEqualTo(10));

    [TestCaseSource(nameof(ModelTypes))]
    public void Model_holds_no_Roslyn_types(Type model)
    {
        var offending = new List<string>();
        Walk(model.IsGenericTypeDefinition ? model.MakeGenericType(typeof(object)) : model, new HashSet<Type>(), offending, model.Name);
        Assert.That(offending, Is.Empty);
    }

    [TestCaseSource(nameof(ModelTypes))]
    public void Model_has_value_equality(Type model)
    {
        if (model.IsEnum)
        {
            return;
        }

        var closed = model.IsGenericTypeDefinition ? model.MakeGenericType(typeof(object)) : model;
        Assert.That(closed.GetInterfaces().Any(static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>)), Is.True, $"{model.Name} must be a record or implement IEquatable<T>");
    }

    [Test]
    public void Tracked_values_of_a_real_run_hold_no_Roslyn_objects()
    {
        var (_, run, _) = GeneratorHarness.Run(GeneratorHarness.Compile("""
            using Bloom;
            namespace Shop;
            [StronglyTypedId] public readonly partial struct OrderId;
            [ValueObject] public sealed partial record Money(decimal Amount, string Currency);
            [Entity] public sealed partial class Line { public OrderId Id { get; private set; } }
            [DomainEvent] public sealed partial record OrderPlaced(OrderId OrderId, Money Total);
            [Aggregate] public sealed partial class Order { public OrderId Id { get; private set; } }
            """));

        var values = run.Results
            .SelectMany(static r => r.TrackedSteps.Where(static s => GeneratorStepNames.All.Contains(s.Key)).SelectMany(static s => s.Value))
            .SelectMany(static step => step.Outputs)
            .Select(static o => o.Value)
            .ToList();
        Assert.That(values, Is.Not.Empty);
        foreach (var value in values)
        {
            var offending = new List<string>();
            Walk(value.GetType(), new HashSet<Type>(), offending, value.GetType().Name);
            Assert.That(offending, Is.Empty);
        }
    }

    private static void Walk(Type type, HashSet<Type> seen, List<string> offending, string path)
    {
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
        {
            return;
        }

        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true || typeof(ISymbol).IsAssignableFrom(type) || typeof(SyntaxNode).IsAssignableFrom(type))
        {
            offending.Add($"{path}: {type.FullName}");
            return;
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, seen, offending, $"{path}<{argument.Name}>");
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, seen, offending, path + "[]");
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.FieldType, seen, offending, $"{path}.{field.Name}");
        }
    }
}
