using Bloom;
using Bloom.Persistence;
using Bloom.Samples.Ordering;
using Bloom.Messaging;
using Bloom.Samples.Ordering.Domain;
using Bloom.Samples.Ordering.Handlers;
using Bloom.Samples.Ordering.Queries;
using Microsoft.Extensions.DependencyInjection;

// The Bloom.Toolkit ordering sample: what the generated domain code does, in plain words.
Console.WriteLine("Bloom.Toolkit ordering sample");
Console.WriteLine();

var order = Order.Place(new CustomerId(42), "EUR");
Console.WriteLine($"1. Placed order {order.Id} for customer {order.CustomerId} (version {order.Version}).");

order.AddLine("BOOK-DDD", 1, Money.Create(45.50m, "EUR"));
order.AddLine("MUG-BLOOM", 2, new Money(9.90m, "EUR"));
Console.WriteLine($"2. Added {order.Lines.Count} lines; total is {order.Total.Amount} {order.Total.Currency}.");

Console.WriteLine($"3. The order raised {order.PendingEvents.Count} events, waiting to be published after a commit:");
foreach (var e in order.PendingEvents)
{
    var (type, json) = BloomDomainEvents.Registry.Serialize(e);
    Console.WriteLine($"   - {type.Name} v{type.SchemaVersion}: {System.Text.Encoding.UTF8.GetString(json)}");
}

((IAggregateRoot)order).MarkCommitted(order.Version + 1);
Console.WriteLine($"4. After a (simulated) commit the order is at version {order.Version} with {order.PendingEvents.Count} pending events.");

var a = new Money(10m, "EUR");
var b = Money.Create(10.00m, "EUR");
Console.WriteLine($"5. Value equality: {a} == {b} is {a == b}; their hash codes match: {a.GetHashCode() == b.GetHashCode()}.");

var home = new ShippingAddress(["1 Rose Lane", "Flowerville"], "NL");
var same = new ShippingAddress(new List<string> { "1 Rose Lane", "Flowerville" }, "NL");
Console.WriteLine($"6. Addresses with equal lines in different collections are equal: {home.Equals(same)}.");

try
{
    _ = new Money(-5m, "euro");
}
catch (ValidationException ex)
{
    Console.WriteLine($"7. Invalid money is rejected with {ex.Errors.Count} errors:");
    foreach (var error in ex.Errors)
    {
        Console.WriteLine($"   - {error.MemberName}: {error.Message}");
    }
}

if (!Money.TryCreate(1m, "eu", out _, out var errors))
{
    Console.WriteLine($"8. TryCreate reports instead of throwing: {string.Join("; ", errors)}.");
}

var parsed = OrderId.Parse(order.Id.ToString());
Console.WriteLine($"9. Ids round-trip through text: {parsed == order.Id}.");

order.Ship(home);
try
{
    order.AddLine("LATE", 1, new Money(1m, "EUR"));
}
catch (BusinessRuleViolationException ex)
{
    Console.WriteLine($"10. Business rules hold: {ex.Message}");
}

var shipping = ShippingPolicy.Standard.CostFor(order, home);
Console.WriteLine($"11. A domain service prices shipping from the order and the address: {shipping.Amount} {shipping.Currency} to {home.Country} (free from {ShippingPolicy.Standard.FreeShippingFrom.Amount} {ShippingPolicy.Standard.FreeShippingFrom.Currency}).");

var orders = new List<Order> { order, Order.Place(new CustomerId(7), "EUR"), Order.Place(new CustomerId(8), "EUR") };
orders[1].AddLine("PEN", 3, new Money(2m, "EUR"));
orders[1].AddLine("INK", 1, new Money(6m, "EUR"));
var busyAndOpen = new OpenOrders() & new OrdersWithAtLeast(2);
var page = PageRequest.Of<Order>(1, 2).OrderByDescending(o => o.Lines.Count).ApplyTo(orders.Where(busyAndOpen.IsSatisfiedBy)).ToList();
Console.WriteLine($"12. Specifications compose: 'open & at least 2 lines' matches {page.Count} of {orders.Count} orders (customer {page[0].CustomerId}).");

