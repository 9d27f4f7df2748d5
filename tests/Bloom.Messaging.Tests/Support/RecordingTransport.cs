using System.Collections.Concurrent;

namespace Bloom.Messaging.Tests.Support;

/// <summary>
/// A transport that confirms every message unless <see cref="Fail"/> says otherwise, and records what it confirmed, how often each
/// message was attempted, and whether two publishes of one message ever overlapped.
/// </summary>
public sealed class RecordingTransport : IMessageTransport
{
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();
    private int _overlaps;
    private int _calls;

    public string Name => "recording";

    /// <summary>Given a message and its attempt number (from 1), the exception to fail it with, or null to confirm it.</summary>
    public Func<EventEnvelope, int, Exception?>? Fail { get; set; }

    /// <summary>Runs inside each publish, before it is confirmed or failed (for interleaving tests).</summary>
    public Func<EventEnvelope, Task>? During { get; set; }

    public ConcurrentQueue<EventEnvelope> Confirmed { get; } = new();

    /// <summary>Every publish started, in order (confirmed or not).</summary>
    public ConcurrentQueue<EventEnvelope> Attempted { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>How many times a publish started while another publish of the same message was still running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    public int AttemptsOf(Guid messageId) => _attempts.TryGetValue(messageId, out var attempts) ? attempts : 0;

    public async Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Attempted.Enqueue(envelope);
        var attempt = _attempts.AddOrUpdate(envelope.MessageId, 1, static (_, n) => n + 1);
        if (!_inFlight.TryAdd(envelope.MessageId, 0))
        {
            Interlocked.Increment(ref _overlaps);
        }

        try
        {
            if (During is { } during)
            {
                await during(envelope);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (Fail?.Invoke(envelope, attempt) is { } exception)
            {
                throw exception;
            }

            Confirmed.Enqueue(envelope);
        }
        finally
        {
            _inFlight.TryRemove(envelope.MessageId, out _);
        }
    }
}
