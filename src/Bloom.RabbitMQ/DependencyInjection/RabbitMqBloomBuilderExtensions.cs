using Bloom;
using Bloom.Messaging;
using Bloom.Persistence;
using Bloom.RabbitMQ;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// In the DI namespace, like AddBloom itself, so `services.AddBloom(b => b.UseRabbitMq(...))` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends Bloom's outbox messages through RabbitMQ and runs RabbitMQ consumers.</summary>
public static class RabbitMqBloomBuilderExtensions
{
    /// <summary>
    /// Publishes outbox messages to RabbitMQ: registers <see cref="RabbitMqTransport"/> (a singleton) as the
    /// <see cref="IMessageTransport"/>, replacing any transport registered before (the in-process one), plus
    /// <see cref="RabbitMqOptions"/>, <see cref="RabbitMqDeadLetters"/> and the scoped <see cref="RabbitMqMessageContext"/> and
    /// <see cref="MessageContext"/> (filled by consumers for their handlers).
    /// </summary>
    /// <param name="builder">The builder passed to <c>AddBloom</c>.</param>
    /// <param name="options">The broker, exchange and prefetch; <c>new RabbitMqOptions()</c> is the local broker on loopback.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The options are inconsistent (see <see cref="RabbitMqOptions.Validate"/>).</exception>
    public static BloomBuilder UseRabbitMq(this BloomBuilder builder, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var services = builder.Services;
        services.RemoveAll<RabbitMqOptions>();
        services.AddSingleton(options);
        services.RemoveAll<RabbitMqTransport>();
        services.AddSingleton(static provider => new RabbitMqTransport(provider.GetRequiredService<RabbitMqOptions>()));
        services.RemoveAll<IMessageTransport>();
        services.AddSingleton<IMessageTransport>(static provider => provider.GetRequiredService<RabbitMqTransport>());
        services.RemoveAll<RabbitMqDeadLetters>();
        services.AddSingleton(static provider => new RabbitMqDeadLetters(provider.GetRequiredService<RabbitMqOptions>()));
        services.TryAddScoped(static _ => new RabbitMqMessageContext());
        services.TryAddScoped(static _ => new MessageContext());
        foreach (var consumer in RegisteredConsumers(services))
        {
            consumer.Validate();
            RabbitMqTopology.Validate(consumer.QueueName, RabbitMqTopology.QueueArguments(options, consumer));
        }

        return builder;
    }

    /// <summary>
    /// Runs a RabbitMQ consumer named <paramref name="name"/> as a hosted service (<see cref="RabbitMqConsumer"/>, also resolvable as a
    /// keyed singleton under its name). <paramref name="configure"/> sets its event types and its unit of work, e.g.
    /// <c>b.AddRabbitMqConsumer("billing", o =&gt; { o.EventTypes.Add("ordering.order-placed"); o.UnitOfWork = sp =&gt; (UnitOfWork)sp.GetRequiredService&lt;IBillingUnitOfWork&gt;(); })</c>.
    /// Requires <see cref="UseRabbitMq"/>.
    /// </summary>
    /// <param name="builder">The builder passed to <c>AddBloom</c>.</param>
    /// <param name="name">The consumer's stable name: the inbox key's consumer part and the default queue name.</param>
    /// <param name="configure">Configures the consumer.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid consumer name.</exception>
    /// <exception cref="InvalidOperationException">A consumer with that name is registered already, or the options are invalid.</exception>
    /// <exception cref="RabbitMqTopologyException">The queue arguments would let RabbitMQ drop messages (delivery limit without dead-letter exchange).</exception>
    public static BloomBuilder AddRabbitMqConsumer(this BloomBuilder builder, string name, Action<RabbitMqConsumerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RabbitMqConsumerOptions(name);
        configure(options);
        options.Validate();

        var services = builder.Services;
        foreach (var registered in RegisteredConsumers(services))
        {
            if (string.Equals(registered.Name, options.Name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A RabbitMQ consumer named '{options.Name}' is registered already; consumer names must be unique.");
            }

            if (string.Equals(registered.QueueName, options.QueueName, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"RabbitMQ consumers '{registered.Name}' and '{options.Name}' would share the queue '{options.QueueName}'; each consumer needs its own queue.");
            }
        }

        // Fail fast, at registration, when the broker options are known already.
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(RabbitMqOptions) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is RabbitMqOptions broker)
            {
                RabbitMqTopology.Validate(options.QueueName, RabbitMqTopology.QueueArguments(broker, options));
            }
        }

        services.AddSingleton(new ConsumerRegistration(options));
        services.TryAddScoped(static _ => new RabbitMqMessageContext());
        services.TryAddScoped(static _ => new MessageContext());
        services.AddKeyedSingleton(options.Name, (provider, _) => new RabbitMqConsumer(
            provider,
            provider.GetService<RabbitMqOptions>() ?? throw new InvalidOperationException(
                $"RabbitMQ consumer '{options.Name}' needs the broker options: call b.UseRabbitMq(new RabbitMqOptions {{ ... }}) in AddBloom."),
            options,
            provider.GetService<ILogger<RabbitMqConsumer>>()));
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredKeyedService<RabbitMqConsumer>(options.Name));
        return builder;
    }

    /// <summary>
    /// Runs a RabbitMQ consumer whose handlers write through the scope's <typeparamref name="TUnitOfWork"/> (a generated
    /// <c>[UnitOfWork]</c> interface); see <see cref="AddRabbitMqConsumer(BloomBuilder, string, Action{RabbitMqConsumerOptions})"/>.
    /// </summary>
    /// <typeparam name="TUnitOfWork">The unit-of-work interface registered by <c>AddBloom</c>; its implementation derives from <see cref="UnitOfWork"/>.</typeparam>
    /// <param name="builder">The builder passed to <c>AddBloom</c>.</param>
    /// <param name="name">The consumer's stable name.</param>
    /// <param name="configure">Configures the consumer (event types, retries); its <see cref="RabbitMqConsumerOptions.UnitOfWork"/> is set already.</param>
    /// <returns>The builder.</returns>
    public static BloomBuilder AddRabbitMqConsumer<TUnitOfWork>(this BloomBuilder builder, string name, Action<RabbitMqConsumerOptions> configure)
        where TUnitOfWork : class, IUnitOfWork
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddRabbitMqConsumer(name, options =>
        {
            options.UnitOfWork = static provider => provider.GetRequiredService<TUnitOfWork>() as UnitOfWork ?? throw new InvalidOperationException(
                $"The registered {typeof(TUnitOfWork).Name} does not derive from Bloom.Persistence.UnitOfWork, so a RabbitMQ consumer cannot record its inbox entry in it.");
            configure(options);
        });
    }

    private static IEnumerable<RabbitMqConsumerOptions> RegisteredConsumers(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ConsumerRegistration) && descriptor.ImplementationInstance is ConsumerRegistration registration)
            {
                yield return registration.Options;
            }
        }
    }

    /// <summary>One registered consumer; a private service type, so registrations can be found without resolving anything.</summary>
    private sealed record ConsumerRegistration(RabbitMqConsumerOptions Options);
}
