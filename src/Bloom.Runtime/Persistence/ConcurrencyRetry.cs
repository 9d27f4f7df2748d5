namespace Bloom.Persistence;

/// <summary>
/// Runs a business operation in a unit of work and, when the commit fails with <see cref="ConcurrencyException"/>, runs it
/// again in a new unit of work (so every aggregate is re-loaded and the change re-applied to fresh state), with bounded attempts
/// and jittered exponential backoff (<see cref="ConcurrencyRetryOptions"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Only concurrency conflicts are retried.</b> A <see cref="ConcurrencyException"/> guarantees that nothing was written, so
/// running the operation again is safe. Every other exception — from the operation or from the commit — propagates at once and
/// is never retried: a commit that failed for another reason (a lost connection, a timeout) may have applied anyway, and
/// blindly retrying it could apply it twice. Resolve such failures with an idempotency key instead.
/// </para>
/// <para>
/// <b>Each attempt</b> begins a new unit of work from the factory, runs the operation, commits and disposes the unit of work,
/// whatever the outcome. The operation must therefore load everything it changes through the unit of work it is given, and
/// must not have side effects outside it (they would be repeated).
/// </para>
/// <para>
/// <b>Giving up.</b> When the last of <see cref="ConcurrencyRetryOptions.MaxAttempts"/> attempts conflicts, its
/// <see cref="ConcurrencyException"/> is rethrown with the number of attempts made in <see cref="Exception.Data"/> under
/// <see cref="AttemptsDataKey"/>.
/// </para>
/// <para>
/// <b>Cancellation</b> is checked before every attempt, interrupts the wait between attempts and is passed to the operation and
/// the commit; it surfaces as <see cref="OperationCanceledException"/> and no further attempt starts.
/// </para>
/// </remarks>
public static class ConcurrencyRetry
{
    /// <summary>The <see cref="Exception.Data"/> key under which the attempt count (an <see cref="int"/>) is stored on the rethrown exception.</summary>
    public const string AttemptsDataKey = "Bloom.Attempts";

