using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Bloom.Runtime.Conformance.Concurrency;

/// <summary>
/// RELIABILITY.md T1, optimistic concurrency on one aggregate: N writers × M increments of one counter, each increment in its
/// own unit of work (load, increment, commit). The counter is created at version 1, so after N×M successful increments its
/// value is N×M and its version N×M + 1; the increments commit exactly the versions {2 … N×M + 1} (with the creation,
/// {1 … N×M + 1}: no duplicates, no holes). Every writer's first attempt waits until all writers have loaded the counter, so at
/// least N − 1 conflicts happen by construction, not by timing.
/// </summary>
[NonParallelizable]
public abstract class CounterConcurrency
{
    private const int Writers = 8;
    private const int Increments = 250;

    private static readonly CounterName Name = new("t1-counter");

    private StoreAdapter _adapter = null!;

    protected abstract Task<StoreAdapter> CreateAdapterAsync();

    [SetUp]
    public async Task CreateStore()
    {
        _adapter = await CreateAdapterAsync();
        await using var uow = new ShopUow(_adapter.Store);
        await uow.Counters.AddAsync(Counter.Start(Name), CancellationToken.None);
        await uow.CommitAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task DisposeStore() => await _adapter.DisposeAsync();

    [Test]
    public async Task Concurrent_writers_that_retry_on_conflict_lose_no_update()
    {
        var factory = new ShopUowFactory(_adapter.Store);
        var options = new ConcurrencyRetryOptions { MaxAttempts = 100, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };
        var committed = new ConcurrentQueue<long>();
        var escaped = new ConcurrentQueue<Exception>();
        var allLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaded = 0;
        var attempts = 0;

        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            var first = true;
            for (var i = 0; i < Increments; i++)
            {
                try
                {
                    var counter = await ConcurrencyRetry.ExecuteAsync<ShopUow, Counter>(
                        factory,
                        async (uow, ct) =>
                        {
                            Interlocked.Increment(ref attempts);
                            var current = await uow.Counters.GetAsync(Name, ct);
                            if (first)
                            {
                                first = false;
                                if (Interlocked.Increment(ref loaded) == Writers)
                                {
                                    allLoaded.SetResult();
                                }

                                await allLoaded.Task.WaitAsync(ct);
                            }

                            current.Increment();
                            return current;
                        },
                        options);
                    committed.Enqueue(counter.Version);
                }
                catch (Exception ex)
                {
                    escaped.Enqueue(ex);
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var final = await LoadCounterAsync();
        var conflicts = attempts - committed.Count;
        TestContext.Out.WriteLine($"{_adapter.Name}: {Writers}×{Increments}: value {final.Value}, version {final.Version}, commits {committed.Count}, attempts {attempts}, conflicts {conflicts}, other exceptions {escaped.Count}");

        Assert.That(escaped, Is.Empty, () => "escaped: " + string.Join("; ", escaped.Take(5).Select(e => e.GetType().Name + ": " + e.Message)));
        Assert.That(escaped.OfType<SqliteException>(), Is.Empty, "no SQLITE_BUSY may escape");
        Assert.That(final.Value, Is.EqualTo(Writers * Increments), "lost updates");
        Assert.That(final.Version, Is.EqualTo(Writers * Increments + 1), "created at version 1, then one version per increment");
        Assert.That(committed.Order(), Is.EqualTo(Enumerable.Range(2, Writers * Increments).Select(v => (long)v)), "each increment committed exactly one version; no duplicates, no holes");
        Assert.That(conflicts, Is.GreaterThanOrEqualTo(Writers - 1), "contention happened (guaranteed by the first round)");
    }

    [Test]
    public void Concurrent_writers_without_retry_either_commit_or_get_a_ConcurrencyException()
    {
        var committed = new ConcurrentQueue<long>();
        var conflicts = new ConcurrentQueue<ConcurrencyException>();
        var escaped = new ConcurrentQueue<Exception>();
        using var firstRound = new Barrier(Writers);

        var writers = Enumerable.Range(0, Writers).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < Increments; i++)
            {
                try
                {
                    // The synchronous ports, on dedicated threads.
                    using var uow = new ShopUow(_adapter.Store);
                    var counter = ((ISyncRepository<Counter, CounterName>)uow.Counters).Get(Name);
                    if (i == 0)
                    {
                        firstRound.SignalAndWait();
                    }

                    counter.Increment();
                    ((ISyncUnitOfWork)uow).Commit();
                    committed.Enqueue(counter.Version);
                }
                catch (ConcurrencyException conflict)
                {
                    conflicts.Enqueue(conflict);
                }
                catch (Exception ex)
                {
                    escaped.Enqueue(ex);
                }
            }
        })).ToList();
        writers.ForEach(t => t.Start());
        writers.ForEach(t => t.Join());

        var final = LoadCounterAsync().GetAwaiter().GetResult();
        TestContext.Out.WriteLine($"{_adapter.Name}: {Writers}×{Increments} attempts: commits {committed.Count}, conflicts {conflicts.Count}, other exceptions {escaped.Count}, final value {final.Value}, version {final.Version}");

        Assert.That(escaped, Is.Empty, () => "escaped: " + string.Join("; ", escaped.Take(5).Select(e => e.GetType().Name + ": " + e.Message)));
        Assert.That(committed.Count + conflicts.Count, Is.EqualTo(Writers * Increments), "successes + ConcurrencyExceptions = attempts");
        Assert.That(conflicts.Count, Is.GreaterThanOrEqualTo(Writers - 1));
        Assert.That(conflicts.Select(c => c.ActualVersion), Has.All.GreaterThan(0), "a conflict reports the newer stored version");
        Assert.That(conflicts.Select(c => c.ActualVersion > c.ExpectedVersion), Has.All.True);
        Assert.That(final.Value, Is.EqualTo(committed.Count), "every success is counted exactly once");
        Assert.That(final.Version, Is.EqualTo(committed.Count + 1));
        Assert.That(committed.Order(), Is.EqualTo(Enumerable.Range(2, committed.Count).Select(v => (long)v)));
    }

    private async Task<Counter> LoadCounterAsync()
    {
        await using var uow = new ShopUow(_adapter.Store);
        return await uow.Counters.GetAsync(Name, CancellationToken.None);
    }
}

[TestFixture]
public sealed class InMemoryCounterConcurrency : CounterConcurrency
{
    protected override async Task<StoreAdapter> CreateAdapterAsync() => await InMemoryStoreAdapter.CreateAsync();
}

[TestFixture]
public sealed class SqliteCounterConcurrency : CounterConcurrency
{
    protected override async Task<StoreAdapter> CreateAdapterAsync() => await SqliteStoreAdapter.CreateAsync();
}