// Persistence: the generated IShopUnitOfWork and IOrderRepository on an embedded SQLite file (a fresh one per run, so the
// output is the same every time; point UseSqlite at a fixed path to keep your data).
var databaseDirectory = Directory.CreateTempSubdirectory("bloom-ordering-");
var databasePath = Path.Combine(databaseDirectory.FullName, "ordering.db");
var services = new ServiceCollection();
services.AddSingleton<ConfirmationLog>();
// In-process delivery by default; set BLOOM_RABBITMQ_URI (e.g. amqp://guest:guest@127.0.0.1:5672/) to deliver through RabbitMQ.
var rabbitMq = Environment.GetEnvironmentVariable("BLOOM_RABBITMQ_URI") is { Length: > 0 } uri ? new Uri(uri) : null;
services.AddBloom(b =>
{
    b.UseSqlite($"Data Source={databasePath}").UseOutbox();
    if (rabbitMq is not null)
    {
        b.UseRabbitMq(new Bloom.RabbitMQ.RabbitMqOptions { Uri = rabbitMq, Exchange = "ordering.events" });
        b.AddRabbitMqConsumer<IShopUnitOfWork>("ordering.confirmations", o => o.EventTypes.Add("ordering.order-placed"));
    }
});
await using (var provider = services.BuildServiceProvider())
{
    var ct = CancellationToken.None;
    await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(ct);
    var unitsOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>();

    var placed = new List<Order>();
    foreach (var customer in new long[] { 7, 8, 7, 9, 7 })
    {
        var next = Order.Place(new CustomerId(customer), "EUR");
        next.AddLine("TEA", placed.Count + 1, new Money(3.20m, "EUR"));
        placed.Add(next);
    }

    placed[2].Ship(home);
    await using (var uow = unitsOfWork.Begin())
    {
        await uow.Orders.AddRangeAsync(placed, ct);
        await uow.CommitAsync(ct);
    }

    Console.WriteLine($"13. Saved {placed.Count} orders to {Path.GetFileName(databasePath)} in one transaction; each is now at version {placed[0].Version}.");

    // The commit also wrote each order's events to the outbox, in the same transaction. A hosted OutboxPublisher delivers them
    // in an application; here one pass does it, and the generated handler registration finds SendOrderConfirmation.
    var outbox = provider.GetRequiredService<IOutboxStore>();
    var waiting = await outbox.CountPendingAsync(ct);
    var consumer = rabbitMq is null ? null : provider.GetRequiredKeyedService<Bloom.RabbitMQ.RabbitMqConsumer>("ordering.confirmations");
    if (consumer is not null)
    {
        await consumer.StartAsync(ct); // a generic host starts hosted services itself
        await consumer.Ready;
    }

    await provider.GetRequiredService<OutboxPublisher>().PublishPendingAsync(ct);
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (consumer is not null && consumer.Handled < placed.Count)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"The RabbitMQ consumer handled {consumer.Handled} of {placed.Count} messages in 30 s; is the broker at {rabbitMq} reachable?");
        }

        await Task.Delay(50, ct);
    }

    if (consumer is not null)
    {
        await consumer.StopAsync(ct);
    }

    var confirmations = provider.GetRequiredService<ConfirmationLog>().Sent;
    Console.WriteLine($"14. The commit also wrote its {waiting} events to the outbox; one publisher pass delivered them{(rabbitMq is null ? string.Empty : " through RabbitMQ")}: the OrderPlaced handler sent {confirmations.Count} confirmations, {await outbox.CountPendingAsync(ct)} messages are left{(rabbitMq is null ? string.Empty : " (no queue subscribes to the other events, so the broker could not route them: unroutable is never marked dispatched)")}.");

    var firstId = placed[0].Id;
    await using (var uow = unitsOfWork.Begin())
    {
        var loaded = await uow.Orders.GetAsync(firstId, ct);
        var again = await uow.Orders.FindAsync(firstId, ct);
        Console.WriteLine($"15. Reloaded (reconstituted, no events): {loaded.Lines.Count} line, total {loaded.Total.Amount} {loaded.Total.Currency}, version {loaded.Version}; the identity map returns the same instance: {ReferenceEquals(loaded, again)}.");
    }

    // Two units of work change the same order: the second commit is stale and nothing of it is written.
    await using (var alice = unitsOfWork.Begin())
    await using (var bob = unitsOfWork.Begin())
    {
        var hers = await alice.Orders.GetAsync(firstId, ct);
        var his = await bob.Orders.GetAsync(firstId, ct);
        hers.AddLine("CUP", 1, new Money(6m, "EUR"));
        his.AddLine("SAUCER", 1, new Money(4m, "EUR"));
        await alice.CommitAsync(ct);
        try
        {
            await bob.CommitAsync(ct);
        }
        catch (ConcurrencyException ex)
        {
            Console.WriteLine($"16. A concurrent change is detected: expected version {ex.ExpectedVersion}, found {ex.ActualVersion}; nothing was written.");
        }
    }

    await ConcurrencyRetry.ExecuteAsync(
        unitsOfWork,
        async (uow, token) => (await uow.Orders.GetAsync(firstId, token)).AddLine("SAUCER", 1, new Money(4m, "EUR")),
        cancellationToken: ct);
    await using (var uow = unitsOfWork.Begin())
    {
        var merged = await uow.Orders.GetAsync(firstId, ct);
        Console.WriteLine($"17. Retried on fresh state: the order has {merged.Lines.Count} lines ({string.Join(", ", merged.Lines.Select(l => l.Sku))}) at version {merged.Version}.");

        var openForSeven = new OpenOrders() & new OrdersOfCustomer(new CustomerId(7));
        var firstPage = await uow.Orders.PageAsync(openForSeven, PageRequest.Of<Order>(1, 1).OrderBy(o => o.CustomerId), ct);
        var shipped = await uow.Orders.CountAsync(!new OpenOrders(), ct);
        Console.WriteLine($"18. A paged specification query in SQL: customer 7 has {firstPage.TotalCount} open orders, shown {firstPage.Items.Count} per page over {firstPage.TotalPages} pages; {shipped} order has shipped.");
    }
}

Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
databaseDirectory.Delete(recursive: true);
