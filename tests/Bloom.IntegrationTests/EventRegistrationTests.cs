using System.Reflection;
using Bloom.IntegrationTests.Events;
using Bloom.Messaging;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bloom.IntegrationTests;

/// <summary>
/// What the generated <c>AddBloom</c> and <see cref="BloomBuilder"/> register for events in the one-project layout: this project's
/// handler set and event registry (found through its assembly attributes), the handler map, the combined registry, the envelope
/// serializer, the scoped dispatcher and the scoped handlers; and that <see cref="BloomBuilder.OutboxEnabled"/> is honoured.
/// </summary>
public sealed class EventRegistrationTests
{
    [Test]
    public void The_assembly_names_its_generated_handler_set_and_event_registry()
    {
        var assembly = typeof(ConfirmSubscription).Assembly;

        Assert.Multiple(() =>
        {
            Assert.That(assembly.GetCustomAttribute<BloomEventHandlersAttribute>()!.Handlers, Is.EqualTo(typeof(BloomEventHandlers)));
            Assert.That(assembly.GetCustomAttribute<BloomDomainEventRegistryAttribute>()!.Registry, Is.EqualTo(typeof(BloomDomainEvents)));
            Assert.That(BloomEventHandlers.Descriptors.Select(static d => (d.HandlerType, d.EventType, d.Retry)), Is.EqualTo(new[]
            {
                (typeof(ConfirmSubscription), typeof(SubscriptionStarted), HandlerRetryPolicy.None),
                (typeof(CountSubscriptions), typeof(SubscriptionStarted), HandlerRetryPolicy.None),
            }));
        });
    }

    [Test]
    public void AddBloom_registers_the_event_services_with_their_lifetimes()
    {
        using var provider = Provider(static _ => { });
        using var scope = provider.CreateScope();
        using var other = provider.CreateScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<IEventDispatcher>();
        var handler = scope.ServiceProvider.GetRequiredService<CountSubscriptions>();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<EventHandlerMap>().For(typeof(SubscriptionStarted)).ToArray().Select(static d => d.Name),
                Is.EqualTo(new[] { nameof(ConfirmSubscription), nameof(CountSubscriptions) }));
            Assert.That(provider.GetRequiredService<DomainEventRegistry>(), Is.SameAs(BloomDomainEvents.Registry), "one registry needs no combining");
            Assert.That(provider.GetRequiredService<EventEnvelopeSerializer>().Registry, Is.SameAs(BloomDomainEvents.Registry));
            Assert.That(dispatcher, Is.TypeOf<SequentialEventDispatcher>(), "sequential by default");
            Assert.That(scope.ServiceProvider.GetRequiredService<IEventDispatcher>(), Is.SameAs(dispatcher), "scoped");
            Assert.That(other.ServiceProvider.GetRequiredService<IEventDispatcher>(), Is.Not.SameAs(dispatcher));
            Assert.That(scope.ServiceProvider.GetRequiredService<CountSubscriptions>(), Is.SameAs(handler));
            Assert.That(other.ServiceProvider.GetRequiredService<CountSubscriptions>(), Is.Not.SameAs(handler), "handlers are scoped");
        });
    }

    [Test]
    public void The_builder_starts_with_in_process_sequential_dispatch_and_no_outbox()
    {
        BloomBuilder? seen = null;
        using var provider = Provider(b => seen = b);

        Assert.That((seen!.PublishesInProcess, seen.DispatchesConcurrently, seen.OutboxEnabled), Is.EqualTo((true, false, false)));
    }

    [Test]
    public void AddBloom_twice_registers_each_handler_once_and_keeps_a_lifetime_chosen_before()
    {
        var services = new ServiceCollection();
        services.AddSingleton(static _ => new CountSubscriptions());
        services.AddBloom(static b => b.UseInMemory());
        services.AddBloom(static b => b.UseInMemory());
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<EventHandlerMap>().Count, Is.EqualTo(2));
            Assert.That(services.Count(static d => d.ServiceType == typeof(ConfirmSubscription)), Is.EqualTo(1));
            Assert.That(services.Count(static d => d.ServiceType == typeof(IEventDispatcher)), Is.EqualTo(1));
            Assert.That(first.ServiceProvider.GetRequiredService<CountSubscriptions>(), Is.SameAs(second.ServiceProvider.GetRequiredService<CountSubscriptions>()), "the singleton registered before AddBloom");
        });
    }

    [Test]
    public void A_handler_added_again_for_the_same_event_is_skipped_and_hand_written_ones_follow_the_generated()
    {
        var extra = new EventHandlerDescriptor(typeof(SubscriptionStarted), typeof(EventJournal), static (_, _, _) => default);
        using var provider = Provider(b => b
            .AddEventHandlers([BloomEventHandlers.Descriptors[1]]) // the same (event, handler) pair, from another list: first wins
            .AddEventHandlers([extra]));

        Assert.That(provider.GetRequiredService<EventHandlerMap>().For(typeof(SubscriptionStarted)).ToArray(),
            Is.EqualTo(new[] { BloomEventHandlers.Descriptors[1], extra, BloomEventHandlers.Descriptors[0] }),
            "configure runs before the generated registrations, so its handlers come first");
    }

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public async Task OutboxEnabled_gives_units_of_work_the_serializer_so_a_commit_writes_its_events_to_the_outbox(bool enabled, long expected)
    {
        await using var provider = Provider(b => b.OutboxEnabled = enabled);
        await provider.GetRequiredService<BloomSchema>().EnsureCreatedAsync(CancellationToken.None);
        await using (var scope = provider.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IShopUnitOfWork>();
            unitOfWork.Subscriptions.Add(Subscription.Start(CustomerNumber.From(9), new Money(1m, "EUR")));
            await unitOfWork.CommitAsync(CancellationToken.None);
        }

        await using (var unitOfWork = provider.GetRequiredService<IUnitOfWorkFactory<IShopUnitOfWork>>().Begin())
        {
            unitOfWork.Subscriptions.Add(Subscription.Start(CustomerNumber.From(10), new Money(1m, "EUR")));
            await unitOfWork.CommitAsync(CancellationToken.None);
        }

        var outbox = provider.GetRequiredService<InMemoryAggregateStore>().CreateOutboxStore(TimeProvider.System);
        Assert.That(await outbox.CountPendingAsync(CancellationToken.None), Is.EqualTo(2 * expected), "scoped and factory units of work alike");
    }

    private static ServiceProvider Provider(Action<BloomBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddBloom(b =>
        {
            b.UseInMemory();
            configure(b);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
