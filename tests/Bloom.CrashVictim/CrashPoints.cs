using Bloom.Messaging;

namespace Bloom.CrashVictim;

/// <summary>
/// Named kill points (RELIABILITY.md T4). With <c>BLOOM_CRASH_AT=&lt;point&gt;</c> and <c>BLOOM_CRASH_ITERATION=&lt;k&gt;</c>, the k-th time
/// the victim reaches that point it prints <c>REACHED &lt;point&gt; &lt;k&gt;</c> and blocks; the parent test reads the line and kills
/// the process with SIGKILL. Points:
/// <list type="bullet">
/// <item><c>before-commit</c>: the order is in the unit of work, nothing is written (k counts orders).</item>
/// <item><c>after-commit-before-publish</c>: the outbox row is committed and claimed; the transport has not sent it (k counts publishes).</item>
/// <item><c>after-publish-before-mark</c>: the broker confirmed the message; the outbox has not marked it dispatched (k counts publishes).</item>
/// </list>
/// </summary>
public sealed class CrashPoints(string? point, int iteration)
{
    public const string BeforeCommit = "before-commit";
    public const string AfterCommitBeforePublish = "after-commit-before-publish";
    public const string AfterPublishBeforeMark = "after-publish-before-mark";

    private int _count;

    public static CrashPoints FromEnvironment() => new(
        Environment.GetEnvironmentVariable("BLOOM_CRASH_AT"),
        int.TryParse(Environment.GetEnvironmentVariable("BLOOM_CRASH_ITERATION"), out var k) ? k : 0);

    /// <summary>Blocks forever (until killed) when this is the chosen point's chosen iteration.</summary>
    public async Task ReachAsync(string name)
    {
        if (!string.Equals(name, point, StringComparison.Ordinal) || Interlocked.Increment(ref _count) != iteration)
        {
            return;
        }

        Console.WriteLine($"REACHED {name} {iteration}");
        await Task.Delay(Timeout.Infinite).ConfigureAwait(false);
    }
}

/// <summary>
/// The kill points around a publish, as a decorator over the real transport (the <see cref="IMessageTransport"/> port is the
/// extension point; production code paths are untouched).
/// </summary>
public sealed class CrashPointTransport(IMessageTransport inner, CrashPoints points) : IMessageTransport
{
    public string Name => inner.Name;

    public async Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        await points.ReachAsync(CrashPoints.AfterCommitBeforePublish).ConfigureAwait(false);
        await inner.PublishAsync(envelope, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"PUBLISHED {envelope.MessageId}");
        await points.ReachAsync(CrashPoints.AfterPublishBeforeMark).ConfigureAwait(false);
    }
}
