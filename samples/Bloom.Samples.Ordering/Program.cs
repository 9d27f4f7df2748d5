using Bloom;
using Bloom.Samples.Ordering;
using Bloom.Samples.Ordering.Domain;

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
