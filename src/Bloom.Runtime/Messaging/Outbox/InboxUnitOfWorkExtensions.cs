using Bloom.Persistence;

namespace Bloom;

/// <summary>
/// The inbox on unit-of-work interfaces: a generated <c>[UnitOfWork]</c> interface (<c>IShopUnitOfWork : IUnitOfWork</c>) does not
/// declare <see cref="UnitOfWork.MarkHandled"/>, but every Bloom unit of work derives from <see cref="UnitOfWork"/>.
/// </summary>
public static class InboxUnitOfWorkExtensions
{
    /// <summary>
    /// Records that this unit of work handles message <paramref name="messageId"/> for <paramref name="consumer"/> (see
    /// <see cref="UnitOfWork.MarkHandled"/>): the next commit writes the inbox entry in its transaction, or fails with
    /// <see cref="DuplicateMessageException"/>, writing nothing, when the consumer already handled the message.
    /// </summary>
    /// <param name="unitOfWork">The unit of work (a Bloom <see cref="UnitOfWork"/>, e.g. a generated one).</param>
    /// <param name="messageId">The message id (<c>MessageContext.MessageId</c>).</param>
    /// <param name="consumer">The consumer's stable name; one per effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="consumer"/> is empty.</exception>
    /// <exception cref="NotSupportedException">The unit of work is not a Bloom <see cref="UnitOfWork"/> and keeps no inbox.</exception>
    public static void MarkHandled(this IUnitOfWork unitOfWork, Guid messageId, string consumer)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        if (unitOfWork is not UnitOfWork bloom)
        {
            throw new NotSupportedException(
                $"{unitOfWork.GetType().Name} is not a Bloom UnitOfWork, so it cannot record inbox entries; use a generated [UnitOfWork] or derive from Bloom.Persistence.UnitOfWork.");
        }

        bloom.MarkHandled(messageId, consumer);
    }
}
