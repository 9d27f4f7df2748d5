using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class DomainServiceInfrastructureTests
{
    /// <summary>Stand-ins for infrastructure packages the offline reference assemblies do not contain.</summary>
    private const string Stubs =
        """

        namespace Dapper { public static class SqlMapper { public static int Execute(string sql) => 0; } }
        namespace Microsoft.AspNetCore.Mvc { public abstract class ControllerBase { } }
        namespace Bloom.Runtime { public interface IUnitOfWork { void Commit(); } }
        namespace Microsoft.Extensions.Logging { public interface ILogger { void Log(string message); } }
        namespace Dapperly { public sealed class Helper { public static int Twice(int x) => 2 * x; } }

        """;

    private const string DbConnection = "System.Data.Common.DbConnection";
    private const string HttpClient = "System.Net.Http.HttpClient";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<DomainServiceAnalyzer>(Usings + source + "\n" + Stubs, expected);

    private static DiagnosticResult Blm1102(int location, string service, string type, string through)
        => Diagnostic<DomainServiceAnalyzer>("BLM1102").WithLocation(location).WithArguments(service, type, through);

    [Test]
    public Task Reports_constructor_parameters_on_their_type()
        => VerifyAsync(
            """
            using System.Data.Common;

            [DomainService]
            public sealed class PricingPolicy
            {
                public PricingPolicy({|#0:DbConnection|} connection, decimal rate) { }
            }
            """,
            Blm1102(0, "PricingPolicy", DbConnection, "connection"));

    [Test]
    public Task Reports_primary_constructor_parameters_on_their_type()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class PricingPolicy({|#0:System.Net.Http.HttpClient|} http, {|#1:Bloom.Runtime.IUnitOfWork|} unitOfWork)
            {
            }
            """,
            Blm1102(0, "PricingPolicy", HttpClient, "http"),
            Blm1102(1, "PricingPolicy", "Bloom.Runtime.IUnitOfWork", "unitOfWork"));

    [Test]
    public Task Reports_fields_properties_events_and_method_signatures()
        => VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Data.Common;
            using System.Net.Http;

            [DomainService]
            public sealed class PricingPolicy
            {
                private readonly {|#0:HttpClient|} _http = null!, _backup = null!;
                public {|#1:IReadOnlyList<DbConnection>|} Connections { get; } = [];
                public event {|#2:Action<HttpResponseMessage>?|} Received;

                public {|#3:HttpRequestMessage|} Build(decimal amount, {|#4:DbConnection[]|} connections) => null!;

                public {|#5:DbConnection|} this[{|#6:HttpMethod|} method] => null!;
            }
            """,
            Blm1102(0, "PricingPolicy", HttpClient, "_http"),
            Blm1102(1, "PricingPolicy", DbConnection, "Connections"),
            Blm1102(2, "PricingPolicy", "System.Net.Http.HttpResponseMessage", "Received"),
            Blm1102(3, "PricingPolicy", "System.Net.Http.HttpRequestMessage", "Build()"),
            Blm1102(4, "PricingPolicy", DbConnection, "connections"),
            Blm1102(5, "PricingPolicy", DbConnection, "this[]"),
            Blm1102(6, "PricingPolicy", "System.Net.Http.HttpMethod", "method"));

    [Test]
    public Task Reports_creations_calls_and_member_accesses_in_bodies()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class PricingPolicy
            {
                public decimal Price(decimal amount)
                {
                    using var http = {|#0:new System.Net.Http.HttpClient()|};
                    var rows = {|#1:Dapper.SqlMapper.Execute("select 1")|};
                    var method = {|#2:System.Net.Http.HttpMethod.Get|};
                    return amount * rows + Dapperly.Helper.Twice(1);
                }
            }
            """,
            Blm1102(0, "PricingPolicy", HttpClient, "new HttpClient"),
            Blm1102(1, "PricingPolicy", "Dapper.SqlMapper", "SqlMapper.Execute"),
            Blm1102(2, "PricingPolicy", "System.Net.Http.HttpMethod", "HttpMethod.Get"));

    [Test]
    public Task Reports_code_in_lambdas_initializers_and_nested_helpers_for_the_service()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class PricingPolicy
            {
                private readonly Func<int> _rows = () => {|#0:Dapper.SqlMapper.Execute("select 1")|};

                public int Count() => _rows() + Helper.Rows();

                private static class Helper
                {
                    public static int Rows() => {|#1:Dapper.SqlMapper.Execute("select 2")|};
                }
            }
            """,
            Blm1102(0, "PricingPolicy", "Dapper.SqlMapper", "SqlMapper.Execute"),
            Blm1102(1, "PricingPolicy", "Dapper.SqlMapper", "SqlMapper.Execute"));

    [Test]
    public Task Reports_an_infrastructure_base_type()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class PricingPolicy : {|#0:Microsoft.AspNetCore.Mvc.ControllerBase|}
            {
            }
            """,
            Blm1102(0, "PricingPolicy", "Microsoft.AspNetCore.Mvc.ControllerBase", "PricingPolicy : ControllerBase"));

    [Test]
    public Task Reports_each_location_once_when_a_parameter_is_also_used()
        => VerifyAsync(
            """
            using System.Data.Common;

            [DomainService]
            public sealed class PricingPolicy
            {
                public string Describe({|#0:DbConnection|} connection) => {|#1:connection.Database|};
            }
            """,
            Blm1102(0, "PricingPolicy", DbConnection, "connection"),
            Blm1102(1, "PricingPolicy", DbConnection, "DbConnection.Database"));

    [Test]
    public Task No_diagnostic_for_domain_ports_values_and_framework_types()
        => VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            public interface IExchangeRates { Task<decimal> RateForAsync(string currency, CancellationToken cancellationToken); }

            [ValueObject] public sealed partial record Money(decimal Amount, string Currency);

            [Aggregate]
            public sealed partial class Order
            {
                public Money Total { get; } = new(0m, "EUR");
            }

            [DomainService]
            public sealed class PricingPolicy(IExchangeRates rates, TimeProvider clock, ILogger logger)
            {
                private readonly IExchangeRates _rates = rates;
                private readonly TimeProvider _clock = clock;
                private readonly ILogger _logger = logger;

                public async Task<Money> PriceAsync(Order order, IReadOnlyList<Money> extras, CancellationToken cancellationToken)
                {
                    var rate = await _rates.RateForAsync(order.Total.Currency, cancellationToken).ConfigureAwait(false);
                    _logger.Log(JsonSerializer.Serialize(extras.Count) + _clock.GetUtcNow().ToString("O", null));
                    var lines = new List<decimal> { order.Total.Amount * rate, Dapperly.Helper.Twice(1) };
                    return new Money(lines[0], order.Total.Currency);
                }
            }
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain_and_its_shipping_policy()
        => LayeringAnalyzerTests.VerifySampleDomainIsSilentAsync<DomainServiceAnalyzer>();

    [Test]
    public Task No_diagnostic_for_application_services_and_other_domain_types()
        => VerifyAsync(
            """
            using System.Data.Common;

            public sealed class CheckoutService(DbConnection connection)
            {
                public void Run() => Dapper.SqlMapper.Execute(connection.Database);
            }

            [Aggregate]
            public sealed partial class Order
            {
                private readonly DbConnection? _connection;
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
                    ("/Policy.cs", Usings + "[DomainService] public sealed partial class PricingPolicy { }\n" + Stubs),
                    ("/Policy.g.cs", "// <auto-generated/>\npublic sealed partial class PricingPolicy : Microsoft.AspNetCore.Mvc.ControllerBase { private readonly System.Net.Http.HttpClient _http = new(); public int Run(System.Data.Common.DbConnection c) => Dapper.SqlMapper.Execute(c.Database); }"),
                },
            },
        };
        UseOfflineReferences(test);
        await test.RunAsync().ConfigureAwait(false);
    }

    [TestCase("none", null)]
    [TestCase("suggestion", DiagnosticSeverity.Info)]
    public async Task Severity_is_configurable_in_editorconfig(string configured, DiagnosticSeverity? expected)
    {
        var test = new CSharpAnalyzerTest<DomainServiceAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources = { Usings + "[DomainService] public sealed class PricingPolicy({|#0:System.Net.Http.HttpClient|} http) { }" },
                AnalyzerConfigFiles = { ("/.editorconfig", $"root = true\n\n[*.cs]\ndotnet_diagnostic.BLM1102.severity = {configured}\n") },
            },
        };
        UseOfflineReferences(test);
        if (expected is { } severity)
        {
            test.ExpectedDiagnostics.Add(Blm1102(0, "PricingPolicy", HttpClient, "http").WithSeverity(severity));
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
            #pragma warning disable BLM1102
                public int Run() => Dapper.SqlMapper.Execute("select 1");
            #pragma warning restore BLM1102
            }
            """);
}
