namespace Bloom;

/// <summary>
/// Starts units of work. Registered in DI by the generated registration (<c>IUnitOfWorkFactory&lt;IShopUnitOfWork&gt;</c>),
/// so long-lived services (hosted services, singletons) can run one unit of work per operation.
/// </summary>
/// <typeparam name="TUnitOfWork">The unit of work type, typically a generated <c>[UnitOfWork]</c> interface extending
/// <see cref="IUnitOfWork"/> or <see cref="ISyncUnitOfWork"/>.</typeparam>
public interface IUnitOfWorkFactory<out TUnitOfWork>
    where TUnitOfWork : IDisposable
{
    /// <summary>
    /// Starts a new, empty unit of work with its own identity map. Does no I/O: connections and transactions are opened
    /// when the unit of work first reads or commits. The caller owns the result and must dispose it.
    /// </summary>
    /// <returns>The new unit of work.</returns>
    TUnitOfWork Begin();
}
