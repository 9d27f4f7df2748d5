using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class PersistabilityAnalyzerTests
{
    private const string Ids = """
        using System.Collections.Generic;
        [StronglyTypedId] public readonly partial struct OrderId;
        [ValueObject] public sealed partial record Money(decimal Amount, string Currency);
        [Entity] public sealed partial class Line { public Guid Id { get; private set; } public int Quantity { get; private set; } }
        public sealed class Unmapped { public int X { get; set; } }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<PersistabilityAnalyzer>(Usings + Ids + source, expected);

    private static DiagnosticResult Blm4002(string type, string reason)
        => Diagnostic<PersistabilityAnalyzer>("BLM4002").WithLocation(0).WithArguments(type, reason);

    [Test]
    public Task No_diagnostic_for_a_mappable_aggregate()
        => VerifyAsync(
            """
            public enum Status { Open, Closed }
            [Aggregate]
            public sealed partial class Order
            {
                private readonly List<Line> _lines = [];
                [NotPersisted] private Unmapped? _cache;
                public OrderId Id { get; private set; }
                public Status Status { get; private set; }
                public Money Total { get; private set; } = new(0m, "EUR");
                public DateTimeOffset? ShippedAt { get; private set; }
                public Dictionary<string, int> Tags { get; } = [];
            }
            """);

    [Test]
    public Task Reports_a_member_without_a_storage_mapping()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class {|#0:Order|}
            {
                public OrderId Id { get; private set; }
                private Unmapped _state = new();
            }
            """,
            Blm4002("Order", "member '_state' of type 'Unmapped' has no storage mapping (mark it [NotPersisted], or make its type a [ValueObject], [Entity] or [StronglyTypedId])"));

    [Test]
    public Task Reports_a_class_primary_constructor()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class {|#0:Order|}(OrderId id)
            {
                public OrderId Id { get; private set; } = id;
            }
            """,
            Blm4002("Order", "it has a primary constructor (every other constructor, including the generated one, would have to call it)"));

    [Test]
    public Task Reports_a_base_class_that_is_not_an_aggregate()
        => VerifyAsync(
            """
            public abstract class EntityBase { }
            [Aggregate]
            public sealed partial class {|#0:Order|} : EntityBase
            {
                public OrderId Id { get; private set; }
            }
            """,
            Blm4002("Order", "it derives from 'EntityBase' (the reconstitution constructor cannot restore a base class's state; seal aggregates instead of deriving them)"));

    [Test]
    public Task Reports_an_id_that_is_not_an_auto_property()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class {|#0:Order|}
            {
                private OrderId _id;
                public OrderId Id => _id;
            }
            """,
            Blm4002("Order", "its Id is not an auto-property declared in the class (or is marked [NotPersisted])"));

    [Test]
    public Task Reports_a_member_mapped_to_the_reserved_version_column()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class {|#0:Order|}
            {
                public OrderId Id { get; private set; }
                public int Version2 { get; private set; }
                private int version;
            }
            """,
            Blm4002("Order", "two members map to the column 'version', or one maps to 'version', which Bloom reserves (rename a member)"));

    [Test]
    public Task No_diagnostic_for_event_sourced_generic_or_identity_less_aggregates()
        => VerifyAsync(
            """
            [Aggregate(EventSourced = true)]
            public sealed partial class Account
            {
                public OrderId Id { get; private set; }
                private Unmapped _state = new();
            }

            [Aggregate]
            public sealed partial class NoIdentity { private Unmapped _state = new(); }
            """);
}
