using System.Linq.Expressions;

namespace Bloom.Abstractions.Tests;

[TestFixture]
public sealed class SpecificationTests
{
    public sealed record Shipment(int Id, int Weight, string Destination, bool Flagged, int? Priority, DateTime PlacedAt);

    private sealed class Heavy(int threshold) : Specification<Shipment>
    {
        public override Expression<Func<Shipment, bool>> ToExpression() => s => s.Weight > threshold;
    }

    private sealed class Flagged : Specification<Shipment>
    {
        public override Expression<Func<Shipment, bool>> ToExpression() => shipment => shipment.Flagged;
    }

    private sealed class GoingTo(string prefix) : Specification<Shipment>
    {
        public override Expression<Func<Shipment, bool>> ToExpression() => x => x.Destination.StartsWith(prefix, StringComparison.Ordinal);
    }

    private sealed class CountingSpecification : Specification<Shipment>
    {
        public int Calls;

        public override Expression<Func<Shipment, bool>> ToExpression()
        {
            Interlocked.Increment(ref Calls);
            return s => s.Id > 0;
        }
    }

    private sealed class NullSpecification : Specification<Shipment>
    {
        public override Expression<Func<Shipment, bool>> ToExpression() => null!;
    }

    private static Shipment Make(int weight = 10, string destination = "Berlin", bool flagged = false, int? priority = null) =>
        new(1, weight, destination, flagged, priority, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Test]
    public void Leaf_is_satisfied_by_matching_candidates_only()
    {
        var heavy = new Heavy(100);

        Assert.That(heavy.IsSatisfiedBy(Make(weight: 101)), Is.True);
        Assert.That(heavy.IsSatisfiedBy(Make(weight: 100)), Is.False);
    }

    [TestCase(101, true, true)]
    [TestCase(101, false, false)]
    [TestCase(50, true, false)]
    [TestCase(50, false, false)]
    public void And_and_operator_ampersand_agree_with_logical_and(int weight, bool flagged, bool expected)
    {
        var candidate = Make(weight: weight, flagged: flagged);

        Assert.That(new Heavy(100).And(new Flagged()).IsSatisfiedBy(candidate), Is.EqualTo(expected));
        Assert.That((new Heavy(100) & new Flagged()).IsSatisfiedBy(candidate), Is.EqualTo(expected));
    }

