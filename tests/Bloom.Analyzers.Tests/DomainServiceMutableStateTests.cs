using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class DomainServiceMutableStateTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<DomainServiceAnalyzer>(Usings + source, expected);

    private static DiagnosticResult Blm1101(int location, string service, string member)
        => Diagnostic<DomainServiceAnalyzer>("BLM1101").WithLocation(location).WithArguments(service, member);

    [TestCase("private int {|#0:_calls|};", "_calls")]
    [TestCase("public decimal {|#0:LastPrice|};", "LastPrice")]
    [TestCase("internal volatile bool {|#0:_busy|};", "_busy")]
    [TestCase("private string? {|#0:_cache|} = null;", "_cache")]
    public Task Reports_a_non_readonly_instance_field_on_its_identifier(string member, string name)
        => VerifyAsync(
            $$"""
            [DomainService]
            public sealed class PricingPolicy
            {
                {{member}}
            }
            """,
            Blm1101(0, "PricingPolicy", name));

    [Test]
    public Task Reports_each_field_of_a_multi_field_declaration()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class PricingPolicy
            {
                private int {|#0:_hits|}, {|#1:_misses|};
            }
            """,
            Blm1101(0, "PricingPolicy", "_hits"),
            Blm1101(1, "PricingPolicy", "_misses"));

    [TestCase("public decimal {|#0:Rate|} { get; set; }", "Rate")]
    [TestCase("public decimal {|#0:Rate|} { get; private set; }", "Rate")]
    [TestCase("internal decimal {|#0:Rate|} { get; set; } = 1m;", "Rate")]
    [TestCase("protected decimal {|#0:Rate|} { private get; set; }", "Rate")]
    public Task Reports_an_auto_property_with_a_set_accessor(string member, string name)
        => VerifyAsync(
            $$"""
            [DomainService]
            public class PricingPolicy
            {
                {{member}}
            }
            """,
            Blm1101(0, "PricingPolicy", name));

    [Test]
    public Task Reports_a_primary_constructor_parameter_that_a_member_writes_once()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class SequencePolicy(int {|#0:next|}, int step)
            {
                public int Next() => next += step;

                public int Peek() => next;

                public void Reset() { next = 0; next++; }
            }
            """,
            Blm1101(0, "SequencePolicy", "next"));

    [Test]
    public Task Reports_a_primary_constructor_parameter_written_in_a_lambda_or_by_ref()
        => VerifyAsync(
            """
            using System.Threading;

            [DomainService]
            public sealed class CountingPolicy(int {|#0:seen|}, int {|#1:total|})
            {
                private readonly Func<int> _bump = () => seen++;

                public int Count() => Interlocked.Increment(ref total) + _bump();
            }
            """,
            Blm1101(0, "CountingPolicy", "seen"),
            Blm1101(1, "CountingPolicy", "total"));

    [Test]
    public Task Reports_on_every_partial_part_and_names_the_service_with_its_containers()
        => VerifyAsync(
            """
            namespace Shop.Pricing;

            public static partial class Policies
            {
                [DomainService]
                public sealed partial class Discounts
                {
                    private decimal {|#0:_lastRate|};
                }

                public sealed partial class Discounts
                {
                    public decimal {|#1:Threshold|} { get; set; }
                }
            }
            """,
            Blm1101(0, "Policies.Discounts", "_lastRate"),
            Blm1101(1, "Policies.Discounts", "Threshold"));

    [Test]
    public Task No_diagnostic_for_stateless_services()
        => VerifyAsync(
            """
            using System.Collections.Generic;

            public interface IExchangeRates { decimal RateFor(string currency); }

            [DomainService]
            public sealed class PricingPolicy(IExchangeRates rates, decimal vat)
            {
                private const decimal Cap = 0.5m;
                private static readonly decimal[] Tiers = [0.05m, 0.10m];
                private readonly IExchangeRates _rates = rates;
                private readonly TimeProvider _clock = TimeProvider.System;
                private readonly IReadOnlyList<decimal> _tiers = Tiers;

                public decimal Vat { get; } = vat;

                public decimal Margin { get; init; }

                public decimal Capped => Math.Min(Vat, Cap);

                public decimal Rate
                {
                    get => _rates.RateFor("EUR");
                    set => throw new NotSupportedException();
                }

                public decimal Price(decimal amount, int count)
                {
                    var total = 0m;
                    for (var i = 0; i < count; i++) { total += amount; }
                    Func<decimal, decimal> withVat = x => { var y = x; y *= 1 + Vat; return y; };
                    return withVat(total * _rates.RateFor("EUR")) * _tiers[0] + (decimal)_clock.GetUtcNow().Offset.TotalHours;
                }
            }
            """);

    [Test]
    public Task No_diagnostic_for_constructor_parameters_changed_inside_their_own_constructor()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class RoundingPolicy
            {
                private readonly int _digits;

                public RoundingPolicy(int digits)
                {
                    if (digits < 0) { digits = 0; }
                    Action clamp = () => digits = Math.Min(digits, 10);
                    clamp();
                    _digits = digits;
                }

                public decimal Round(decimal value) => Math.Round(value, _digits);
            }
            """);

    [Test]
    public Task No_diagnostic_for_abstract_properties_nested_helpers_or_other_classes()
        => VerifyAsync(
            """
            [DomainService]
            public abstract class PolicyBase
            {
                public abstract decimal Rate { get; set; }

                private sealed class Accumulator { public decimal Sum; public int Count { get; set; } }
            }

            public sealed class CheckoutService
            {
                private int _orders;
                public decimal Total { get; set; }
                public void Place() => _orders++;
            }

            [Aggregate]
            public sealed partial class Order
            {
                private int _version;
                public int Version => _version;
            }
            """);

    [Test]
    public async Task No_diagnostic_in_generated_code()
    {
        var test = new CSharpAnalyzerTest<DomainServiceAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources =
                {
                    ("/Policy.cs", Usings + "[DomainService] public sealed partial class PricingPolicy { }"),
                    ("/Policy.g.cs", "// <auto-generated/>\npublic sealed partial class PricingPolicy { private int _calls; public int Rate { get; set; } public int Next() => _calls++; }"),
                },
            },
        };
        UseOfflineReferences(test);
        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public Task No_diagnostic_for_a_same_named_attribute_from_another_namespace()
        => VerifyAnalyzerAsync<DomainServiceAnalyzer>(
            """
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class DomainServiceAttribute : System.Attribute { }

                [DomainService] public sealed class Stateful { private int _calls; public int Rate { get; set; } }
            }
            """);

    [TestCase("none", null)]
    [TestCase("silent", DiagnosticSeverity.Hidden)]
    [TestCase("suggestion", DiagnosticSeverity.Info)]
    public async Task Severity_is_configurable_in_editorconfig(string configured, DiagnosticSeverity? expected)
    {
        var test = new CSharpAnalyzerTest<DomainServiceAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources = { Usings + "[DomainService] public sealed class PricingPolicy { private int {|#0:_calls|}; }" },
                AnalyzerConfigFiles = { ("/.editorconfig", $"root = true\n\n[*.cs]\ndotnet_diagnostic.BLM1101.severity = {configured}\n") },
            },
        };
        UseOfflineReferences(test);
        if (expected is { } severity)
        {
            test.ExpectedDiagnostics.Add(Blm1101(0, "PricingPolicy", "_calls").WithSeverity(severity));
        }

        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public Task Can_be_suppressed_with_pragma()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class PricingPolicy
            {
            #pragma warning disable BLM1101
                private int _calls;
            #pragma warning restore BLM1101
            }
            """);
}
