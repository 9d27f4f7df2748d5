using RabbitMQ.Client;

namespace Bloom.RabbitMQ;

/// <summary>Opens connections with Bloom's settings: automatic connection and topology recovery, a recognisable name.</summary>
internal static class RabbitMqConnector
{
    public static Task<IConnection> ConnectAsync(RabbitMqOptions options, string purpose, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = options.Uri,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            ClientProvidedName = $"{options.ClientName}:{purpose}",
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>A channel whose publishes complete when the broker confirmed them and throw when they were nacked or returned.</summary>
    public static Task<IChannel> CreateConfirmingChannelAsync(IConnection connection, CancellationToken cancellationToken, ushort? consumerDispatchConcurrency = null) =>
        connection.CreateChannelAsync(
            new CreateChannelOptions(
                publisherConfirmationsEnabled: true,
                publisherConfirmationTrackingEnabled: true,
                consumerDispatchConcurrency: consumerDispatchConcurrency),
            cancellationToken);

    /// <summary>Closes and disposes a channel or connection, ignoring errors (it may be closed already).</summary>
    public static async Task CloseQuietlyAsync(IChannel? channel)
    {
        if (channel is null)
        {
            return;
        }

        try
        {
            if (channel.IsOpen)
            {
                await channel.CloseAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Closing is best effort: the broker or the connection may be gone already.
        }

        await channel.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc cref="CloseQuietlyAsync(IChannel?)"/>
    public static async Task CloseQuietlyAsync(IConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            if (connection.IsOpen)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Best effort, as above.
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
