using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class ValueObjectValidationNotHookedTests
{
    private const string RemoveConstructor = "remove the constructor (Bloom then generates one that validates) or call Validate from it";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<ValueObjectValidationAnalyzer>(Usings + source, expected);

    private static DiagnosticResult Blm2003(int location, string type, string reason, string advice)
        => Diagnostic<ValueObjectValidationAnalyzer>("BLM2003").WithLocation(location).WithArguments(type, reason, advice);

    private static DiagnosticResult InitAccessor(int location, string type, string property)
        => Blm2003(location, type, $"'{property}' has an init accessor that 'with' expressions and object initializers call after validation", $"make '{property}' get-only");

    [Test]
    public Task Reports_a_hand_written_constructor_of_a_class()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Money
            {
                public {|#0:Money|}(decimal amount, string currency)
                {
                    Amount = amount;
                    Currency = currency;
                }

                public decimal Amount { get; }

                public string Currency { get; }

                private static void Validate(ref ValidationErrors errors, decimal amount, string currency) => errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
            }
            """,
            Blm2003(0, "Money", "its constructor 'Money.Money(decimal, string)' is written by hand and does not call Validate", RemoveConstructor));

    [Test]
    public Task Reports_a_parameterless_struct_constructor_and_each_constructor_that_does_not_validate()
        => VerifyAsync(
            """
            [ValueObject]
            public readonly partial struct Window
            {
                public {|#0:Window|}() => Size = 1;

                public {|#1:Window|}(int size) => Size = size;

                public Window(int size, bool checkedByCaller) : this(size) { }

                public int Size { get; }

                private static void Validate(ref ValidationErrors errors, int size) => errors.Ensure(size > 0, nameof(Size), "must be positive");
            }
            """,
            Blm2003(0, "Window", "its constructor 'Window.Window()' is written by hand and does not call Validate", RemoveConstructor),
            Blm2003(1, "Window", "its constructor 'Window.Window(int)' is written by hand and does not call Validate", RemoveConstructor));

    [Test]
    public Task Reports_a_primary_constructor_of_a_class_on_its_parameter_list()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Sku{|#0:(string code)|}
            {
                public string Code { get; } = code;

                private static void Validate(ref ValidationErrors errors, string code) => errors.Ensure(code.Length == 8, nameof(Code), "must have 8 characters");
            }
            """,
            Blm2003(0, "Sku", "it has a primary constructor, which Bloom cannot make validate",
                "declare its state as get-only properties and remove the parameter list: Bloom then generates a constructor that validates"));

    [Test]
    public Task Reports_init_accessors_on_a_value_object_whose_constructor_Bloom_generates()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Range
            {
                public int From { get; {|#0:init|}; }

                public int To { get; }

                private static void Validate(ref ValidationErrors errors, int from, int to) => errors.Ensure(from <= to, nameof(From), "must not be after To");
            }

            [ValueObject]
            public sealed partial record Span
            {
                public int Length { get; {|#1:init|}; }

                private static void Validate(ref ValidationErrors errors, int length) => errors.Ensure(length >= 0, nameof(Length), "must not be negative");
            }
            """,
            InitAccessor(0, "Range", "From"),
            InitAccessor(1, "Span", "Length"));

    [Test]
    public Task Reports_a_hand_declared_positional_property_with_init()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial record Email(string Address, string Label)
            {
                public string Address { get; {|#0:init|}; } = Address.Trim();

                public string Note { get; init; } = "";

                private static void Validate(ref ValidationErrors errors, string address, string label) => errors.Ensure(address.Contains('@'), nameof(Address), "must contain '@'");
            }
            """,
            InitAccessor(0, "Email", "Address"));

    [Test]
    public Task No_diagnostic_for_the_construction_paths_Bloom_hooks()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial record Money(decimal Amount, string Currency)
            {
                public Money(decimal amount) : this(amount, "EUR") { }

                public string Note { get; init; } = "";

                private static void Validate(ref ValidationErrors errors, decimal amount, string currency) => errors.Ensure(amount >= 0, nameof(Amount), "must not be negative");
            }

            [ValueObject]
            public sealed partial record Email(string Address)
            {
                public string Address { get; } = Address.Trim().ToLowerInvariant();

                private static void Validate(ref ValidationErrors errors, string address) => errors.Ensure(address.Contains('@'), nameof(Address), "must contain '@'");
            }

            [ValueObject]
            public readonly partial record struct Temperature(decimal Celsius)
            {
                private static void Validate(ref ValidationErrors errors, decimal celsius) => errors.Ensure(celsius >= -273.15m, nameof(Celsius), "too cold");
            }

            [ValueObject]
            public readonly partial struct Coordinates
            {
                public double Latitude { get; }

                private static void Validate(ref ValidationErrors errors, double latitude) => errors.Ensure(latitude is >= -90 and <= 90, nameof(Latitude), "out of range");
            }

            [ValueObject]
            public sealed partial class Percentage
            {
                public Percentage(decimal value)
                {
                    var errors = default(ValidationErrors);
                    Validate(ref errors, value);
                    errors.ThrowIfAny(nameof(Percentage));
                    Value = value;
                }

                public Percentage(int value) : this((decimal)value) { }

                public decimal Value { get; }

                private static void Validate(ref ValidationErrors errors, decimal value) => errors.Ensure(value is >= 0 and <= 100, nameof(Value), "out of range");
            }
            """);

    [Test]
    public Task No_diagnostic_without_a_static_Validate_or_for_types_Bloom_does_not_generate()
        => VerifyAsync(
            """
            [ValueObject]
            public sealed partial class Plain
            {
                public Plain(int value) => Value = value;

                public int Value { get; init; }
            }

            [ValueObject]
            public sealed partial class InstanceRules
            {
                public InstanceRules(int value) => Value = value;

                public int Value { get; }

                private void Validate() { }
            }

            [ValueObject]
            public abstract partial class Shape
            {
                protected Shape(int edges) => Edges = edges;

                public int Edges { get; }

                private static void Validate(ref ValidationErrors errors, int edges) { }
            }

            public sealed class NotAValueObject
            {
                public NotAValueObject(int value) => Value = value;

                public int Value { get; init; }

                private static void Validate(ref ValidationErrors errors, int value) { }
            }
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<ValueObjectValidationAnalyzer>();
}
