using Bloom.Generators.Tests.Helpers;
using Bloom.Generators.UnitsOfWork;
using static Bloom.Generators.Tests.UnitsOfWork.UnitOfWorkHarness;
using static Bloom.Generators.Tests.UnitsOfWork.UnitOfWorkSources;

namespace Bloom.Generators.Tests.UnitsOfWork;

/// <summary>Focused assertions on what the unit-of-work generator emits, in one project and across Domain/Application/Infrastructure.</summary>
public sealed class UnitOfWorkGeneratorTests
{
    [TestCase("Order", "Orders")]
    [TestCase("Category", "Categories")]
    [TestCase("Box", "Boxes")]
    [TestCase("Address", "Addresses")]
    [TestCase("Batch", "Batches")]
    [TestCase("Wish", "Wishes")]
    [TestCase("Day", "Days")]
    [TestCase("Quiz", "Quizes")]
    [TestCase("PurchaseOrder", "PurchaseOrders")]
    public void Property_names_are_simple_english_plurals(string type, string plural) =>
        Assert.That(Bloom.Generators.Persistence.Reconstitution.Plural(type), Is.EqualTo(plural));

    [Test]
    public void Metadata_names_match_the_abstractions_and_runtime()
    {
        Assert.Multiple(() =>
        {
            Assert.That(typeof(UnitOfWorkAttribute).FullName, Is.EqualTo(UnitOfWorkNames.UnitOfWorkAttribute));
            Assert.That(typeof(Bloom.Persistence.BloomAggregateAttribute).FullName, Is.EqualTo(UnitOfWorkNames.BloomAggregateAttribute));
            Assert.That(typeof(Bloom.Persistence.BloomUnitOfWorkAttribute).FullName, Is.EqualTo(UnitOfWorkNames.BloomUnitOfWorkAttribute));
            Assert.That(typeof(IRepository<,>).FullName, Is.EqualTo(UnitOfWorkNames.Repository));
            Assert.That(typeof(Bloom.Persistence.IPersistentAggregate<,>).FullName, Is.EqualTo(UnitOfWorkNames.PersistentAggregate));
            Assert.That(typeof(IUnitOfWork).FullName, Is.EqualTo(UnitOfWorkNames.UnitOfWorkPort));
            Assert.That(typeof(ISyncUnitOfWork).FullName, Is.EqualTo(UnitOfWorkNames.SyncUnitOfWorkPort));
            Assert.That(typeof(Bloom.Persistence.UnitOfWork).FullName, Is.EqualTo(UnitOfWorkNames.RuntimeUnitOfWork));
            Assert.That(typeof(Bloom.Persistence.BloomBuilder).FullName, Is.EqualTo(UnitOfWorkNames.RuntimeBuilder));
            Assert.That(typeof(Bloom.Persistence.BloomBuilder).Assembly.GetName().Name, Is.EqualTo(UnitOfWorkNames.RuntimeAssembly));
            Assert.That(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).FullName, Is.EqualTo(UnitOfWorkNames.ServiceCollection));
            Assert.That(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.GetName().Name, Is.EqualTo(UnitOfWorkNames.DependencyInjectionAssembly));
            Assert.That(typeof(AggregateAttribute).Assembly.GetName().Name, Is.EqualTo(UnitOfWorkNames.AbstractionsAssembly));
        });
    }

    [Test]
    public void One_property_per_persistable_aggregate_and_none_for_the_others()
    {
        var (_, run, _) = Build(Compile("Shop", Abstractions, Aggregate("Order"), Aggregate("Category"), Aggregate("Box"), NotPersistable, ShopUnitOfWork));
        var source = Source(run, "IShopUnitOfWork.UnitOfWork.g.cs")!;

        Assert.Multiple(() =>
        {
            Assert.That(source, Does.Contain("partial interface IShopUnitOfWork : global::Bloom.IUnitOfWork, global::Bloom.ISyncUnitOfWork"));
            Assert.That(source, Does.Contain("global::Shop.IOrderRepository Orders { get; }"));
            Assert.That(source, Does.Contain("global::Shop.ICategoryRepository Categories { get; }"));
            Assert.That(source, Does.Contain("global::Shop.IBoxRepository Boxes { get; }"));
            Assert.That(source, Does.Contain("[assembly: global::Bloom.Persistence.BloomUnitOfWork(typeof(global::Shop.Application.IShopUnitOfWork))]"));
            foreach (var excluded in new[] { "Ledger", "Template", "Anonymous", "Nested" })
            {
                Assert.That(source, Does.Not.Contain(excluded), excluded);
            }
        });
    }

    [Test]
    public void Without_Bloom_Runtime_there_is_no_implementation_and_no_registration()
    {
        var (_, run, _) = Build(Compile("Shop", Abstractions, Aggregate("Order"), ShopUnitOfWork));

        Assert.That(UnitOfWorkFiles(run), Is.EqualTo(new[] { "Shop.Application.IShopUnitOfWork.UnitOfWork.g.cs" }));
    }

    [Test]
    public void With_Bloom_Runtime_but_without_the_DI_abstractions_there_is_no_implementation()
    {
        var references = Abstractions.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(Bloom.Persistence.BloomBuilder).Assembly.Location));
        var (_, run) = Run(Compile("Shop", references, Aggregate("Order"), ShopUnitOfWork));

        Assert.That(Source(run, "BloomServiceCollectionExtensions.g.cs"), Is.Null);
    }

    [Test]
    public void A_declared_property_is_kept_and_not_repeated_by_name_or_by_repository()
    {
        var (_, run, _) = Build(Compile("Shop", Runtime, Aggregate("Order"), Aggregate("Category"), Aggregate("Box"), """
            using Bloom;
            using Shop;
            namespace Shop.Application;
            [UnitOfWork]
            public partial interface IShopUnitOfWork
            {
                ICategoryRepository Catalogue { get; }
                int Boxes { get; }
            }

            // Members that are not repositories are written by hand: the generated implementation is partial.
            internal sealed partial class BloomShopUnitOfWork
            {
                int IShopUnitOfWork.Boxes => 3;
            }
            """));
        var declaration = Source(run, "IShopUnitOfWork.UnitOfWork.g.cs")!;
        var implementation = Source(run, "IShopUnitOfWork.UnitOfWorkImplementation.g.cs")!;

        Assert.Multiple(() =>
        {
            Assert.That(declaration, Does.Contain(" Orders { get; }"));
            Assert.That(declaration, Does.Not.Contain("Categories"), "ICategoryRepository is already exposed as Catalogue");
            Assert.That(declaration, Does.Not.Contain("IBoxRepository"), "the name Boxes is taken");
            Assert.That(implementation, Does.Contain("global::Shop.ICategoryRepository global::Shop.Application.IShopUnitOfWork.Catalogue => _bloomCatalogue ??= new CatalogueRepository(this);"));
            Assert.That(implementation, Does.Contain("internal sealed partial class BloomShopUnitOfWork"));
        });
    }

    [Test]
    public void A_declared_property_typed_with_a_repository_generated_in_this_compilation_is_recognised_by_name()
    {
        // IOrderRepository is written by the aggregate generator in the same run: the unit-of-work generator cannot see it.
        var (_, run, _) = Build(Compile("Shop", Runtime, Aggregate("Order"), """
            using Bloom;
            using Shop;
            namespace Shop.Application;
            [UnitOfWork]
            public partial interface IShopUnitOfWork
            {
                IOrderRepository PurchaseOrders { get; }
            }
            """));

        Assert.Multiple(() =>
        {
            Assert.That(Source(run, "IShopUnitOfWork.UnitOfWork.g.cs"), Does.Not.Contain(" Orders { get; }"));
            Assert.That(Source(run, "IShopUnitOfWork.UnitOfWorkImplementation.g.cs"),
                Does.Contain("global::Shop.IOrderRepository global::Shop.Application.IShopUnitOfWork.PurchaseOrders =>")
                    .And.Contain("global::Bloom.Persistence.Repository<global::Shop.Order, global::Shop.OrderId>, global::Shop.IOrderRepository"));
        });
    }

    [Test]
    public void A_public_unit_of_work_leaves_out_internal_aggregates_an_internal_one_includes_them()
    {
        var sources = new[] { Aggregate("Order"), Aggregate("Secret", access: "internal"), """
            using Bloom;
            namespace Shop.Application;
            [UnitOfWork] public partial interface IShopUnitOfWork { }
            [UnitOfWork] internal partial interface IBackOfficeUnitOfWork { }
            """ };
        var (_, run, _) = Build(Compile("Shop", Runtime, sources)); // compiles: an internal aggregate's repository interface is internal too

        Assert.Multiple(() =>
        {
            Assert.That(Source(run, "IShopUnitOfWork.UnitOfWork.g.cs"), Does.Contain(" Orders { get; }").And.Not.Contain("Secrets"));
            Assert.That(Source(run, "IBackOfficeUnitOfWork.UnitOfWork.g.cs"), Does.Contain(" Orders { get; }").And.Contain(" Secrets { get; }"));
        });
    }

    [Test]
    public void A_repository_exposed_by_two_units_of_work_is_not_registered_on_its_own()
    {
        var (_, run, _) = Build(Compile("Shop", Runtime, Aggregate("Order"), """
            using Bloom;
            namespace Shop.Application;
            [UnitOfWork] public partial interface IShopUnitOfWork { }
            [UnitOfWork] public partial interface IReportingUnitOfWork { }
            """));
        var registration = Source(run, "BloomServiceCollectionExtensions.g.cs")!;

        Assert.Multiple(() =>
        {
            Assert.That(registration, Does.Contain("builder.AddUnitOfWork<global::Shop.Application.IShopUnitOfWork>"));
            Assert.That(registration, Does.Contain("builder.AddUnitOfWork<global::Shop.Application.IReportingUnitOfWork>"));
            Assert.That(registration, Does.Not.Contain("AddRepository"));
        });
    }

    [Test]
    public void A_unit_of_work_nested_in_a_private_type_gets_no_assembly_attribute_and_still_compiles()
    {
        var (_, run, _) = Build(Compile("Shop", Runtime, Aggregate("Order"), """
            using Bloom;
            namespace Shop.Application;
            public partial class Host
            {
                [UnitOfWork] private partial interface IScratchUnitOfWork { }
            }
            """));

        Assert.That(Source(run, "Host.IScratchUnitOfWork.UnitOfWork.g.cs"), Does.Not.Contain("[assembly:").And.Contain(" Orders { get; }"));
    }

    [Test]
    public void Aggregates_alone_still_get_AddBloom_for_their_schema()
    {
        var (_, run, _) = Build(Compile("Shop", Runtime, Aggregate("Order")));

        Assert.That(Source(run, "BloomServiceCollectionExtensions.g.cs"), Does.Contain("builder.AddAggregate<global::Shop.Order, global::Shop.OrderId>();").And.Not.Contain("AddUnitOfWork"));
    }

    [Test]
    public void Nothing_to_register_generates_nothing()
    {
        var (_, run, _) = Build(Compile("Shop", Runtime, "namespace Shop; public sealed class Plain { }"));

        Assert.That(UnitOfWorkFiles(run), Is.Empty);
    }

    [Test]
    public void One_project_registers_and_round_trips_through_the_generated_unit_of_work()
    {
        var (_, _, image) = Build(Compile("Shop", Runtime, Aggregate("Order"), Aggregate("Category"), ShopUnitOfWork, Probe));

        Assert.That(RunProbe(image), Is.EqualTo("first@1/0"));
    }

    [Test]
    public void Domain_Application_Infrastructure_discover_each_other_through_assembly_attributes()
    {
        var domain = Build(Compile("Shop.Domain", Abstractions, Aggregate("Order"), Aggregate("Category"), "using Bloom; namespace Shop; [DomainEvent] public sealed partial record Counted(int N);"));
        var application = Build(Compile("Shop.Application", [.. Abstractions, Reference(domain.Image)], ShopUnitOfWork,
            "using Bloom; namespace Shop.Application; [DomainEventHandler] public sealed class OnCounted : IDomainEventHandler<Shop.Counted> { public void Handle(Shop.Counted e) { } }"));
        var infrastructure = Build(Compile("Shop.Infrastructure", [.. Runtime, Reference(domain.Image), Reference(application.Image)], Probe));

        Assert.Multiple(() =>
        {
            Assert.That(UnitOfWorkFiles(domain.Run), Is.Empty, "no [UnitOfWork] and no runtime in Domain");
            Assert.That(Source(application.Run, "IShopUnitOfWork.UnitOfWork.g.cs"), Does.Contain(" Orders { get; }").And.Contain(" Categories { get; }"));
            Assert.That(Source(application.Run, "UnitOfWorkImplementation.g.cs"), Is.Null, "Application does not reference Bloom.Runtime");
            Assert.That(Source(infrastructure.Run, "Shop.Application.IShopUnitOfWork.UnitOfWorkImplementation.g.cs"), Does.Contain("internal sealed partial class BloomShopUnitOfWork"));
            Assert.That(Source(infrastructure.Run, "BloomServiceCollectionExtensions.g.cs"), Does.Contain("builder.AddEventRegistry(global::Shop.Domain.BloomDomainEvents.Registry);")
                .And.Contain("builder.AddEventHandlers(global::Shop.Infrastructure.BloomEventHandlers.Descriptors);"), "Domain's registry and Application's handler, found through their assembly attributes");
            Assert.That(RunProbe(domain.Image, application.Image, infrastructure.Image), Is.EqualTo("first@1/0"));
        });
        Snapshot.Match(UnitOfWorkText(application.Run) + "\n" + UnitOfWorkText(infrastructure.Run), "UnitOfWorkLayers");
    }

    [Test]
    public void One_project_snapshot()
    {
        var (_, run, _) = Build(Compile("Shop", Runtime, Aggregate("Order"), Aggregate("Category"), Aggregate("Address", ns: "Shop.Customers"), NotPersistable, """
            using Bloom;
            using Shop;
            namespace Shop.Application;
            [UnitOfWork]
            public partial interface IShopUnitOfWork
            {
                ICategoryRepository Catalogue { get; }
            }
            """));

        Snapshot.Match(UnitOfWorkText(run), "UnitOfWork");
    }

    private static Microsoft.CodeAnalysis.MetadataReference Reference(byte[] image) => Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image);
}
