using System.Diagnostics;
using Bloom.Persistence;
using Bloom.RabbitMQ.Tests.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bloom.RabbitMQ.Tests;

/// <summary>
/// One "process" of a test: a service provider built by the generated AddBloom over a SQLite file and the test broker, with its
/// hosted services (consumers, outbox publisher) started. Several apps may share one database file, as processes would.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private TestApp(ServiceProvider provider, string databasePath)
    {
        Provider = provider;
        DatabasePath = databasePath;
    }

    public ServiceProvider Provider { get; }

    public string DatabasePath { get; }

    public RabbitMqConsumer Consumer(string name) => Provider.GetRequiredKeyedService<RabbitMqConsumer>(name);

    public static async Task<TestApp> StartAsync(string databasePath, RabbitMqOptions options, Action<BloomBuilder> configure, bool startHostedServices = true)
    {
        var services = new ServiceCollection();
        services.AddBloom(b =>
        {
            b.UseSqlite($"Data Source={databasePath}");
            b.UseRabbitMq(options);
            configure(b);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var app = new TestApp(provider, databasePath);
        try
        {
            await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
            if (startHostedServices)
            {
                foreach (var hosted in provider.GetServices<IHostedService>())
                {
                    await hosted.StartAsync(CancellationToken.None);
                    app._started.Add(hosted);
                    if (hosted is RabbitMqConsumer consumer)
                    {
                        await consumer.Ready.WaitAsync(TimeSpan.FromSeconds(30));
                    }
                }
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>A new database path under this test run's own temp directory (removed after the run).</summary>
    public static string NewDatabase(string name)
    {
        var directory = Path.Combine(Broker.WorkDirectory, TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return path;
    }

    /// <summary>The consumer option that stores a receipt for each message, through the scope's unit of work.</summary>
    public static async ValueTask WriteReceiptAsync(RabbitMqMessageContext context, CancellationToken cancellationToken)
    {
        var unitOfWork = context.Services.GetRequiredService<IReceiptsUnitOfWork>();
        var number = context.Event switch
        {
            OrderPlaced placed => placed.OrderNumber,
            OrderCancelled cancelled => cancelled.OrderNumber,
            CrashOrderPlaced crash => crash.OrderNumber,
            NobodyListens unheard => unheard.Value,
            _ => -1,
        };
        await unitOfWork.Receipts.AddAsync(Receipt.For(context.Envelope.MessageId, context.Consumer, number), cancellationToken);
    }

    /// <summary>The receipts (effects) in a database, read with plain SQL.</summary>
    public static List<(Guid MessageId, string Consumer, int OrderNumber)> Receipts(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, consumer, order_number FROM receipt";
        using var reader = command.ExecuteReader();
        var rows = new List<(Guid, string, int)>();
        while (reader.Read())
        {
            rows.Add((Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.GetInt32(2)));
        }

        return rows;
    }

    /// <summary>One value read with plain SQL, as text.</summary>
    public static string Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    /// <summary>The inbox entries of a database.</summary>
    public static List<(Guid MessageId, string Consumer)> Inbox(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, consumer FROM bloom_inbox";
        using var reader = command.ExecuteReader();
        var rows = new List<(Guid, string)>();
        while (reader.Read())
        {
            rows.Add((Guid.Parse(reader.GetString(0)), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (checked every 50 ms) or fails the test after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not reached within {timeout}: {describe()}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        await Provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
