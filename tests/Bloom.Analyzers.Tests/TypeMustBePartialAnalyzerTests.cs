using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class TypeMustBePartialAnalyzerTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<TypeMustBePartialAnalyzer>(Usings + source, expected);

    private static DiagnosticResult Blm0001(int location, string type, string reason)
        => Diagnostic<TypeMustBePartialAnalyzer>("BLM0001").WithLocation(location).WithArguments(type, reason);

    [TestCase("[Aggregate] public class {|#0:Order|} { }", "Order", "Aggregate")]
    [TestCase("[Entity] public sealed class {|#0:OrderLine|} { }", "OrderLine", "Entity")]
    [TestCase("[ValueObject] public sealed class {|#0:Money|} { }", "Money", "ValueObject")]
    [TestCase("[DomainEvent] public sealed class {|#0:OrderPlaced|} { }", "OrderPlaced", "DomainEvent")]
    [TestCase("[StronglyTypedId] public readonly struct {|#0:OrderId|} { }", "OrderId", "StronglyTypedId")]
    public Task Reports_each_attribute_kind_on_the_type_identifier(string source, string type, string attribute)
        => VerifyAsync(source, Blm0001(0, type, $"it is marked [{attribute}]"));

    [TestCase("[ValueObject] public sealed record {|#0:Money|}(decimal Amount, string Currency);", "Money", "ValueObject")]
    [TestCase("[DomainEvent] public sealed record class {|#0:OrderPlaced|}(Guid OrderId);", "OrderPlaced", "DomainEvent")]
    [TestCase("[ValueObject] public struct {|#0:Point|} { public int X; }", "Point", "ValueObject")]
    [TestCase("[ValueObject] public readonly record struct {|#0:Quantity|}(int Value);", "Quantity", "ValueObject")]
    [TestCase("[ValueObject] public record struct {|#0:Distance|}(double Meters);", "Distance", "ValueObject")]
    [TestCase("[ValueObject] internal readonly ref struct {|#0:Window|} { }", "Window", "ValueObject")]
    public Task Reports_records_and_structs(string source, string type, string attribute)
        => VerifyAsync(source, Blm0001(0, type, $"it is marked [{attribute}]"));

    [Test]
    public Task Accepts_the_full_attribute_name_and_a_qualified_one()
        => VerifyAsync(
            """
            [AggregateAttribute] public class {|BLM0001:Order|} { }
            [global::Bloom.Entity] public class {|BLM0001:Line|} { }
            """);

    [Test]
    public Task Reports_a_containing_type_that_is_not_partial()
        => VerifyAsync(
            """
            public class {|#0:Sales|}
            {
                [Aggregate] public partial class Order { }
            }
            """,
            Blm0001(0, "Sales", "it contains 'Sales.Order', which is marked [Aggregate]"));

    [Test]
    public Task Reports_every_level_that_is_not_partial()
        => VerifyAsync(
            """
            namespace Shop;

            public class {|#0:Outer|}
            {
                public partial struct Middle
                {
                    public interface {|#1:IInner|}
                    {
                        [ValueObject] public record {|#2:Money|}(decimal Amount);
                    }
                }
            }
            """,
            Blm0001(0, "Outer", "it contains 'Outer.Middle.IInner.Money', which is marked [ValueObject]"),
            Blm0001(1, "Outer.Middle.IInner", "it contains 'Outer.Middle.IInner.Money', which is marked [ValueObject]"),
            Blm0001(2, "Outer.Middle.IInner.Money", "it is marked [ValueObject]"));

    [Test]
    public Task Reports_a_container_once_even_with_several_targets()
        => VerifyAsync(
            """
            public static class {|#0:Orders|}
            {
                [Aggregate] public partial class Order { }
                [Entity] public partial class Line { }
                [StronglyTypedId] public readonly partial struct OrderId { }
            }
            """,
            Blm0001(0, "Orders", "it contains 'Orders.Order', which is marked [Aggregate]"));

    [Test]
    public Task Reports_a_generic_target_too()
        => VerifyAsync("[ValueObject] public sealed class {|BLM0001:Wrapper|}<T> { }");

    [TestCase("none", null)]
    [TestCase("warning", DiagnosticSeverity.Warning)]
    [TestCase("suggestion", DiagnosticSeverity.Info)]
    public async Task Severity_is_configurable_in_editorconfig(string configured, DiagnosticSeverity? expected)
    {
        var test = new CSharpAnalyzerTest<TypeMustBePartialAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources = { Usings + "[Aggregate] public class {|#0:Order|} { }" },
                AnalyzerConfigFiles = { ("/.editorconfig", $"root = true\n\n[*.cs]\ndotnet_diagnostic.BLM0001.severity = {configured}\n") },
            },
        };
        UseOfflineReferences(test);
        if (expected is { } severity)
        {
            test.ExpectedDiagnostics.Add(Blm0001(0, "Order", "it is marked [Aggregate]").WithSeverity(severity));
        }

        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public Task Can_be_suppressed_with_pragma()
        => VerifyAsync(
            """
            #pragma warning disable BLM0001
            [Aggregate] public class Order { }
            #pragma warning restore BLM0001
            """);

    [Test]
    public Task No_diagnostic_for_partial_types()
        => VerifyAsync(
            """
            [Aggregate] public sealed partial class Order { }
            [Entity] public partial class Line { }
            [ValueObject] public sealed partial record Money(decimal Amount, string Currency);
            [ValueObject] public readonly partial record struct Quantity(int Value);
            [DomainEvent] public sealed partial record OrderPlaced(Guid OrderId);
            [StronglyTypedId] public readonly partial struct OrderId { }
            public static partial class Sales
            {
                public partial interface IModule
                {
                    [Aggregate] public partial class Customer { }
                }
            }
            """);

    [Test]
    public Task No_diagnostic_when_another_part_is_partial()
        => VerifyAsync(
            """
            [Aggregate] public partial class Order { }
            public partial class Order { public int Id { get; } }
            """);

    [Test]
    public Task No_diagnostic_for_types_without_Bloom_attributes()
        => VerifyAsync(
            """
            [Serializable] public class Plain { }
            public struct Point { public int X; }
            public record Money(decimal Amount);
            public class Outer { public class Inner { } }
            """);

    [Test]
    public Task No_diagnostic_for_same_named_attributes_from_another_namespace()
        => VerifyAnalyzerAsync<TypeMustBePartialAnalyzer>(
            """
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.All)] public sealed class AggregateAttribute : System.Attribute { }
                [System.AttributeUsage(System.AttributeTargets.All)] public sealed class ValueObjectAttribute : System.Attribute { }
            }

            namespace Shop
            {
                using Other;

                [Aggregate] public class Order { }
                public class Outer { [ValueObject] public record Money(decimal Amount); }
            }
            """);
}
