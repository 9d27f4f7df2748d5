namespace Bloom.Persistence;

/// <summary>
/// An <see cref="IUnitOfWorkFactory{TUnitOfWork}"/> over a delegate: <see cref="BloomBuilder.AddUnitOfWork{TUnitOfWork}"/> registers
/// one per unit-of-work type, as a singleton that long-lived services use to run one unit of work per operation.
/// </summary>
/// <typeparam name="TUnitOfWork">The unit-of-work type.</typeparam>
public sealed class UnitOfWorkFactory<TUnitOfWork> : IUnitOfWorkFactory<TUnitOfWork>
    where TUnitOfWork : IDisposable
{
    private readonly Func<TUnitOfWork> _begin;

    /// <summary>Creates a factory that starts units of work with <paramref name="begin"/>.</summary>
    /// <param name="begin">Creates a new, empty unit of work; must do no I/O.</param>
    /// <exception cref="ArgumentNullException"><paramref name="begin"/> is <see langword="null"/>.</exception>
    public UnitOfWorkFactory(Func<TUnitOfWork> begin)
    {
        _begin = begin ?? throw new ArgumentNullException(nameof(begin));
    }

    /// <inheritdoc />
    public TUnitOfWork Begin() => _begin();
}