    /// <summary>Runs <paramref name="work"/> in a new unit of work and commits it, retrying on <see cref="ConcurrencyException"/>.</summary>
    /// <typeparam name="TUnitOfWork">The unit of work type.</typeparam>
    /// <param name="factory">Begins one unit of work per attempt.</param>
    /// <param name="work">The operation: loads, changes and registers aggregates through the given unit of work; it must not commit.</param>
    /// <param name="options">The retry policy, or <see langword="null"/> for <see cref="ConcurrencyRetryOptions.Default"/>.</param>
    /// <param name="timeProvider">The clock for the waits, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels the operation, the commit and the waits.</param>
    /// <returns>A task that completes when an attempt has committed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> or <paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ConcurrencyException">Every attempt conflicted; the last conflict, with the attempt count in its data.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task ExecuteAsync<TUnitOfWork>(
        IUnitOfWorkFactory<TUnitOfWork> factory,
        Func<TUnitOfWork, CancellationToken, Task> work,
        ConcurrencyRetryOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
        where TUnitOfWork : IUnitOfWork
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        return ExecuteAsync<TUnitOfWork, bool>(
            factory,
            async (unitOfWork, ct) =>
            {
                await work(unitOfWork, ct).ConfigureAwait(false);
                return true;
            },
            options,
            timeProvider,
            cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> in a new unit of work and commits it, retrying on <see cref="ConcurrencyException"/>.</summary>
    /// <typeparam name="TUnitOfWork">The unit of work type.</typeparam>
    /// <typeparam name="TResult">The operation's result type.</typeparam>
    /// <param name="factory">Begins one unit of work per attempt.</param>
    /// <param name="work">The operation: loads, changes and registers aggregates through the given unit of work; it must not commit.</param>
    /// <param name="options">The retry policy, or <see langword="null"/> for <see cref="ConcurrencyRetryOptions.Default"/>.</param>
    /// <param name="timeProvider">The clock for the waits, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels the operation, the commit and the waits.</param>
    /// <returns>The result of the attempt that committed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> or <paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ConcurrencyException">Every attempt conflicted; the last conflict, with the attempt count in its data.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<TResult> ExecuteAsync<TUnitOfWork, TResult>(
        IUnitOfWorkFactory<TUnitOfWork> factory,
        Func<TUnitOfWork, CancellationToken, Task<TResult>> work,
        ConcurrencyRetryOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
        where TUnitOfWork : IUnitOfWork
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        return Core(factory, work, options ?? ConcurrencyRetryOptions.Default, timeProvider ?? TimeProvider.System, cancellationToken);

        static async Task<TResult> Core(
            IUnitOfWorkFactory<TUnitOfWork> factory,
            Func<TUnitOfWork, CancellationToken, Task<TResult>> work,
            ConcurrencyRetryOptions options,
            TimeProvider timeProvider,
            CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var unitOfWork = Begin(factory);
                try
                {
                    var result = await work(unitOfWork, cancellationToken).ConfigureAwait(false);
                    await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch (ConcurrencyException conflict)
                {
                    conflict.Data[AttemptsDataKey] = attempt;
                    if (attempt >= options.MaxAttempts)
                    {
                        throw;
                    }
                }
                finally
                {
                    await unitOfWork.DisposeAsync().ConfigureAwait(false);
                }

                var delay = options.NextDelay(attempt);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a new synchronous unit of work and commits it, retrying on <see cref="ConcurrencyException"/>.
    /// Blocks the calling thread during the waits.
    /// </summary>
    /// <typeparam name="TUnitOfWork">The synchronous unit of work type.</typeparam>
    /// <param name="factory">Begins one unit of work per attempt.</param>
    /// <param name="work">The operation: loads, changes and registers aggregates through the given unit of work; it must not commit.</param>
    /// <param name="options">The retry policy, or <see langword="null"/> for <see cref="ConcurrencyRetryOptions.Default"/>.</param>
    /// <param name="timeProvider">The clock for the waits, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels the waits and prevents further attempts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> or <paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ConcurrencyException">Every attempt conflicted; the last conflict, with the attempt count in its data.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Execute<TUnitOfWork>(
        IUnitOfWorkFactory<TUnitOfWork> factory,
        Action<TUnitOfWork> work,
        ConcurrencyRetryOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
        where TUnitOfWork : ISyncUnitOfWork
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        Execute<TUnitOfWork, bool>(
            factory,
            unitOfWork =>
            {
                work(unitOfWork);
                return true;
            },
            options,
            timeProvider,
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a new synchronous unit of work and commits it, retrying on <see cref="ConcurrencyException"/>.
    /// Blocks the calling thread during the waits.
    /// </summary>
    /// <typeparam name="TUnitOfWork">The synchronous unit of work type.</typeparam>
    /// <typeparam name="TResult">The operation's result type.</typeparam>
    /// <param name="factory">Begins one unit of work per attempt.</param>
    /// <param name="work">The operation: loads, changes and registers aggregates through the given unit of work; it must not commit.</param>
    /// <param name="options">The retry policy, or <see langword="null"/> for <see cref="ConcurrencyRetryOptions.Default"/>.</param>
    /// <param name="timeProvider">The clock for the waits, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels the waits and prevents further attempts.</param>
    /// <returns>The result of the attempt that committed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> or <paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ConcurrencyException">Every attempt conflicted; the last conflict, with the attempt count in its data.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TResult Execute<TUnitOfWork, TResult>(
        IUnitOfWorkFactory<TUnitOfWork> factory,
        Func<TUnitOfWork, TResult> work,
        ConcurrencyRetryOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
        where TUnitOfWork : ISyncUnitOfWork
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        options ??= ConcurrencyRetryOptions.Default;
        timeProvider ??= TimeProvider.System;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (var unitOfWork = Begin(factory))
            {
                try
                {
                    var result = work(unitOfWork);
                    unitOfWork.Commit();
                    return result;
                }
                catch (ConcurrencyException conflict)
                {
                    conflict.Data[AttemptsDataKey] = attempt;
                    if (attempt >= options.MaxAttempts)
                    {
                        throw;
                    }
                }
            }

            Wait(options.NextDelay(attempt), timeProvider, cancellationToken);
        }
    }

    private static TUnitOfWork Begin<TUnitOfWork>(IUnitOfWorkFactory<TUnitOfWork> factory)
        where TUnitOfWork : IDisposable =>
        factory.Begin() ?? throw new InvalidOperationException(
            $"{factory.GetType().Name}.Begin() returned null; a unit of work factory must return a new unit of work on every call.");

    /// <summary>Blocks for <paramref name="delay"/> on <paramref name="timeProvider"/>'s clock, or until cancelled.</summary>
    private static void Wait(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            using var elapsed = new CancellationTokenSource(delay, timeProvider);
            WaitHandle.WaitAny([elapsed.Token.WaitHandle, cancellationToken.WaitHandle]);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
