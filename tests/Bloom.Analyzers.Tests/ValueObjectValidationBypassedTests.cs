using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class ValueObjectValidationBypassedTests
{
    // A struct value object with validation; the generators do not run in analyzer tests, which these rules do not need.
    private const string Quantity = """
        [ValueObject]
        public readonly partial record struct Quantity(int Value)
        {
            private static void Validate(ref ValidationErrors errors, int value) => errors.Ensure(value > 0, nameof(Value), "must be positive");
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<ValueObjectValidationAnalyzer>(Usings + Quantity + source, expected);

    private static DiagnosticResult Blm2002(int location, string expression, string type = "Quantity")
        => Diagnostic<ValueObjectValidationAnalyzer>("BLM2002").WithLocation(location).WithArguments(expression, type);

    [Test]
    public Task Reports_default_of_the_type()
        => VerifyAsync(
            """
            public static class Checkout
            {
                public static Quantity Start() => {|#0:default(Quantity)|};
            }
            """,
            Blm2002(0, "default(Quantity)"));

    [Test]
    public Task Reports_a_default_literal_converted_to_the_type()
        => VerifyAsync(
            """
            public static class Checkout
            {
                public static Quantity Start()
                {
                    Quantity quantity = {|#0:default|};
                    return quantity;
                }

                public static int Count(Quantity quantity = {|#1:default|}) => quantity.Value;

                public static Quantity[] Pair() => new Quantity[] { {|#2:default|}, new(1) };
            }
            """,
            Blm2002(0, "default"),
            Blm2002(1, "default"),
            Blm2002(2, "default"));

    [Test]
    public Task Reports_a_parameterless_new_but_not_its_initializer()
        => VerifyAsync(
            """
            public static class Checkout
            {
                public static Quantity A() => {|#0:new Quantity()|};

                public static Quantity B() => {|#1:new()|};

                public static Quantity C() => {|#2:new Quantity|} { Value = -1 };

                public static Quantity D() => {|#3:new Quantity()|} { Value = -1 };
            }
            """,
            Blm2002(0, "new Quantity()"),
            Blm2002(1, "new()"),
            Blm2002(2, "new Quantity"),
            Blm2002(3, "new Quantity()"));

    [Test]
    public Task Reports_a_plain_struct_value_object_too()
        => VerifyAnalyzerAsync<ValueObjectValidationAnalyzer>(
            Usings + """
            namespace Geo
            {
                [ValueObject]
                public readonly partial struct Coordinates
                {
                    public double Latitude { get; }

                    private static void Validate(ref ValidationErrors errors, double latitude) => errors.Ensure(latitude is >= -90 and <= 90, nameof(Latitude), "out of range");
                }

                public static class Map
                {
                    public static Coordinates Origin { get; } = {|#0:new Coordinates()|};
                }
            }
            """,
            Blm2002(0, "new Coordinates()", "Coordinates"));

    [Test]
    public Task No_diagnostic_inside_the_value_object_and_its_nested_types()
        => VerifyAnalyzerAsync<ValueObjectValidationAnalyzer>(
            Usings + """
            [ValueObject]
            public readonly partial record struct Quantity(int Value)
            {
                public static Quantity None => default;

                public static bool TryParse(string text, out Quantity quantity)
                {
                    quantity = new Quantity();
                    return false;
                }

                private static void Validate(ref ValidationErrors errors, int value) => errors.Ensure(value > 0, nameof(Value), "must be positive");

                private static class Helper
                {
                    public static Quantity Empty() => default(Quantity);
                }
            }
            """);

    [Test]
    public Task No_diagnostic_for_valid_construction_and_comparisons()
        => VerifyAsync(
            """
            #nullable enable
            public static class Checkout
            {
                public static Quantity One() => new Quantity(1);

                public static Quantity Two() => new(2);

                public static Quantity? Nothing() => default;

                public static Quantity? Nothing2() => default(Quantity?);

                public static bool IsUnset(Quantity quantity) => quantity == default || quantity != default(Quantity) || default == quantity;

                public static T Generic<T>() => default!;
            }
            """);

    [Test]
    public Task No_diagnostic_for_value_objects_that_do_not_validate_or_are_classes()
        => VerifyAnalyzerAsync<ValueObjectValidationAnalyzer>(
            Usings + """
            #nullable enable
            [ValueObject]
            public readonly partial record struct Count(int Value);

            [ValueObject]
            public sealed partial record Money(decimal Amount)
            {
                private static void Validate(ref ValidationErrors errors, decimal amount) => errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
            }

            public readonly record struct Plain(int Value)
            {
                private static void Validate(ref ValidationErrors errors, int value) { }
            }

            public static class Uses
            {
                public static Count A() => default;
                public static Count B() => new Count();
                public static Money? C() => default(Money);
                public static Plain D() => new Plain();
                public static int E() => default;
            }
            """);

    [Test]
    public Task No_diagnostic_for_a_parameterless_constructor_written_by_hand()
        => VerifyAnalyzerAsync<ValueObjectValidationAnalyzer>(
            Usings + """
            [ValueObject]
            public readonly partial struct Window
            {
                public Window()
                {
                    var errors = default(ValidationErrors);
                    Validate(ref errors, 1);
                    Size = 1;
                }

                public int Size { get; }

                private static void Validate(ref ValidationErrors errors, int size) => errors.Ensure(size > 0, nameof(Size), "must be positive");
            }

            public static class Uses
            {
                public static Window A() => new Window();
            }
            """);

    [Test]
    public async Task No_diagnostic_in_generated_code()
    {
        var test = new CSharpAnalyzerTest<ValueObjectValidationAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources =
                {
                    Usings + Quantity,
                    ("/0/Checkout.g.cs", "// <auto-generated/>\npublic static class GeneratedCheckout { public static Quantity Start() => default; }\n"),
                },
            },
        };
        UseOfflineReferences(test);
        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<ValueObjectValidationAnalyzer>();
}
