using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class DomainEventMutableTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<DomainEventAnalyzer>(Usings + "using System.Collections.Generic;\n" + source, expected);

    private static DiagnosticResult Blm3001(int location, string type, string member, string what, string advice)
        => Diagnostic<DomainEventAnalyzer>("BLM3001").WithLocation(location).WithArguments(type, member, what, advice);

    [Test]
    public Task Reports_a_settable_property_with_the_init_advice()
        => VerifyAsync(
            """
            [DomainEvent]
            public sealed partial record OrderPlaced(Guid OrderId)
            {
                public string {|#0:Channel|} { get; set; } = "web";

                public int {|#1:Attempt|} { get; private set; }
            }
            """,
            Blm3001(0, "OrderPlaced", "Channel", "it has a set accessor", "use 'init' instead of 'set'"),
            Blm3001(1, "OrderPlaced", "Attempt", "it has a set accessor", "use 'init' instead of 'set'"));

    [Test]
    public Task Reports_fields_that_are_not_readonly()
        => VerifyAsync(
            """
            [DomainEvent]
            public sealed partial class PaymentReceived
            {
                public decimal {|#0:Amount|};
                private string {|#1:_reference|} = "";
            }
            """,
            Blm3001(0, "PaymentReceived", "Amount", "a field that is not readonly", "make the field readonly"),
            Blm3001(1, "PaymentReceived", "_reference", "a field that is not readonly", "make the field readonly"));

    [Test]
    public Task Reports_exposed_mutable_collections_on_properties_and_positional_parameters()
        => VerifyAsync(
            """
            [DomainEvent]
            public sealed partial record LinesAdded(Guid OrderId, List<string> {|#0:Skus|})
            {
                public Dictionary<string, int> {|#1:Quantities|} { get; init; } = new();

                public HashSet<string> {|#2:Labels|} { get; init; } = new();

                public int[] {|#3:Positions|} { get; init; } = [];
            }
            """,
            Blm3001(0, "LinesAdded", "Skus", "its type List<string> is a mutable collection", "expose it as IReadOnlyList<string>"),
            Blm3001(1, "LinesAdded", "Quantities", "its type Dictionary<string, int> is a mutable collection", "expose it as IReadOnlyDictionary<string, int>"),
            Blm3001(2, "LinesAdded", "Labels", "its type HashSet<string> is a mutable collection", "expose it as IReadOnlySet<string>"),
            Blm3001(3, "LinesAdded", "Positions", "its type int[] is a mutable collection", "expose it as IReadOnlyList<int>"));

    [Test]
    public Task No_diagnostic_for_immutable_events()
        => VerifyAsync(
            """
            [DomainEvent(Name = "ordering.order-placed")]
            public sealed partial record OrderPlaced(Guid OrderId, IReadOnlyList<string> Skus)
            {
                public string Channel { get; init; } = "web";
                public static int Count { get; set; }
                private readonly List<string> _notes = new();
                public IReadOnlyDictionary<string, int> Quantities { get; init; } = new Dictionary<string, int>();
            }

            [DomainEvent]
            public sealed partial class OrderShipped
            {
                public OrderShipped(Guid orderId) => OrderId = orderId;
                public Guid OrderId { get; }
                public readonly string Carrier = "post";
                public const int Version = 2;
            }
            """);

    [Test]
    public Task No_diagnostic_for_classes_that_are_not_events()
        => VerifyAsync(
            """
            public sealed record OrderPlacedMessage(Guid OrderId) { public string Channel { get; set; } = ""; public List<int> Lines = new(); }
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<DomainEventAnalyzer>();
}
