using Bloom.Messaging;
using Bloom.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// In the DI namespace, like AddBloom and UseSqlite, so `services.AddBloom(b => b.UseSqlite(...).UseOutbox())` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on Bloom's transactional outbox: <c>b.UseSqlite("Data Source=shop.db"); b.UseOutbox();</c>.</summary>
public static class OutboxBuilderExtensions
{
    /// <summary>
    /// Writes committed events to the outbox in the commit's transaction and publishes them reliably from there. Registers:
    /// <list type="bullet">
    /// <item><description><see cref="IOutboxStore"/> (singleton) over the chosen store's database, which must keep an outbox
    /// (<see cref="IOutboxCapableStore"/>: SQLite, in-memory); the order of <c>UseSqlite</c> and <c>UseOutbox</c> does not matter.
    /// It is also the dead-letter API: <see cref="IOutboxStore.ListDeadLettersAsync"/>, <see cref="IOutboxStore.ReplayDeadLetterAsync"/>.
    /// An <see cref="IOutboxStore"/> registered before is kept.</description></item>
    /// <item><description><see cref="OutboxPublisher"/> (singleton, and the hosted service that runs it) with the
    /// <see cref="OutboxPublisherOptions"/> <paramref name="configure"/> sets.</description></item>
    /// <item><description><see cref="InProcessTransport"/> as <see cref="IMessageTransport"/> unless one is registered already; a
    /// transport registered later should <c>Replace</c> it (the RabbitMQ transport does).</description></item>
    /// <item><description><see cref="MessageContext"/> (scoped).</description></item>
    /// </list>
    /// It also sets <see cref="BloomBuilder.OutboxEnabled"/> and turns off the direct in-process dispatch after commit
    /// (<see cref="BloomBuilder.PublishInProcess"/>): in-process handlers then run once, from the outbox, durably and with retries,
    /// instead of twice. Call <c>b.PublishInProcess(true)</c> after <c>UseOutbox</c> to have both.
    /// </summary>
    /// <param name="builder">The builder passed to <c>AddBloom</c>.</param>
    /// <param name="configure">Sets the publisher's options; defaults are documented on <see cref="OutboxPublisherOptions"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>Calling it again reconfigures the same options instance. The outbox tables are created by <see cref="BloomSchema.EnsureCreatedAsync"/>.</remarks>
    public static BloomBuilder UseOutbox(this BloomBuilder builder, Action<OutboxPublisherOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = FindOptions(services);
        if (options is null)
        {
            options = new OutboxPublisherOptions();
            services.AddSingleton(options);
        }

        configure?.Invoke(options);
        builder.OutboxEnabled = true;
        builder.PublishInProcess(false);

        services.TryAddSingleton(static provider => CreateOutboxStore(provider));
        services.TryAddSingleton<IMessageTransport>(static provider => new InProcessTransport(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<EventEnvelopeSerializer>()));
        services.TryAddScoped(static _ => new MessageContext());
        services.TryAddSingleton(static provider => new OutboxPublisher(
            provider.GetRequiredService<IOutboxStore>(),
            provider.GetRequiredService<IMessageTransport>(),
            provider.GetRequiredService<OutboxPublisherOptions>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<OutboxPublisher>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxPublisher>(static provider => provider.GetRequiredService<OutboxPublisher>()));
        return builder;
    }

    private static IOutboxStore CreateOutboxStore(IServiceProvider provider)
    {
        var store = provider.GetRequiredService<IAggregateStore>();
        return store is IOutboxCapableStore capable
            ? capable.CreateOutboxStore(provider.GetService<TimeProvider>() ?? TimeProvider.System)
            : throw new InvalidOperationException(
                $"UseOutbox needs an aggregate store that keeps an outbox in its own database (SQLite, in-memory), but the store is '{store.Name}' ({store.GetType().Name}). " +
                "Register an IOutboxStore for it before calling UseOutbox, or choose b.UseSqlite(...).");
    }

    private static OutboxPublisherOptions? FindOptions(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(OutboxPublisherOptions) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is OutboxPublisherOptions options)
            {
                return options;
            }
        }

        return null;
    }
}
