using Bloom.IntegrationTests.Support;

namespace Bloom.IntegrationTests;

/// <summary>
/// Value-object shapes that cannot be declared in Domain/ because their generated code would break this project's build.
/// Each source is compiled in memory with the real generators; the generated code must compile without warnings.
/// </summary>
public sealed class GeneratedCodeCompilationTests
{
    [Test]
    public void Harness_CompilesTheOrdinaryShapes_WithoutProblems()
    {
        const string Source = """
            using Bloom;
            namespace Probe;
            [StronglyTypedId] public readonly partial struct ThingId;
            [ValueObject]
            public sealed partial record Price(decimal Amount, string Currency)
            {
                private static void Validate(ref ValidationErrors errors, decimal amount, string currency) =>
                    errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
            }
            [DomainEvent] public sealed partial record ThingPriced(ThingId Thing, Price Price);
            """;

        var problems = InMemoryCompilation.Problems(Source, out var generated);

        Assert.That(problems, Is.Empty, InMemoryCompilation.Describe(problems));
        Assert.That(generated, Does.Contain("partial record Price").And.Contain("BloomDomainEvents"), "the generators really ran");
    }

    [Test]
    public void Harness_ReportsErrorsInTheSource()
    {
        var problems = InMemoryCompilation.Problems("namespace Probe; public sealed class Broken { int X => \"text\"; }", out _);

        Assert.That(problems.Select(static p => p.Id), Does.Contain("CS0029"));
    }

    /// <summary>
    /// A single-value object whose member is called <c>Value</c> (the most common name for it) gets
    /// <c>TryCreate(string value, out Email? value, out ... errors)</c>: two parameters named <c>value</c> (CS0100).
    /// </summary>
    [TestCase("Value")]
    [TestCase("Errors")]
    public void ValueObjectWithValidate_MemberNamedLikeATryCreateOutParameter_Compiles(string member)
    {
        var source = $$"""
            using Bloom;
            namespace Probe;
            [ValueObject]
            public sealed partial record Email(string {{member}})
            {
                private static void Validate(ref ValidationErrors errors, string text) =>
                    errors.Ensure(text.Contains('@'), nameof({{member}}), "must contain '@'");
            }
            """;

        var problems = InMemoryCompilation.Problems(source, out var generated);

        Assert.That(problems, Is.Empty, InMemoryCompilation.Describe(problems) + "\n" + generated);
    }

    [Test]
    public void ClassValueObjectWithValidate_MemberNamedValue_Compiles()
    {
        const string Source = """
            using Bloom;
            namespace Probe;
            [ValueObject]
            public sealed partial class Percentage
            {
                public decimal Value { get; }

                private static void Validate(ref ValidationErrors errors, decimal value) =>
                    errors.Ensure(value is >= 0 and <= 100, nameof(Value), "must be between 0 and 100");
            }
            """;

        var problems = InMemoryCompilation.Problems(Source, out var generated);

        Assert.That(problems, Is.Empty, InMemoryCompilation.Describe(problems) + "\n" + generated);
    }

    /// <summary>Members named with a C# keyword (<c>@class</c>) are escaped in equality and the constructor, so the JSON converter must escape them too.</summary>
    [Test]
    public void ValueObject_MemberNamedWithAKeyword_Compiles()
    {
        const string Source = """
            using Bloom;
            namespace Probe;
            [ValueObject]
            public sealed partial class Seat
            {
                public int @class { get; }

                public string @event { get; }
            }
            """;

        var problems = InMemoryCompilation.Problems(Source, out var generated);

        Assert.That(problems, Is.Empty, InMemoryCompilation.Describe(problems.Take(5)) + "\n" + generated);
    }
}
