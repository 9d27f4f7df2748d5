using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class IdNotStronglyTypedTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<IdentityAnalyzer>(Usings + source, expected);

    private static DiagnosticResult Blm1007(int location, string type, string idType)
        => Diagnostic<IdentityAnalyzer>("BLM1007").WithLocation(location).WithArguments(type, idType);

    [TestCase("Guid")]
    [TestCase("long")]
    [TestCase("int")]
    [TestCase("string")]
    [TestCase("Guid?")]
    public Task Reports_a_raw_id_on_the_property_type(string idType)
        => VerifyAsync(
            $$"""
            #nullable enable
            [Aggregate]
            public sealed partial class Order
            {
                public {|#0:{{idType}}|} Id { get; private set; } = default!;
            }
            """,
            Blm1007(0, "Order", idType));

    [Test]
    public Task Reports_a_positional_id_on_the_parameter_type()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial record Invoice({|#0:Guid|} Id, decimal Total);
            """,
            Blm1007(0, "Invoice", "Guid"));

    [Test]
    public Task Reports_an_inherited_raw_id_on_the_type_identifier()
        => VerifyAsync(
            """
            public abstract class AggregateBase<TId> { public TId Id { get; protected set; } = default!; }

            [Aggregate]
            public sealed partial class {|#0:Customer|} : AggregateBase<long> { }
            """,
            Blm1007(0, "Customer", "long"));

    [Test]
    public Task Reports_a_plain_struct_that_is_not_marked_StronglyTypedId()
        => VerifyAsync(
            """
            public readonly record struct OrderNumber(long Value);

            [Aggregate]
            public sealed partial class Order
            {
                public {|#0:OrderNumber|} Id { get; }
            }
            """,
            Blm1007(0, "Order", "OrderNumber"));

    [Test]
    public Task No_diagnostic_for_strongly_typed_ids_and_for_entities()
        => VerifyAsync(
            """
            [StronglyTypedId] public readonly partial struct OrderId;
            [StronglyTypedId(IdBacking.Long)] public readonly partial struct CustomerId;

            public abstract class AggregateBase<TId> { public TId Id { get; protected set; } = default!; }

            [Aggregate]
            public sealed partial class Order { public OrderId Id { get; private set; } }

            [Aggregate]
            public sealed partial class Customer : AggregateBase<CustomerId> { }

            [Entity]
            public sealed partial class OrderLine { public Guid Id { get; } }

            [Aggregate]
            public sealed partial class Broken { public {|CS0246:Missing|} Id { get; } }
            """);

    [TestCase("none", null)]
    [TestCase("suggestion", DiagnosticSeverity.Info)]
    public async Task Severity_is_configurable_in_editorconfig(string configured, DiagnosticSeverity? expected)
    {
        var test = new CSharpAnalyzerTest<IdentityAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources = { Usings + "[Aggregate] public sealed partial class Order { public {|#0:Guid|} Id { get; } }" },
                AnalyzerConfigFiles = { ("/.editorconfig", $"root = true\n\n[*.cs]\ndotnet_diagnostic.BLM1007.severity = {configured}\n") },
            },
        };
        UseOfflineReferences(test);
        if (expected is { } severity)
        {
            test.ExpectedDiagnostics.Add(Blm1007(0, "Order", "Guid").WithSeverity(severity));
        }

        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<IdentityAnalyzer>();
}
