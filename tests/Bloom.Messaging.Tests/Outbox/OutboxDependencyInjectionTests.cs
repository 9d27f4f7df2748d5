using Bloom.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Bloom.Messaging.Tests.Outbox;

/// <summary><c>b.UseSqlite(...); b.UseOutbox();</c> and friends: what gets registered, in either order, and that it runs end to end.</summary>
[NonParallelizable]
public sealed class OutboxDependencyInjectionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private string _directory = "";

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "app.db")};Pooling=False";

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "bloom-outbox-di-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task UseSqlite_and_UseOutbox_in_either_order_register_the_sqlite_outbox_the_publisher_and_the_in_process_transport(bool sqliteFirst)
    {
        var services = new ServiceCollection();
        var builder = BloomBuilder.Configure(services, b =>
        {
            if (sqliteFirst)
            {
                b.UseSqlite(ConnectionString).UseOutbox(o => o.MaxAttempts = 3);
            }
            else
            {
                b.UseOutbox(o => o.MaxAttempts = 3).UseSqlite(ConnectionString);
            }
        });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        Assert.That(builder.OutboxEnabled, Is.True);
        Assert.That(builder.PublishesInProcess, Is.False, "in-process handlers run once, from the outbox");
        Assert.That(provider.GetRequiredService<IOutboxStore>(), Is.InstanceOf<SqliteOutboxStore>());
        Assert.That(provider.GetRequiredService<IMessageTransport>(), Is.InstanceOf<InProcessTransport>());
        var publisher = provider.GetRequiredService<OutboxPublisher>();
        Assert.That(publisher.Options.MaxAttempts, Is.EqualTo(3));
        Assert.That(provider.GetServices<IHostedService>().OfType<OutboxPublisher>().Single(), Is.SameAs(publisher));
        var store = provider.GetRequiredService<IOutboxStore>();
        Assert.That(provider.GetRequiredService<IOutboxStore>(), Is.SameAs(store), "a singleton");
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MessageContext>();
        Assert.That(scope.ServiceProvider.GetRequiredService<MessageContext>(), Is.SameAs(context), "scoped");
        await using var other = provider.CreateAsyncScope();
        Assert.That(other.ServiceProvider.GetRequiredService<MessageContext>(), Is.Not.SameAs(context), "scoped");
    }

    [Test]
    public async Task UseInMemory_gets_an_in_memory_outbox_over_the_same_store()
    {
        var services = new ServiceCollection();
        BloomBuilder.Configure(services, b => b.UseInMemory().UseOutbox());
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOutboxStore>(), Is.InstanceOf<InMemoryOutboxStore>());
    }

    [Test]
    public async Task Calling_UseOutbox_twice_reconfigures_one_options_instance_and_registers_one_hosted_service()
    {
        var services = new ServiceCollection();
        BloomBuilder.Configure(services, b => b.UseInMemory().UseOutbox(o => o.BatchSize = 5).UseOutbox(o => o.MaxAttempts = 2));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<OutboxPublisherOptions>();
        Assert.That((options.BatchSize, options.MaxAttempts), Is.EqualTo((5, 2)));
        Assert.That(provider.GetServices<IHostedService>().OfType<OutboxPublisher>().Count(), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(OutboxPublisherOptions)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_transport_registered_before_is_kept_and_one_that_replaces_it_after_wins()
    {
        var before = new RecordingTransport();
        var services = new ServiceCollection();
        services.AddSingleton<IMessageTransport>(before);
        BloomBuilder.Configure(services, b => b.UseInMemory().UseOutbox());
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.That(provider.GetRequiredService<IMessageTransport>(), Is.SameAs(before));
        }

        var after = new RecordingTransport();
        services.Replace(ServiceDescriptor.Singleton<IMessageTransport>(after));
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.That(provider.GetRequiredService<IMessageTransport>(), Is.SameAs(after));
            Assert.That(provider.GetRequiredService<OutboxPublisher>(), Is.Not.Null);
        }
    }

    [Test]
    public async Task A_store_that_keeps_no_outbox_fails_with_guidance_unless_an_outbox_store_is_registered()
    {
        var services = new ServiceCollection();
        BloomBuilder.Configure(services, b => b.UseStore(_ => new NoOutboxStore()).UseOutbox());
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.That(() => provider.GetRequiredService<IOutboxStore>(), Throws.InvalidOperationException.With.Message.Contains("UseOutbox").And.Message.Contains("no-outbox"));
        }

        var own = new InMemoryOutboxStore(new InMemoryAggregateStore());
        var withOwn = new ServiceCollection();
        withOwn.AddSingleton<IOutboxStore>(own);
        BloomBuilder.Configure(withOwn, b => b.UseStore(_ => new NoOutboxStore()).UseOutbox());
        await using (var provider = withOwn.BuildServiceProvider())
        {
            Assert.That(provider.GetRequiredService<IOutboxStore>(), Is.SameAs(own));
        }
    }

    [Test]
    public async Task End_to_end_a_commit_writes_the_outbox_and_the_hosted_publisher_runs_the_handler_once_with_the_message_context()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new AuditLog());
        services.AddBloom(b => b.UseSqlite(ConnectionString).UseOutbox(o => o.PollInterval = TimeSpan.FromSeconds(1)).AddUnitOfWork(static s => new BankUow(s)));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(None);

        var account = Account.Open("ada");
        var opened = account.PendingEvents[0].EventId;
        await using (var scope = provider.CreateAsyncScope())
        {
            var uow = scope.ServiceProvider.GetRequiredService<BankUow>();
            await uow.Accounts.AddAsync(account, None);
            await uow.CommitAsync(None);
        }

        var log = provider.GetRequiredService<AuditLog>();
        var outbox = provider.GetRequiredService<IOutboxStore>();
        Assert.That(log.Seen, Is.Empty, "not dispatched directly after the commit");
        Assert.That(await outbox.CountPendingAsync(None), Is.EqualTo(1));
        var created = await new SqliteOutboxStore(new SqliteStoreOptions(ConnectionString)).ClaimAsync("peek", 1, TimeSpan.FromTicks(1), None);
        Assert.That(created, Has.Count.EqualTo(1));
        time.Advance(TimeSpan.FromSeconds(1));
        var messageId = created[0].Envelope.MessageId;
        Assert.That((await outbox.FindAsync(messageId, None))!.CreatedAt, Is.EqualTo(time.GetUtcNow() - TimeSpan.FromSeconds(1)), "stamped with the DI clock");

        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(None);
        }

        for (var i = 0; i < 6000 && log.Seen.IsEmpty; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        foreach (var service in hosted)
        {
            await service.StopAsync(None);
        }

        Assert.That(log.Seen, Is.EqualTo(new[] { (opened, (Guid?)messageId) }));
        Assert.That((await outbox.FindAsync(messageId, None))!.Status, Is.EqualTo(OutboxMessageStatus.Dispatched));
    }

    private sealed class NoOutboxStore : IAggregateStore
    {
        public string Name => "no-outbox";

        public IStoreSession OpenSession() => throw new NotSupportedException();

        public Task EnsureSchemaAsync(IReadOnlyCollection<AggregateMapping> mappings, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
