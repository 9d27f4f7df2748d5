using System.Collections.Concurrent;
using Bloom.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Bloom.Runtime.Tests.Persistence;

/// <summary>
/// Retry policy only: a hand-written unit of work double whose commit outcome is scripted per attempt. Database behaviour
/// (that a stale version really throws and writes nothing) is covered by the repository adapters' own tests.
/// </summary>
[TestFixture]
public sealed class ConcurrencyRetryTests
{
    // A fresh seeded Random per test keeps the jitter reproducible (timers have 1 ms resolution, so a draw below 1 ms waits not at all
    // and creates no timer; with this seed every draw the tests make is at least 1 ms).
    private static ConcurrencyRetryOptions Fast => new()
    {
        MaxAttempts = 5,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(150),
        Random = new Random(20240607),
    };

    private static ConcurrencyException Conflict(int attempt) => new("Order", "order-1", attempt, attempt + 1);

    /// <summary>Advances the fake clock in small steps until <paramref name="task"/> completes (the waits are then exactly the recorded timers).</summary>
    private static async Task<T> Drive<T>(FakeTimeProvider clock, Task<T> task)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The retry did not finish within 10 s of real time.");
            }

            clock.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(1);
        }

        return await task;
    }

    private static Task Drive(FakeTimeProvider clock, Task task) => Drive(clock, WithResult(task));

    private static async Task<bool> WithResult(Task task)
    {
        await task;
        return true;
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not become true within 10 s.");
            }

            Thread.Sleep(1);
        }
    }

    [Test]
    public async Task Succeeds_first_time_with_one_unit_of_work_committed_and_disposed()
    {
        var factory = new ScriptedFactory(_ => null);
        var clock = new RecordingClock();
        var seen = new List<TestUnitOfWork>();

        var result = await ConcurrencyRetry.ExecuteAsync(
            factory,
            (uow, _) =>
            {
                seen.Add(uow);
                return Task.FromResult(42);
            },
            Fast,
            clock);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(42));
            Assert.That(factory.Begun, Has.Count.EqualTo(1));
            Assert.That(seen, Is.EqualTo(factory.Begun));
            Assert.That(factory.Begun[0].Commits, Is.EqualTo(1));
            Assert.That(factory.Begun[0].Disposals, Is.EqualTo(1));
            Assert.That(clock.Delays, Is.Empty);
        });
    }

    [Test]
    public async Task Conflicts_twice_then_succeeds_in_a_new_unit_of_work_each_time_with_bounded_jittered_delays()
    {
        var factory = new ScriptedFactory(attempt => attempt <= 2 ? Conflict(attempt) : null);
        var clock = new RecordingClock();
        var workRuns = new List<TestUnitOfWork>();

        await Drive(clock, ConcurrencyRetry.ExecuteAsync(
            factory,
            (uow, _) =>
            {
                workRuns.Add(uow);
                return Task.FromResult(true);
            },
            Fast,
            clock));

        Assert.Multiple(() =>
        {
            Assert.That(factory.Begun, Has.Count.EqualTo(3));
            Assert.That(factory.Begun.Distinct().Count(), Is.EqualTo(3), "every attempt must begin a new unit of work (re-load)");
            Assert.That(workRuns, Is.EqualTo(factory.Begun), "the work runs once per unit of work, in it");
            Assert.That(factory.Begun.Select(static u => u.Disposals), Is.All.EqualTo(1));
            Assert.That(factory.Begun.Select(static u => u.Commits), Is.All.EqualTo(1));
            Assert.That(factory.Begun.Select(static u => u.DisposedBeforeNextBegin), Is.EqualTo(new[] { true, true, false }));
            Assert.That(clock.Delays, Has.Count.EqualTo(2));
            Assert.That(clock.Delays[0], Is.InRange(TimeSpan.Zero, TimeSpan.FromMilliseconds(100)));
            Assert.That(clock.Delays[1], Is.InRange(TimeSpan.Zero, TimeSpan.FromMilliseconds(150)), "min(MaxDelay 150 ms, 100 ms × 2)");
        });
    }

    [Test]
    public void Always_conflicting_rethrows_the_last_conflict_after_exactly_MaxAttempts()
    {
        var factory = new ScriptedFactory(Conflict);
        var clock = new RecordingClock();

        var thrown = Assert.ThrowsAsync<ConcurrencyException>(() => Drive(clock, ConcurrencyRetry.ExecuteAsync(
            factory,
            static (_, _) => Task.FromResult(0),
            Fast with { MaxAttempts = 4 },
            clock)));

        Assert.Multiple(() =>
        {
            Assert.That(factory.Begun, Has.Count.EqualTo(4));
            Assert.That(factory.Begun.Select(static u => u.Disposals), Is.All.EqualTo(1));
            Assert.That(thrown!.ExpectedVersion, Is.EqualTo(4), "the last attempt's exception");
            Assert.That(thrown.Data[ConcurrencyRetry.AttemptsDataKey], Is.EqualTo(4));
            Assert.That(ConcurrencyRetry.AttemptsDataKey, Is.EqualTo("Bloom.Attempts"));
            Assert.That(clock.Delays, Has.Count.EqualTo(3), "no wait after the last attempt");
        });
    }

    [Test]
    public void MaxAttempts_of_one_never_retries()
    {
        var factory = new ScriptedFactory(Conflict);

        var thrown = Assert.ThrowsAsync<ConcurrencyException>(() => ConcurrencyRetry.ExecuteAsync(
            factory, static (_, _) => Task.CompletedTask, new ConcurrencyRetryOptions { MaxAttempts = 1 }, new RecordingClock()));

        Assert.That(factory.Begun, Has.Count.EqualTo(1));
        Assert.That(thrown!.Data[ConcurrencyRetry.AttemptsDataKey], Is.EqualTo(1));
    }

    [Test]
    public void An_exception_from_the_work_is_not_retried()
    {
        var factory = new ScriptedFactory(_ => null);

        Assert.ThrowsAsync<InvalidOperationException>(() => ConcurrencyRetry.ExecuteAsync(
            factory, static (_, _) => throw new InvalidOperationException("business rule"), Fast, new RecordingClock()));

        Assert.Multiple(() =>
        {
            Assert.That(factory.Begun, Has.Count.EqualTo(1));
            Assert.That(factory.Begun[0].Commits, Is.EqualTo(0));
            Assert.That(factory.Begun[0].Disposals, Is.EqualTo(1));
        });
    }

    [Test]
    public void An_ambiguous_commit_failure_is_not_retried()
    {
        // Pitfall 9: a commit that failed for a reason other than a version conflict may have applied; never blindly retry it.
        var factory = new ScriptedFactory(_ => new IOException("connection reset during commit"));

        Assert.ThrowsAsync<IOException>(() => ConcurrencyRetry.ExecuteAsync(factory, static (_, _) => Task.CompletedTask, Fast, new RecordingClock()));

        Assert.That(factory.Begun, Has.Count.EqualTo(1));
        Assert.That(factory.Begun[0].Disposals, Is.EqualTo(1));
    }

    [Test]
    public async Task Cancellation_during_the_delay_throws_and_starts_no_further_attempt()
    {
        var factory = new ScriptedFactory(Conflict);
        var clock = new RecordingClock();
        using var cts = new CancellationTokenSource();

        var task = ConcurrencyRetry.ExecuteAsync(factory, static (_, _) => Task.CompletedTask, Fast, clock, cts.Token);
        WaitUntil(() => clock.Delays.Count == 1);
        Assert.That(task.IsCompleted, Is.False, "waiting between attempts");

        await cts.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => task);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(factory.Begun, Has.Count.EqualTo(1));
        Assert.That(factory.Begun[0].Disposals, Is.EqualTo(1));
    }

    [Test]
    public void An_already_cancelled_token_begins_no_unit_of_work()
    {
        var factory = new ScriptedFactory(_ => null);

        Assert.CatchAsync<OperationCanceledException>(() => ConcurrencyRetry.ExecuteAsync(
            factory, static (_, _) => Task.CompletedTask, cancellationToken: new CancellationToken(canceled: true)));

        Assert.That(factory.Begun, Is.Empty);
    }

    [Test]
    public void Sync_conflicts_twice_then_succeeds()
    {
        var factory = new ScriptedFactory(attempt => attempt <= 2 ? Conflict(attempt) : null);
        var clock = new RecordingClock();

        var result = Drive(clock, Task.Run(() => ConcurrencyRetry.Execute(factory, static _ => "done", Fast, clock))).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo("done"));
            Assert.That(factory.Begun, Has.Count.EqualTo(3));
            Assert.That(factory.Begun.Select(static u => u.SyncCommits), Is.All.EqualTo(1));
            Assert.That(factory.Begun.Select(static u => u.Disposals), Is.All.EqualTo(1));
            Assert.That(clock.Delays, Has.Count.EqualTo(2));
            Assert.That(clock.Delays, Is.All.InRange(TimeSpan.Zero, TimeSpan.FromMilliseconds(150)));
        });
    }

    [Test]
    public void Sync_always_conflicting_rethrows_after_MaxAttempts_and_other_failures_are_not_retried()
    {
        var conflicting = new ScriptedFactory(Conflict);
        var clock = new RecordingClock();
        var thrown = Assert.ThrowsAsync<ConcurrencyException>(() => Drive(clock, Task.Run(() => ConcurrencyRetry.Execute(conflicting, static _ => { }, Fast with { MaxAttempts = 3 }, clock))));
        Assert.That(conflicting.Begun, Has.Count.EqualTo(3));
        Assert.That(thrown!.Data[ConcurrencyRetry.AttemptsDataKey], Is.EqualTo(3));

        var failing = new ScriptedFactory(_ => new IOException("ambiguous"));
        Assert.Throws<IOException>(() => ConcurrencyRetry.Execute(failing, static _ => { }, Fast, clock));
        Assert.That(failing.Begun, Has.Count.EqualTo(1));
        Assert.That(failing.Begun[0].Disposals, Is.EqualTo(1));
    }

    [Test]
    public void Sync_cancellation_during_the_delay_throws_and_starts_no_further_attempt()
    {
        var factory = new ScriptedFactory(Conflict);
        var clock = new RecordingClock();
        using var cts = new CancellationTokenSource();

        var task = Task.Run(() => ConcurrencyRetry.Execute(factory, static _ => { }, Fast, clock, cts.Token));
        WaitUntil(() => clock.Delays.Count == 1 || task.IsCompleted);
        Assert.That(task.IsCompleted, Is.False, "waiting between attempts");
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => task);
        Assert.That(factory.Begun, Has.Count.EqualTo(1));
    }

    [Test]
    public void Delay_ceiling_doubles_from_BaseDelay_and_is_capped_by_MaxDelay()
    {
        var options = new ConcurrencyRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100), Random = new FixedRandom(0.999999) };

        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(1, 5).Select(options.DelayCeiling), Is.EqualTo(new[] { 20, 40, 80, 100, 100 }.Select(static ms => TimeSpan.FromMilliseconds(ms))));
            Assert.That(options.DelayCeiling(int.MaxValue), Is.EqualTo(TimeSpan.FromMilliseconds(100)), "no overflow");
            Assert.That(options.NextDelay(3), Is.InRange(TimeSpan.FromMilliseconds(79.99), TimeSpan.FromMilliseconds(80)));
            Assert.That((options with { Random = new FixedRandom(0) }).NextDelay(3), Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void A_seeded_Random_makes_the_delays_reproducible()
    {
        TimeSpan[] Delays() => Enumerable.Range(1, 4).Select(new ConcurrencyRetryOptions { Random = new Random(1234) }.NextDelay).ToArray();

        var first = Delays();
        var second = Delays();

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Options_have_the_documented_defaults()
    {
        var options = new ConcurrencyRetryOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.MaxAttempts, Is.EqualTo(5));
            Assert.That(options.BaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(20)));
            Assert.That(options.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.Random, Is.SameAs(Random.Shared));
            Assert.That(ConcurrencyRetryOptions.Default, Is.EqualTo(options));
        });
    }

    [Test]
    public void Options_validation_rejects_out_of_range_values()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ConcurrencyRetryOptions { MaxAttempts = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("MaxAttempts"));
            Assert.That(() => ConcurrencyRetryOptions.Default with { MaxAttempts = -1 }, Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new ConcurrencyRetryOptions { BaseDelay = TimeSpan.FromTicks(-1) }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("BaseDelay"));
            Assert.That(() => new ConcurrencyRetryOptions { MaxDelay = TimeSpan.FromMilliseconds(-1) }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("MaxDelay"));
            Assert.That(() => new ConcurrencyRetryOptions { MaxDelay = TimeSpan.FromDays(50) }, Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new ConcurrencyRetryOptions { Random = null! }, Throws.ArgumentNullException);
            Assert.That(() => new ConcurrencyRetryOptions().NextDelay(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new ConcurrencyRetryOptions { MaxAttempts = 1, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }, Throws.Nothing);
        });
    }

    [Test]
    public void Null_arguments_are_rejected()
    {
        var factory = new ScriptedFactory(_ => null);

        Assert.Multiple(() =>
        {
            Assert.That(() => ConcurrencyRetry.ExecuteAsync<TestUnitOfWork>(null!, static (_, _) => Task.CompletedTask), Throws.ArgumentNullException);
            Assert.That(() => ConcurrencyRetry.ExecuteAsync(factory, (Func<TestUnitOfWork, CancellationToken, Task>)null!), Throws.ArgumentNullException);
            Assert.That(() => ConcurrencyRetry.Execute(factory, (Action<TestUnitOfWork>)null!), Throws.ArgumentNullException);
            Assert.That(factory.Begun, Is.Empty);
        });
    }

    /// <summary>A fake clock that also records every timer's due time, i.e. every wait the retry asked for.</summary>
    private sealed class RecordingClock : FakeTimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _delays = new();

        public IReadOnlyList<TimeSpan> Delays => [.. _delays];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _delays.Enqueue(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    /// <summary>Begins <see cref="TestUnitOfWork"/>s whose commit outcome is scripted by attempt number (1-based).</summary>
    private sealed class ScriptedFactory(Func<int, Exception?> commitOutcome) : IUnitOfWorkFactory<TestUnitOfWork>
    {
        public List<TestUnitOfWork> Begun { get; } = [];

        public TestUnitOfWork Begin()
        {
            if (Begun.Count > 0)
            {
                Begun[^1].DisposedBeforeNextBegin = Begun[^1].Disposals > 0;
            }

            var unitOfWork = new TestUnitOfWork(commitOutcome(Begun.Count + 1));
            Begun.Add(unitOfWork);
            return unitOfWork;
        }
    }

    private sealed class TestUnitOfWork(Exception? commitFailure) : IUnitOfWork, ISyncUnitOfWork
    {
        public int Commits { get; private set; }

        public int SyncCommits { get; private set; }

        public int Disposals { get; private set; }

        public bool DisposedBeforeNextBegin { get; set; }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(Disposals > 0, this);
            Commits++;
            return commitFailure is null ? Task.CompletedTask : Task.FromException(commitFailure);
        }

        public void Commit()
        {
            ObjectDisposedException.ThrowIf(Disposals > 0, this);
            Commits++;
            SyncCommits++;
            if (commitFailure is not null)
            {
                throw commitFailure;
            }
        }

        public Task RollbackAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Rollback()
        {
        }

        public void Dispose() => Disposals++;

        public ValueTask DisposeAsync()
        {
            Disposals++;
            return ValueTask.CompletedTask;
        }
    }
}
