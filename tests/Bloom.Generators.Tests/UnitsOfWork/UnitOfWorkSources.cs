namespace Bloom.Generators.Tests.UnitsOfWork;

/// <summary>
/// Test domains. Every generator runs, so the aggregate generator's persistence output (<c>Mapping</c>, <c>IOrderRepository</c>,
/// <c>[assembly: BloomAggregate]</c>) is the real one the unit-of-work generator must agree with.
/// </summary>
internal static class UnitOfWorkSources
{
    /// <summary>A persistable <c>[Aggregate]</c> named <paramref name="name"/>, with a strongly typed id; Bloom's generators do the rest.</summary>
    public static string Aggregate(string name, string ns = "Shop", string access = "public") => $$"""
        using Bloom;

        namespace {{ns}};

        [StronglyTypedId] {{access}} readonly partial struct {{name}}Id;

        [Aggregate]
        {{access}} sealed partial class {{name}}
        {
            public {{name}}Id Id { get; private set; }
            public string Name { get; private set; } = "";
            public static {{name}} Create(string name) => new() { Id = {{name}}Id.New(), Name = name };
            public void Rename(string name) => Name = name;
        }
        """;

    /// <summary>Aggregates the unit of work must leave out: event-sourced, abstract, without an id, nested, with an unmappable member.</summary>
    public const string NotPersistable = """
        using System;
        using Bloom;

        namespace Shop;

        [DomainEvent] public sealed partial record Credited(decimal Amount);

        [Aggregate(EventSourced = true)]
        public sealed partial class Ledger
        {
            public Guid Id { get; private set; }
            private void When(Credited e) { }
        }

        [Aggregate]
        public abstract partial class Template { public Guid Id { get; protected set; } }

        [Aggregate]
        public sealed partial class Anonymous { }

        public partial class Outer
        {
            [Aggregate]
            public sealed partial class Nested { public Guid Id { get; private set; } }
        }

        [Aggregate]
        public sealed partial class Unmappable
        {
            public Guid Id { get; private set; }
            public Action? Callback { get; private set; }
        }
        """;

    /// <summary>The unit of work of the shop.</summary>
    public const string ShopUnitOfWork = """
        using Bloom;

        namespace Shop.Application;

        [UnitOfWork]
        public partial interface IShopUnitOfWork
        {
        }
        """;

    /// <summary>Adds an order, commits, and reads it back through the factory: returns "name@version".</summary>
    public const string Probe = """
        using System;
        using Bloom;
        using Bloom.Persistence;
        using Microsoft.Extensions.DependencyInjection;
        using Shop;
        using Shop.Application;

        public static class Probe
        {
            public static string Run()
            {
                var services = new ServiceCollection();
                services.AddBloom(static b => b.UseInMemory());
                using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
                provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(default).GetAwaiter().GetResult();
                var created = Order.Create("first");
                var id = created.Id;
                using (var scope = provider.CreateScope())
                {
                    scope.ServiceProvider.GetRequiredService<IOrderRepository>().Add(created);
                    var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();
                    if (!ReferenceEquals(unitOfWork.Orders, scope.ServiceProvider.GetRequiredService<IOrderRepository>())) return "repository is not the unit of work's";
                    unitOfWork.Commit();
                }

                using var fresh = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin();
                var order = fresh.Orders.Get(id);
                return order.Name + "@" + order.Version + "/" + fresh.Categories.Count(null);
            }
        }
        """;
}
