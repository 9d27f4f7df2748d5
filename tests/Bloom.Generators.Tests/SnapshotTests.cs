using Bloom.Generators.Tests.Helpers;

namespace Bloom.Generators.Tests;

/// <summary>One whole-file snapshot per feature: the generated code is reviewed like code, and must compile warning-free.</summary>
public sealed class SnapshotTests
{
    [Test]
    public void StronglyTypedIds() => Verify(nameof(StronglyTypedIds), """
        using Bloom;
        namespace Shop;
        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId(IdBacking.Long)] public readonly partial struct CustomerNumber;
        [StronglyTypedId(IdBacking.String)] public readonly partial struct Sku;
        """);

    [Test]
    public void ValueObjects() => Verify(nameof(ValueObjects), """
        using System.Collections.Generic;
        using Bloom;
        namespace Shop;
        [ValueObject]
        public sealed partial record Money(decimal Amount, string Currency)
        {
            private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
            {
                errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
                errors.Ensure(currency is { Length: 3 }, nameof(Currency), "must be a three-letter ISO code");
            }
        }

        [ValueObject]
        public sealed partial class Address
        {
            public IReadOnlyList<string> Lines { get; }
            public string? Country { get; }
            private readonly int[] _codes;
        }

        [ValueObject]
        public readonly partial record struct Percentage(decimal Value);
        """);

    [Test]
    public void EntitiesAndAggregates() => Verify(nameof(EntitiesAndAggregates), """
        using Bloom;
        namespace Shop;
        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId] public readonly partial struct LineId;
        [Entity] public sealed partial class OrderLine { public LineId Id { get; private set; } }
        [Aggregate] public sealed partial class Order { public OrderId Id { get; private set; } }
        [Aggregate] public partial class Account { public string Id { get; protected set; } = ""; }
        """);

    [Test]
    public void EventSourcedAggregate() => Verify(nameof(EventSourcedAggregate), """
        using Bloom;
        namespace Bank;
        [DomainEvent] public sealed partial record Deposited(decimal Amount);
        [DomainEvent] public sealed partial record Withdrawn(decimal Amount);
        [Aggregate(EventSourced = true)]
        public sealed partial class Account
        {
            public System.Guid Id { get; private set; }
            public decimal Balance { get; private set; }
            private void When(Deposited e) => Balance += e.Amount;
            private void When(Withdrawn e) => Balance -= e.Amount;
        }
        """);

    [Test]
    public void DomainEvents() => Verify(nameof(DomainEvents), """
        using System;
        using System.Collections.Generic;
        using Bloom;
        namespace Shop;
        public enum Channel { Web, Store }
        [StronglyTypedId] public readonly partial struct OrderId;
        [ValueObject] public sealed partial record Money(decimal Amount, string Currency);
        [DomainEvent(Name = "shop.order-placed", Version = 2)]
        public sealed partial record OrderPlaced(OrderId OrderId, Money Total, Channel Channel, IReadOnlyList<string> Tags, DateOnly? DeliverOn, string? Note);
        public partial class Outer
        {
            [DomainEvent] public sealed partial record Nested(int Value);
        }
        """);

    private static void Verify(string name, string source)
    {
        var (output, run, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var problems = GeneratorHarness.Problems(output, run);
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems));
        Snapshot.Match(GeneratorHarness.GeneratedText(run), name);
    }
}
