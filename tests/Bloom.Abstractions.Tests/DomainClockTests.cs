using Microsoft.Extensions.Time.Testing;

namespace Bloom.Abstractions.Tests;

[TestFixture]
public sealed class DomainClockTests
{
    private static readonly DateTimeOffset T1 = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2012, 12, 12, 12, 12, 12, TimeSpan.Zero);
    private static readonly DateTimeOffset T3 = new(2023, 3, 3, 3, 3, 3, TimeSpan.Zero);

    [Test]
    public void Without_a_scope_the_system_clock_is_used()
    {
        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
        var before = DateTimeOffset.UtcNow;
        var now = DomainClock.UtcNow;
        Assert.That(now, Is.InRange(before, DateTimeOffset.UtcNow));
    }

    [Test]
    public void Use_replaces_the_clock_until_disposed_and_then_restores_the_previous_one()
    {
        var fake = new FakeTimeProvider(T1);

        using (DomainClock.Use(fake))
        {
            Assert.That(DomainClock.Current, Is.SameAs(fake));
            Assert.That(DomainClock.UtcNow, Is.EqualTo(T1));
            fake.Advance(TimeSpan.FromSeconds(30));
            Assert.That(DomainClock.UtcNow, Is.EqualTo(T1.AddSeconds(30)));
        }

        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void Nested_scopes_restore_their_outer_scope()
    {
        var outer = new FakeTimeProvider(T1);
        var inner = new FakeTimeProvider(T2);

        using (DomainClock.Use(outer))
        {
            using (DomainClock.Use(inner))
            {
                Assert.That(DomainClock.UtcNow, Is.EqualTo(T2));
            }

            Assert.That(DomainClock.UtcNow, Is.EqualTo(T1));
        }

        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public async Task The_scope_flows_across_await_and_into_tasks_started_inside_it()
    {
        var fake = new FakeTimeProvider(T1);
        using var _ = DomainClock.Use(fake);

        await Task.Yield();
        await Task.Delay(5);
        var inTask = await Task.Run(static () => DomainClock.UtcNow);

        Assert.That(DomainClock.UtcNow, Is.EqualTo(T1));
        Assert.That(inTask, Is.EqualTo(T1));
    }

    [Test]
    public async Task The_scope_does_not_leak_into_a_task_started_outside_it()
    {
        var scopeEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outside = Task.Run(async () =>
        {
            await scopeEntered.Task;
            return DomainClock.Current;
        });

        TimeProvider insideScope;
        using (DomainClock.Use(new FakeTimeProvider(T1)))
        {
            insideScope = DomainClock.Current;
            scopeEntered.SetResult();
            Assert.That(await outside, Is.SameAs(TimeProvider.System));
        }

        Assert.That(insideScope, Is.TypeOf<FakeTimeProvider>());
    }

    [Test]
    public async Task Parallel_scopes_do_not_see_each_other()
    {
        using var bothInside = new Barrier(2);

        async Task<DateTimeOffset> RunWith(DateTimeOffset start)
        {
            await Task.Yield();
            using var _ = DomainClock.Use(new FakeTimeProvider(start));
            bothInside.SignalAndWait(TimeSpan.FromSeconds(10));
            await Task.Delay(5);
            return DomainClock.UtcNow;
        }

        var results = await Task.WhenAll(Task.Run(() => RunWith(T1)), Task.Run(() => RunWith(T2)));

        Assert.That(results, Is.EqualTo(new[] { T1, T2 }));
        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public async Task A_scope_opened_inside_a_task_does_not_flow_back_to_the_caller()
    {
        await Task.Run(static () =>
        {
            _ = DomainClock.Use(new FakeTimeProvider(T1)); // deliberately never disposed
            Assert.That(DomainClock.UtcNow, Is.EqualTo(T1));
        });

        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void Disposing_a_scope_twice_is_harmless()
    {
        var outer = new FakeTimeProvider(T1);
        using (DomainClock.Use(outer))
        {
            var first = DomainClock.Use(new FakeTimeProvider(T2));
            first.Dispose();
            Assert.That(DomainClock.UtcNow, Is.EqualTo(T1));

            using (DomainClock.Use(new FakeTimeProvider(T3)))
            {
                first.Dispose(); // must not restore the outer clock over the active T3 scope
                Assert.That(DomainClock.UtcNow, Is.EqualTo(T3));
            }

            Assert.That(DomainClock.UtcNow, Is.EqualTo(T1));
        }

        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void Use_rejects_null()
    {
        Assert.That(() => DomainClock.Use(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("provider"));
        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void Disposing_scopes_out_of_order_never_brings_back_a_disposed_clock()
    {
        var outer = DomainClock.Use(new FakeTimeProvider(T1));
        var inner = DomainClock.Use(new FakeTimeProvider(T2));

        outer.Dispose();
        Assert.That(DomainClock.UtcNow, Is.EqualTo(T2), "the inner scope is still active");

        inner.Dispose();
        Assert.That(DomainClock.Current, Is.SameAs(TimeProvider.System), "the outer scope was disposed and must not come back");
    }
}
