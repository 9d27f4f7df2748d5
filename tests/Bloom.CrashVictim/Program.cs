// The T4 crash victim: a small host (SQLite file + outbox + RabbitMQ transport) that the crash test runs as a child process
// and kills with SIGKILL at named points (see CrashPoints). Protocol on stdout, one line each:
//   SENT <n>        about to place order n (the parent's ledger: intended)
//   COMMITTED <n>   the commit of order n returned (the parent's ledger: acknowledged)
//   PUBLISHED <id>  the broker confirmed message <id>
//   REACHED <point> <k>   blocked at a kill point: kill me
//   DONE / DRAINED  finished; the outbox is empty
// Usage: Bloom.CrashVictim place <database> <amqp-uri> <exchange-prefix> <first-number> <count>
//        Bloom.CrashVictim drain <database> <amqp-uri> <exchange-prefix>
using System.Diagnostics;
using Bloom;
using Bloom.CrashVictim;
using Bloom.Messaging;
using Bloom.Persistence;
using Bloom.RabbitMQ;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

if (args.Length < 4 || (args[0] == "place" && args.Length < 6))
{
    Console.Error.WriteLine("usage: place <database> <amqp-uri> <exchange-prefix> <first-number> <count> | drain <database> <amqp-uri> <exchange-prefix>");
    return 2;
}

var (mode, database, uri, prefix) = (args[0], args[1], new Uri(args[2]), args[3]);
var points = CrashPoints.FromEnvironment();
var services = new ServiceCollection();
services.AddBloom(b =>
{
    b.UseSqlite($"Data Source={database}");
    b.UseOutbox(o =>
    {
        o.PollInterval = TimeSpan.FromMilliseconds(20);
        o.LeaseDuration = TimeSpan.FromSeconds(1); // a killed victim's claims expire quickly for the next one
        o.BatchSize = 10;
        o.BaseRetryDelay = TimeSpan.FromMilliseconds(100);
        o.MaxRetryDelay = TimeSpan.FromSeconds(1);
    });
    b.UseRabbitMq(new RabbitMqOptions
    {
        Uri = uri,
        Exchange = prefix + ".events",
        DeadLetterExchange = prefix + ".dead-letter",
        ClientName = "crash-victim",
    });
});
services.Replace(ServiceDescriptor.Singleton<IMessageTransport>(provider => new CrashPointTransport(provider.GetRequiredService<RabbitMqTransport>(), points)));

await using var provider = services.BuildServiceProvider();
await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
var hosted = provider.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

if (mode == "place")
{
    var first = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
    var count = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
    var unitsOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>();
    for (var number = first; number < first + count; number++)
    {
        Console.WriteLine($"SENT {number}");
        await using var unitOfWork = unitsOfWork.Begin();
        await unitOfWork.Orders.AddAsync(Order.Place(number, "customer-" + number), CancellationToken.None);
        await points.ReachAsync(CrashPoints.BeforeCommit);
        await unitOfWork.CommitAsync(CancellationToken.None);
        Console.WriteLine($"COMMITTED {number}");
    }
}

// Wait for the hosted publisher to empty the outbox (a killed predecessor's claims expire after the lease).
var outbox = provider.GetRequiredService<IOutboxStore>();
var clock = Stopwatch.StartNew();
while (await outbox.CountPendingAsync(CancellationToken.None) > 0)
{
    if (clock.Elapsed > TimeSpan.FromSeconds(60))
    {
        Console.WriteLine("STUCK");
        return 1;
    }

    await Task.Delay(20);
}

foreach (var service in Enumerable.Reverse(hosted))
{
    await service.StopAsync(CancellationToken.None);
}

Console.WriteLine(mode == "place" ? "DONE" : "DRAINED");
return 0;
