using Bloom.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class MakeTypePartialCodeFixTests
{
    private static Task VerifyAsync(string source, string fixedSource)
        => VerifyCodeFixAsync<TypeMustBePartialAnalyzer, MakeTypePartialCodeFix>(Usings + source, Usings + fixedSource);

    [Test]
    public Task Adds_partial_after_public_sealed()
        => VerifyAsync(
            "[Aggregate] public sealed class {|BLM0001:Order|} { }",
            "[Aggregate] public sealed partial class Order { }");

    [Test]
    public Task Adds_partial_after_readonly_on_a_struct()
        => VerifyAsync(
            "[StronglyTypedId] public readonly struct {|BLM0001:OrderId|} { }",
            "[StronglyTypedId] public readonly partial struct OrderId { }");

    [Test]
    public Task Adds_partial_between_ref_and_struct()
        => VerifyAsync(
            "[ValueObject] internal readonly ref struct {|BLM0001:Window|} { }",
            "[ValueObject] internal readonly ref partial struct Window { }");

    [Test]
    public Task Adds_partial_before_record()
        => VerifyAsync(
            "[ValueObject] public sealed record {|BLM0001:Money|}(decimal Amount, string Currency);",
            "[ValueObject] public sealed partial record Money(decimal Amount, string Currency);");

    [Test]
    public Task Adds_partial_before_record_struct()
        => VerifyAsync(
            "[ValueObject] public readonly record struct {|BLM0001:Quantity|}(int Value);",
            "[ValueObject] public readonly partial record struct Quantity(int Value);");

    [Test]
    public Task Adds_partial_to_a_type_without_modifiers_keeping_its_layout()
        => VerifyAsync(
            """
            namespace Shop
            {
                [Entity]
                class {|BLM0001:Line|}
                {
                }

                [DomainEvent] /* keep me */ record {|BLM0001:Placed|}(Guid Id);
            }
            """,
            """
            namespace Shop
            {
                [Entity]
                partial class Line
                {
                }

                [DomainEvent] /* keep me */ partial record Placed(Guid Id);
            }
            """);

    [Test]
    public Task Makes_the_containing_types_partial_too()
        => VerifyAsync(
            """
            public static class {|BLM0001:Sales|}
            {
                internal struct {|BLM0001:Module|}
                {
                    [Aggregate]
                    public abstract class {|BLM0001:Order|} { }
                }
            }
            """,
            """
            public static partial class Sales
            {
                internal partial struct Module
                {
                    [Aggregate]
                    public abstract partial class Order { }
                }
            }
            """);

    [Test]
    public async Task Fix_all_fixes_every_document_in_one_pass()
    {
        var test = new CSharpCodeFixTest<TypeMustBePartialAnalyzer, MakeTypePartialCodeFix, DefaultVerifier>
        {
            TestState =
            {
                Sources =
                {
                    Usings + "[Aggregate] public sealed class {|BLM0001:Order|} { }\n[Entity] public class {|BLM0001:Line|} { }\n",
                    Usings + "public class {|BLM0001:Catalog|} { [ValueObject] public sealed record {|BLM0001:Price|}(decimal Amount); }\n",
                },
            },
            FixedState =
            {
                Sources =
                {
                    Usings + "[Aggregate] public sealed partial class Order { }\n[Entity] public partial class Line { }\n",
                    Usings + "public partial class Catalog { [ValueObject] public sealed partial record Price(decimal Amount); }\n",
                },
            },
            // One-by-one fixing takes one step per diagnostic; Fix All in project/solution finishes in a single batch,
            // Fix All in document takes one batch per document.
            NumberOfIncrementalIterations = 4,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        UseOfflineReferences(test);
        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public async Task Fix_all_in_document_fixes_nested_and_sibling_types()
    {
        var test = new CSharpCodeFixTest<TypeMustBePartialAnalyzer, MakeTypePartialCodeFix, DefaultVerifier>
        {
            TestCode = Usings + """
                public class {|BLM0001:Sales|}
                {
                    [Aggregate] public class {|BLM0001:Order|} { }
                    [StronglyTypedId] public readonly struct {|BLM0001:OrderId|} { }
                }
                """,
            FixedCode = Usings + """
                public partial class Sales
                {
                    [Aggregate] public partial class Order { }
                    [StronglyTypedId] public readonly partial struct OrderId { }
                }
                """,
            NumberOfFixAllIterations = 1,
        };
        UseOfflineReferences(test);
        await test.RunAsync().ConfigureAwait(false);
    }
}
