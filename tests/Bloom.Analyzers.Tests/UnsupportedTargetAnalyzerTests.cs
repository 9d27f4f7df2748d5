using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class UnsupportedTargetAnalyzerTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<UnsupportedTargetAnalyzer>(Usings + source, expected);

    private static DiagnosticResult Blm0002(int location, string type, string attribute, string reason)
        => Diagnostic<UnsupportedTargetAnalyzer>("BLM0002").WithLocation(location).WithArguments(type, attribute, reason);

    [TestCase("[Aggregate] public partial class {|#0:Order|}<TId> { }", "Order<TId>", "Aggregate")]
    [TestCase("[Entity] public partial class {|#0:Line|}<T1, T2> { }", "Line<T1, T2>", "Entity")]
    [TestCase("[ValueObject] public readonly partial record struct {|#0:Range|}<T>(T From, T To);", "Range<T>", "ValueObject")]
    [TestCase("[DomainEvent] public sealed partial record {|#0:Changed|}<T>(T Value);", "Changed<T>", "DomainEvent")]
    [TestCase("[StronglyTypedId] public readonly partial struct {|#0:Id|}<T> { }", "Id<T>", "StronglyTypedId")]
    public Task Reports_a_generic_target(string source, string type, string attribute)
        => VerifyAsync(source, Blm0002(0, type, attribute, "it is generic"));

    [Test]
    public Task Reports_a_target_nested_inside_a_generic_type()
        => VerifyAsync(
            """
            public partial class Repository<T>
            {
                [ValueObject] public sealed partial record {|#0:Key|}(string Value);
            }
            """,
            Blm0002(0, "Repository<T>.Key", "ValueObject", "it is nested inside the generic type 'Repository<T>'"));

    [Test]
    public Task Reports_a_target_nested_deep_inside_a_generic_type()
        => VerifyAsync(
            """
            namespace Shop;

            public static partial class Module<TContext>
            {
                public static partial class Orders
                {
                    [Aggregate] public partial class {|#0:Order|} { }
                }
            }
            """,
            Blm0002(0, "Module<TContext>.Orders.Order", "Aggregate", "it is nested inside the generic type 'Module<TContext>'"));

    [Test]
    public Task Reports_on_the_part_that_carries_the_attribute()
        => VerifyAsync(
            """
            public partial class Order<T> { public int Count { get; } }
            [Aggregate] public partial class {|#0:Order|}<T> { }
            """,
            Blm0002(0, "Order<T>", "Aggregate", "it is generic"));

    [Test]
    public Task No_diagnostic_for_supported_targets()
        => VerifyAsync(
            """
            [Aggregate] public partial class Order { }
            [ValueObject] public readonly partial record struct Quantity(int Value);
            public static partial class Sales
            {
                [Entity] public partial class Line { }
            }
            """);

    [Test]
    public Task No_diagnostic_for_generic_types_without_Bloom_attributes()
        => VerifyAsync(
            """
            public class Box<T> { public class Inner { } }
            public record Pair<T>(T First, T Second);
            """);

    [Test]
    public Task No_diagnostic_for_same_named_attributes_from_another_namespace()
        => VerifyAnalyzerAsync<UnsupportedTargetAnalyzer>(
            """
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.All)] public sealed class AggregateAttribute : System.Attribute { }
            }

            namespace Shop
            {
                using Other;

                [Aggregate] public class Order<T> { }
                public class Outer<T> { [Aggregate] public class Inner { } }
            }
            """);
}
