namespace Bloom.RabbitMQ.Tests;

/// <summary>Starts one rabbitmq-server for every test in this assembly, and stops it afterwards.</summary>
[SetUpFixture]
public sealed class Broker
{
    private static RabbitMqServer? _server;
    private static DirectoryInfo? _work;

    /// <summary>The running broker.</summary>
    public static RabbitMqServer Server => _server ?? throw new InvalidOperationException("The RabbitMQ broker was not started.");

    /// <summary>This run's scratch directory (SQLite files), so concurrent runs never share a file.</summary>
    public static string WorkDirectory => (_work ??= Directory.CreateTempSubdirectory("bloom-rabbitmq-tests-")).FullName;

    /// <summary>Options for a test: the test broker, and exchanges of the test's own so tests do not see each other's messages.</summary>
    public static RabbitMqOptions Options(string prefix) => new()
    {
        Uri = Server.Uri,
        Exchange = $"{prefix}.events",
        DeadLetterExchange = $"{prefix}.dead-letter",
        ClientName = prefix,
    };

    [OneTimeSetUp]
    public async Task StartBroker()
    {
        var path = RabbitMqServer.FindServer();
        if (path is null)
        {
            const string message = "rabbitmq-server is not installed (apt-get install rabbitmq-server; .ci/run does it).";
            if (Environment.GetEnvironmentVariable("CI") is not null)
            {
                Assert.Fail(message + " CI must run these tests.");
            }

            Assert.Ignore(message);
        }

        _server = await RabbitMqServer.StartAsync(path, TimeSpan.FromSeconds(90));
        TestContext.Progress.WriteLine($"rabbitmq-server ready on 127.0.0.1:{_server.AmqpPort} ({_server.BaseDirectory})");
    }

    [OneTimeTearDown]
    public async Task StopBroker()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }

        if (_work is not null && Environment.GetEnvironmentVariable("BLOOM_KEEP_TEST_FILES") is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                _work.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