    [TestCase(101, true, true)]
    [TestCase(101, false, true)]
    [TestCase(50, true, true)]
    [TestCase(50, false, false)]
    public void Or_and_operator_pipe_agree_with_logical_or(int weight, bool flagged, bool expected)
    {
        var candidate = Make(weight: weight, flagged: flagged);

        Assert.That(new Heavy(100).Or(new Flagged()).IsSatisfiedBy(candidate), Is.EqualTo(expected));
        Assert.That((new Heavy(100) | new Flagged()).IsSatisfiedBy(candidate), Is.EqualTo(expected));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Not_and_operator_bang_negate(bool flagged)
    {
        var candidate = Make(flagged: flagged);

        Assert.That(new Flagged().Not().IsSatisfiedBy(candidate), Is.EqualTo(!flagged));
        Assert.That((!new Flagged()).IsSatisfiedBy(candidate), Is.EqualTo(!flagged));
        Assert.That((!!new Flagged()).IsSatisfiedBy(candidate), Is.EqualTo(flagged));
    }

    [Test]
    public void Nested_combination_matches_the_boolean_formula()
    {
        // (heavy & !flagged) | goingTo("Ber")
        var spec = (new Heavy(100) & !new Flagged()) | new GoingTo("Ber");

        Assert.Multiple(() =>
        {
            Assert.That(spec.IsSatisfiedBy(Make(weight: 200, destination: "Paris")), Is.True);
            Assert.That(spec.IsSatisfiedBy(Make(weight: 200, destination: "Paris", flagged: true)), Is.False);
            Assert.That(spec.IsSatisfiedBy(Make(weight: 200, destination: "Bern", flagged: true)), Is.True);
            Assert.That(spec.IsSatisfiedBy(Make(weight: 5, destination: "Paris")), Is.False);
        });
    }

    [Test]
    public void Composites_expose_their_operands_for_translators()
    {
        var heavy = new Heavy(1);
        var flagged = new Flagged();
        var goingTo = new GoingTo("B");

        var spec = (heavy & !flagged) | goingTo;

        var or = (OrSpecification<Shipment>)spec;
        var and = (AndSpecification<Shipment>)or.Left;
        var not = (NotSpecification<Shipment>)and.Right;
        Assert.Multiple(() =>
        {
            Assert.That(or.Right, Is.SameAs(goingTo));
            Assert.That(and.Left, Is.SameAs(heavy));
            Assert.That(not.Inner, Is.SameAs(flagged));
        });
    }

    [Test]
    public void Composed_expression_is_one_flat_lambda_with_one_parameter()
    {
        // Operands use different parameter names (s, shipment, x) and one repeats; all must be rebound to one parameter.
        var spec = ((new Heavy(100) & !new Flagged()) | (new GoingTo("Ber") & new Heavy(5))).Not() & Specification<Shipment>.Where(q => q.Priority == null);

        var expression = spec.ToExpression();
        var shape = TreeShape.Of(expression);

        Assert.Multiple(() =>
        {
            Assert.That(expression.Parameters, Has.Count.EqualTo(1));
            Assert.That(shape.Invocations, Is.Zero, "composition must not use Expression.Invoke");
            Assert.That(shape.Lambdas, Is.EqualTo(1), "only the outer lambda");
            Assert.That(shape.Parameters, Is.EquivalentTo(new[] { expression.Parameters[0] }));
        });
    }

    [Test]
    public void Composed_expression_is_built_once_per_instance()
    {
        var counting = new CountingSpecification();
        var spec = counting & new Flagged();

        var first = spec.ToExpression();
        var second = spec.ToExpression();
        spec.IsSatisfiedBy(Make());
        spec.IsSatisfiedBy(Make());

        Assert.That(second, Is.SameAs(first));
        Assert.That(counting.Calls, Is.EqualTo(1));
    }

    [Test]
    public void IsSatisfiedBy_compiles_once_even_when_called_concurrently()
    {
        var counting = new CountingSpecification();

        Parallel.For(0, 1000, i => Assert.That(counting.IsSatisfiedBy(Make()), Is.True));

        Assert.That(counting.Calls, Is.EqualTo(1), "racing first callers wait for one compile");
        var before = counting.Calls;
        counting.IsSatisfiedBy(Make());
        Assert.That(counting.Calls, Is.EqualTo(before), "the compiled delegate is cached");
    }

    [Test]
    public void Random_trees_agree_between_compiled_expression_IsSatisfiedBy_and_an_independent_oracle()
    {
        var random = new Random(20260401);
        var destinations = new[] { "Berlin", "Bern", "Paris", "Porto", "", "b", "Bonn" };
        var candidates = Enumerable.Range(0, 1000)
            .Select(i => new Shipment(
                i,
                random.Next(-50, 250),
                destinations[random.Next(destinations.Length)],
                random.Next(2) == 0,
                random.Next(4) == 0 ? null : random.Next(0, 5),
                new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(0, 10_000))))
            .ToArray();

        var checkedTrees = 0;
        for (var t = 0; t < 300; t++)
        {
            var (spec, oracle) = RandomTree(random, depth: random.Next(1, 6));
            var compiled = spec.ToExpression().Compile();
            Assert.That(TreeShape.Of(spec.ToExpression()).Invocations, Is.Zero);
            foreach (var candidate in candidates)
            {
                var expected = oracle(candidate);
                if (compiled(candidate) != expected || spec.IsSatisfiedBy(candidate) != expected)
                {
                    Assert.Fail($"Tree {t} disagrees on {candidate}: oracle {expected}, compiled {compiled(candidate)}, IsSatisfiedBy {spec.IsSatisfiedBy(candidate)}. Spec: {spec}");
                }
            }

            checkedTrees++;
        }

        Assert.That(checkedTrees, Is.EqualTo(300));
    }

