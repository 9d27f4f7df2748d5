using Bloom.Generators.Tests.Helpers;

namespace Bloom.Generators.Tests;

/// <summary>Edge cases compiled and executed in memory: shapes the integration domain does not cover.</summary>
public sealed class GeneratedBehaviourTests
{
    [Test]
    public void Derived_value_object_record_includes_base_state_in_equality()
    {
        var result = CompiledAssembly.RunProbe("""
            using Bloom;
            [ValueObject] public abstract partial record Shape(int Sides);
            [ValueObject] public sealed partial record Polygon(int Sides, int[] Lengths) : Shape(Sides);
            public static class Probe
            {
                public static string Run()
                {
                    var a = new Polygon(3, [1, 2, 3]);
                    var b = new Polygon(3, [1, 2, 3]);
                    var c = new Polygon(4, [1, 2, 3]);
                    return $"{a == b},{a.GetHashCode() == b.GetHashCode()},{a == c},{((Shape)a).Equals((Shape)b)}";
                }
            }
            """);
        Assert.That(result, Is.EqualTo("True,True,False,True"));
    }

    [Test]
    public void Derived_aggregate_inherits_the_generated_plumbing()
    {
        var result = CompiledAssembly.RunProbe("""
            using Bloom;
            [DomainEvent] public sealed partial record Opened(int Number);
            [Aggregate] public partial class Account
            {
                public long Id { get; protected set; }
                public void Open(int n) { Id = n; Raise(new Opened(n)); }
            }
            [Aggregate] public sealed partial class SavingsAccount : Account { }
            public static class Probe
            {
                public static string Run()
                {
                    var s = new SavingsAccount();
                    s.Open(7);
                    var other = new SavingsAccount();
                    other.Open(7);
                    return $"{s.PendingEvents.Count},{s == other},{s.Equals(new Account())}";
                }
            }
            """);
        Assert.That(result, Is.EqualTo("1,True,False"));
    }

    [Test]
    public void Types_in_the_global_namespace_and_nested_types_work()
    {
        var result = CompiledAssembly.RunProbe("""
            using Bloom;
            public static partial class Catalog
            {
                [StronglyTypedId(IdBacking.String)] public readonly partial struct Sku;
                [ValueObject] public sealed partial record Price(decimal Value);
            }
            public static class Probe
            {
                public static string Run()
                {
                    var sku = Catalog.Sku.Parse("ABC-1");
                    var json = System.Text.Json.JsonSerializer.Serialize(new Catalog.Price(2.5m), new System.Text.Json.JsonSerializerOptions());
                    return $"{sku},{sku == new Catalog.Sku("ABC-1")},{json},{new Catalog.Price(2.5m)}";
                }
            }
            """);
        Assert.That(result, Is.EqualTo("ABC-1,True,2.5,Price { Value = 2.5 }"));
    }

    [Test]
    public void Struct_value_object_without_constructor_gets_a_validating_constructor()
    {
        var result = CompiledAssembly.RunProbe("""
            using Bloom;
            [ValueObject]
            public readonly partial struct Range
            {
                public int From { get; }
                public int To { get; }
                private static void Validate(ref ValidationErrors errors, int from, int to)
                {
                    errors.Ensure(from <= to, nameof(From), "must not be after To");
                    errors.Ensure(to < 100, nameof(To), "must be below 100");
                }
            }
            public static class Probe
            {
                public static string Run()
                {
                    var ok = new Range(1, 2) == Range.Create(1, 2);
                    try { _ = new Range(300, 200); return "no exception"; }
                    catch (ValidationException e) { return $"{ok},{e.Errors.Count},{e.Errors[0].MemberName},{e.Errors[1].MemberName},{Range.TryCreate(3, 1, out _, out var errors)},{errors.Count}"; }
                }
            }
            """);
        Assert.That(result, Is.EqualTo("True,2,From,To,False,1"));
    }

    [Test]
    public void Event_with_collection_members_equals_itself_after_a_json_round_trip()
    {
        var result = CompiledAssembly.RunProbe("""
            using System.Collections.Generic;
            using Bloom;
            [DomainEvent] public sealed partial record Tagged(string Name, List<string> Tags, IReadOnlyDictionary<string, int> Counts);
            public static class Probe
            {
                public static string Run()
                {
                    var original = new Tagged("a", ["x", "y"], new Dictionary<string, int> { ["k"] = 1 });
                    var registry = Probe_Registry.Get();
                    var (type, json) = registry.Serialize(original);
                    var copy = (Tagged)registry.Deserialize(type.Name, json);
                    var reordered = original with { Tags = ["y", "x"] };
                    return $"{copy == original},{copy.GetHashCode() == original.GetHashCode()},{reordered == original}";
                }
            }
            public static class Probe_Registry { public static DomainEventRegistry Get() => Tests.Domain.BloomDomainEvents.Registry; }
            """);
        Assert.That(result, Is.EqualTo("True,True,False"));
    }
}
