using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class LayeringAnalyzerTests
{
    /// <summary>Stand-ins for infrastructure packages the offline reference assemblies do not contain.</summary>
    private const string Stubs =
        """

        namespace Microsoft.Data.Sqlite
        {
            public sealed class SqliteConnection(string connectionString) { public string ConnectionString => connectionString; public void Open() { } }
        }
        namespace Microsoft.EntityFrameworkCore { public interface IEntityTypeConfiguration<T> { } }
        namespace Npgsql { public abstract class NpgsqlEntityBase { } }
        namespace Bloom.Messaging { public interface IOutbox { void Add(object message); } }
        namespace Microsoft.Extensions.Logging { public interface ILogger { void Log(string message); } }
        namespace System.DataFlow { public sealed class NotData { } }

        """;

    private const string SqliteConnection = "Microsoft.Data.Sqlite.SqliteConnection";
    private const string DbConnection = "System.Data.Common.DbConnection";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<LayeringAnalyzer>(Usings + source + Stubs, expected);

    private static DiagnosticResult Blm4001(int location, string type, string infrastructure, string where)
        => Diagnostic<LayeringAnalyzer>("BLM4001").WithLocation(location).WithArguments(type, infrastructure, where);

    [TestCase("Aggregate", "public sealed partial class")]
    [TestCase("Entity", "public sealed partial class")]
    [TestCase("ValueObject", "public sealed partial record")]
    [TestCase("DomainEvent", "public sealed partial record")]
    public Task Reports_a_field_of_every_domain_type_kind(string attribute, string declaration)
        => VerifyAsync(
            $$"""
            [{{attribute}}]
            {{declaration}} Order
            {
                private readonly {|#0:System.Data.Common.DbConnection?|} _connection;
            }
            """,
            Blm4001(0, "Order", DbConnection, "field '_connection'"));

    [Test]
    public Task Reports_members_and_signatures_on_their_type_syntax()
        => VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Data.Common;
            using Microsoft.Data.Sqlite;

            [Aggregate]
            public sealed partial class Order
            {
                public {|#0:List<SqliteConnection>|} Connections { get; } = [];

                public event {|#1:Action<DbConnection>?|} Opened;

                public Order({|#2:DbConnection|} connection) { }

                public {|#3:SqliteConnection|} Load(int id, {|#4:Bloom.Messaging.IOutbox|} outbox) => null!;
            }
            """,
            Blm4001(0, "Order", SqliteConnection, "property 'Connections'"),
            Blm4001(1, "Order", DbConnection, "event 'Opened'"),
            Blm4001(2, "Order", DbConnection, "parameter 'connection' of the constructor"),
            Blm4001(3, "Order", SqliteConnection, "return type of 'Load'"),
            Blm4001(4, "Order", "Bloom.Messaging.IOutbox", "parameter 'outbox' of 'Load'"));

    [Test]
    public Task Reports_a_positional_record_parameter_once()
        => VerifyAsync(
            """
            [DomainEvent]
            public sealed partial record OrderPlaced(Guid OrderId, {|#0:System.Net.Http.HttpResponseMessage|} Response);
            """,
            Blm4001(0, "OrderPlaced", "System.Net.Http.HttpResponseMessage", "parameter 'Response' of the constructor"));

    [Test]
    public Task Reports_base_types_and_interfaces()
        => VerifyAsync(
            """
            [Entity]
            public sealed partial class OrderLine : {|#0:Npgsql.NpgsqlEntityBase|}, {|#1:Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<OrderLine>|}
            {
            }
            """,
            Blm4001(0, "OrderLine", "Npgsql.NpgsqlEntityBase", "base type 'NpgsqlEntityBase'"),
            Blm4001(1, "OrderLine", "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<OrderLine>", "interface 'IEntityTypeConfiguration<OrderLine>'"));

    [Test]
    public Task Reports_creations_calls_and_member_references_in_bodies()
        => VerifyAsync(
            """
            using Microsoft.Data.Sqlite;

            [Aggregate]
            public sealed partial class Order
            {
                public void Save()
                {
                    var connection = {|#0:new SqliteConnection("Data Source=orders.db")|};
                    {|#1:connection.Open()|};
                    var text = {|#2:connection.ConnectionString|};
                    Action open = {|#3:connection.Open|};
                    var method = {|#4:System.Net.Http.HttpMethod.Post|};
                }
            }
            """,
            Blm4001(0, "Order", SqliteConnection, "creation of 'SqliteConnection'"),
            Blm4001(1, "Order", SqliteConnection, "call to 'SqliteConnection.Open'"),
            Blm4001(2, "Order", SqliteConnection, "reference to 'SqliteConnection.ConnectionString'"),
            Blm4001(3, "Order", SqliteConnection, "reference to 'SqliteConnection.Open'"),
            Blm4001(4, "Order", "System.Net.Http.HttpMethod", "reference to 'HttpMethod.Post'"));

    [Test]
    public Task Reports_a_call_that_returns_an_infrastructure_type_from_a_port()
        => VerifyAsync(
            """
            public interface IConnectionSource { System.Data.Common.DbConnection Open(); }

            [Aggregate]
            public sealed partial class Order
            {
                public void Save(IConnectionSource source) => {|#0:source.Open()|}.Dispose();
            }
            """,
            Blm4001(0, "Order", DbConnection, "call to 'IConnectionSource.Open'"));

    [Test]
    public Task Reports_code_of_a_nested_helper_once_for_its_domain_type()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class Order
            {
                private sealed class Rule
                {
                    private readonly {|#0:System.Net.Http.HttpClient|} _http = {|#1:new()|};
                    public void Check() => {|#2:_http.CancelPendingRequests()|};
                }

                [ValueObject]
                public sealed partial record Stamp(DateTimeOffset At)
                {
                    public object Method() => {|#3:System.Net.Http.HttpMethod.Get|};
                }
            }
            """,
            Blm4001(0, "Order", "System.Net.Http.HttpClient", "field '_http'"),
            Blm4001(1, "Order", "System.Net.Http.HttpClient", "creation of 'HttpClient'"),
            Blm4001(2, "Order", "System.Net.Http.HttpClient", "call to 'HttpClient.CancelPendingRequests'"),
            Blm4001(3, "Order.Stamp", "System.Net.Http.HttpMethod", "reference to 'HttpMethod.Get'"));

    [Test]
    public Task Reports_a_type_that_inherits_an_aggregate()
        => VerifyAsync(
            """
            [Aggregate] public partial class Order { }

            public sealed class SpecialOrder : Order
            {
                private readonly {|#0:System.Data.Common.DbConnection?|} _connection;
            }
            """,
            Blm4001(0, "SpecialOrder", DbConnection, "field '_connection'"));

    [Test]
    public Task No_diagnostic_for_domain_services_which_BLM1102_covers()
        => VerifyAsync(
            """
            [DomainService]
            public sealed class PricingPolicy(System.Data.Common.DbConnection connection)
            {
                public void Run() => new Microsoft.Data.Sqlite.SqliteConnection(connection.ConnectionString).Open();

                [ValueObject]
                public sealed partial record Quote(decimal Amount);
            }
            """);

    [Test]
    public Task No_diagnostic_for_a_clean_domain_model()
        => VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using Microsoft.Extensions.Logging;

            public interface IExchangeRates { decimal RateFor(string currency); }

            [StronglyTypedId] public readonly partial struct OrderId;

            [ValueObject]
            public sealed partial record Money(decimal Amount, string Currency)
            {
                public Money Add(Money other) => new(Amount + other.Amount, Currency);
            }

            [Entity]
            public sealed partial class OrderLine(string sku, Money price)
            {
                public string Sku { get; } = sku;
                public Money Price { get; } = price;
            }

            [DomainEvent]
            public sealed partial record OrderPlaced(OrderId OrderId, IReadOnlyList<string> Skus, DateTimeOffset At);

            [Aggregate]
            public sealed partial class Order
            {
                private readonly List<OrderLine> _lines = [];
                private readonly System.DataFlow.NotData _notData = new();

                public OrderId Id { get; private set; }
                public IReadOnlyList<OrderLine> Lines => _lines;

                public Money Total(IExchangeRates rates, TimeProvider clock, ILogger logger)
                {
                    logger.Log(JsonSerializer.Serialize(clock.GetUtcNow()));
                    return _lines.Select(l => l.Price).Aggregate(new Money(0m, "EUR"), (a, b) => a.Add(b)) with { Amount = rates.RateFor("EUR") };
                }
            }
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => VerifySampleDomainIsSilentAsync<LayeringAnalyzer>();

    /// <summary>
    /// Runs <typeparamref name="TAnalyzer"/> over samples/Bloom.Samples.Ordering/Domain. The generators do not run here, so
    /// calls to generated members do not bind; compiler errors are ignored and only the analyzer's diagnostics count.
    /// </summary>
    internal static async Task VerifySampleDomainIsSilentAsync<TAnalyzer>()
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { CompilerDiagnostics = CompilerDiagnostics.None };
        UseOfflineReferences(test);
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n"));
        var directory = Path.Combine(RepoRoot(), "samples", "Bloom.Samples.Ordering", "Domain");
        var files = Directory.GetFiles(directory, "*.cs");
        Array.Sort(files, StringComparer.Ordinal);
        Assert.That(files.Select(Path.GetFileName), Does.Contain("ShippingPolicy.cs").And.Contain("Order.cs"));
        foreach (var file in files)
        {
            test.TestState.Sources.Add(("/0/" + Path.GetFileName(file), await File.ReadAllTextAsync(file).ConfigureAwait(false)));
        }

        await test.RunAsync().ConfigureAwait(false);

        static string RepoRoot()
        {
            for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
            {
                if (File.Exists(Path.Combine(current.FullName, "Bloom.Toolkit.sln")))
                {
                    return current.FullName;
                }
            }

            throw new InvalidOperationException("Bloom.Toolkit.sln not found above " + AppContext.BaseDirectory);
        }
    }

    [Test]
    public Task No_diagnostic_inside_nameof()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class Order
            {
                public string Names => nameof(Microsoft.Data.Sqlite.SqliteConnection.Open) + nameof(System.Net.Http.HttpMethod.Get);
            }
            """);

    [Test]
    public Task No_diagnostic_for_infrastructure_outside_the_domain()
        => VerifyAsync(
            """
            using Microsoft.Data.Sqlite;

            public sealed class OrderRepository(SqliteConnection connection)
            {
                public void Save() => connection.Open();
            }
            """);

    [Test]
    public async Task No_diagnostic_in_generated_code()
    {
        var test = new CSharpAnalyzerTest<LayeringAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources =
                {
                    ("/Order.cs", Usings + "[Aggregate] public sealed partial class Order { }" + Stubs),
                    ("/Order.g.cs", "// <auto-generated/>\npublic sealed partial class Order : Npgsql.NpgsqlEntityBase { private readonly Microsoft.Data.Sqlite.SqliteConnection _c = new(\"x\"); public void Save(System.Data.Common.DbConnection c) => _c.Open(); }"),
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
        var test = new CSharpAnalyzerTest<LayeringAnalyzer, DefaultVerifier>
        {
            TestState =
            {
                Sources = { Usings + "[Aggregate] public sealed partial class Order { private readonly {|#0:System.Data.Common.DbConnection?|} _connection; }" },
                AnalyzerConfigFiles = { ("/.editorconfig", $"root = true\n\n[*.cs]\ndotnet_diagnostic.BLM4001.severity = {configured}\n") },
            },
        };
        UseOfflineReferences(test);
        if (expected is { } severity)
        {
            test.ExpectedDiagnostics.Add(Blm4001(0, "Order", DbConnection, "field '_connection'").WithSeverity(severity));
        }

        await test.RunAsync().ConfigureAwait(false);
    }

    [Test]
    public Task Can_be_suppressed_with_pragma()
        => VerifyAsync(
            """
            [Aggregate]
            public sealed partial class Order
            {
            #pragma warning disable BLM4001
                private readonly System.Data.Common.DbConnection? _connection;
            #pragma warning restore BLM4001
            }
            """);
}