    [Test]
    public void All_is_satisfied_by_everything_and_is_neutral_for_and()
    {
        var all = Specification<Shipment>.All;

        Assert.That(all.IsSatisfiedBy(Make()), Is.True);
        Assert.That(all.IsSatisfiedBy(null!), Is.True);
        Assert.That(Specification<Shipment>.All, Is.SameAs(all));
        Assert.That((all & new Flagged()).IsSatisfiedBy(Make(flagged: false)), Is.False);
        Assert.That((all & new Flagged()).IsSatisfiedBy(Make(flagged: true)), Is.True);
        Assert.That((!all).IsSatisfiedBy(Make()), Is.False);
    }

    [Test]
    public void Where_creates_an_ad_hoc_specification_that_composes()
    {
        var urgent = Specification<Shipment>.Where(s => s.Priority >= 3);

        Assert.That(urgent.IsSatisfiedBy(Make(priority: 4)), Is.True);
        Assert.That(urgent.IsSatisfiedBy(Make(priority: null)), Is.False);
        Assert.That((urgent | new Flagged()).IsSatisfiedBy(Make(priority: 1, flagged: true)), Is.True);
        Assert.Throws<ArgumentNullException>(() => Specification<Shipment>.Where(null!));
    }

    [Test]
    public void ToString_shows_the_expression()
    {
        Assert.That(Specification<Shipment>.Where(s => s.Weight > 3).ToString(), Is.EqualTo("s => (s.Weight > 3)"));
        Assert.That(new Flagged().ToString(), Is.EqualTo("Flagged: shipment => shipment.Flagged"));
        Assert.That((new Flagged() & !Specification<Shipment>.Where(s => s.Weight > 3)).ToString(),
            Is.EqualTo("shipment => (shipment.Flagged AndAlso Not((shipment.Weight > 3)))"));
    }

    [Test]
    public void ToString_of_a_specification_that_captures_its_own_state_does_not_recurse()
    {
        var heavy = new Heavy(100);
        var inner = Specification<Shipment>.Where(s => s.Weight > 1);
        var wrapping = Specification<Shipment>.Where(s => inner.IsSatisfiedBy(s));
        var typeName = typeof(Heavy).ToString();

        Assert.Multiple(() =>
        {
            Assert.That(heavy.ToString(), Is.EqualTo($"Heavy: s => (s.Weight > value({typeName}).<threshold>P)"));
            Assert.That((heavy & !new Flagged()).ToString(),
                Is.EqualTo($"s => ((s.Weight > value({typeName}).<threshold>P) AndAlso Not(s.Flagged))"));
            Assert.That(wrapping.ToString(), Does.Contain("IsSatisfiedBy(s)"));
            Assert.That(new GoingTo("B").ToString(), Does.StartWith("GoingTo: x => x.Destination.StartsWith("));
        });
    }

    [Test]
    public void Null_operands_are_rejected()
    {
        var flagged = new Flagged();

        Assert.Throws<ArgumentNullException>(() => _ = flagged & null!);
        Assert.Throws<ArgumentNullException>(() => _ = null! | flagged);
        Assert.Throws<ArgumentNullException>(() => _ = !(Specification<Shipment>)null!);
        Assert.Throws<ArgumentNullException>(() => flagged.And(null!));
    }

    [Test]
    public void A_specification_returning_a_null_expression_fails_with_a_clear_message()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new NullSpecification().IsSatisfiedBy(Make()));
        Assert.That(ex!.Message, Does.Contain("NullSpecification.ToExpression() returned null"));

        var composed = Assert.Throws<InvalidOperationException>(() => (new Flagged() & new NullSpecification()).ToExpression());
        Assert.That(composed!.Message, Does.Contain("NullSpecification.ToExpression() returned null"));
    }

    [Test]
    public void UntranslatableSpecificationException_names_the_expression_and_the_reason()
    {
        Expression<Func<Shipment, bool>> e = s => s.Destination.GetHashCode() == 3;

        var ex = new UntranslatableSpecificationException(e.Body, "method GetHashCode has no SQL equivalent");

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.InstanceOf<DomainException>());
            Assert.That(ex.Expression, Is.EqualTo("(s.Destination.GetHashCode() == 3)"));
            Assert.That(ex.Reason, Is.EqualTo("method GetHashCode has no SQL equivalent"));
            Assert.That(ex.Message, Does.StartWith(
                "The specification expression '(s.Destination.GetHashCode() == 3)' cannot be translated to a query: method GetHashCode has no SQL equivalent. Nothing was read."));
        });
        Assert.Throws<ArgumentNullException>(() => _ = new UntranslatableSpecificationException((string)null!, "r"));
        Assert.Throws<ArgumentNullException>(() => _ = new UntranslatableSpecificationException("x", null!));
    }

    private static (Specification<Shipment> Spec, Func<Shipment, bool> Oracle) RandomTree(Random random, int depth)
    {
        if (depth <= 1 || random.Next(4) == 0)
        {
            return RandomLeaf(random);
        }

        switch (random.Next(3))
        {
            case 0:
            {
                var (l, lo) = RandomTree(random, depth - 1);
                var (r, ro) = RandomTree(random, depth - 1);
                return random.Next(2) == 0 ? (l & r, c => lo(c) && ro(c)) : (l.And(r), c => lo(c) && ro(c));
            }

            case 1:
            {
                var (l, lo) = RandomTree(random, depth - 1);
                var (r, ro) = RandomTree(random, depth - 1);
                return random.Next(2) == 0 ? (l | r, c => lo(c) || ro(c)) : (l.Or(r), c => lo(c) || ro(c));
            }

            default:
            {
                var (i, io) = RandomTree(random, depth - 1);
                return random.Next(2) == 0 ? (!i, c => !io(c)) : (i.Not(), c => !io(c));
            }
        }
    }

    private static (Specification<Shipment> Spec, Func<Shipment, bool> Oracle) RandomLeaf(Random random)
    {
        var n = random.Next(-60, 260);
        var p = random.Next(0, 6);
        var prefix = new[] { "B", "Be", "P", "", "Bonn", "x" }[random.Next(6)];
        var cutoff = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(0, 10_000));
        return random.Next(7) switch
        {
            0 => (new Heavy(n), c => c.Weight > n),
            1 => (new Flagged(), c => c.Flagged),
            2 => (new GoingTo(prefix), c => c.Destination.StartsWith(prefix, StringComparison.Ordinal)),
            3 => (Specification<Shipment>.Where(c => c.Priority == null), c => c.Priority is null),
            4 => (Specification<Shipment>.Where(c => c.Priority < p), c => c.Priority is { } v && v < p),
            5 => (Specification<Shipment>.Where(c => c.PlacedAt >= cutoff), c => c.PlacedAt >= cutoff),
            _ => (Specification<Shipment>.All, _ => true),
        };
    }

    /// <summary>Walks an expression tree and records invocations, nested lambdas and every parameter reference.</summary>
    private sealed class TreeShape : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> _parameters = [];

        public int Invocations { get; private set; }

        public int Lambdas { get; private set; }

        public IReadOnlyCollection<ParameterExpression> Parameters => _parameters;

        public static TreeShape Of(Expression expression)
        {
            var shape = new TreeShape();
            shape.Visit(expression);
            return shape;
        }

        protected override Expression VisitInvocation(InvocationExpression node)
        {
            Invocations++;
            return base.VisitInvocation(node);
        }

        protected override Expression VisitLambda<TDelegate>(Expression<TDelegate> node)
        {
            Lambdas++;
            return base.VisitLambda(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _parameters.Add(node);
            return base.VisitParameter(node);
        }
    }
}
