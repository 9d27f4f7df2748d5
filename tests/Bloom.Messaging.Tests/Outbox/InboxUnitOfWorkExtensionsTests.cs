namespace Bloom.Messaging.Tests.Outbox;

public sealed class InboxUnitOfWorkExtensionsTests
{
    [Test]
    public async Task MarkHandled_works_through_the_unit_of_work_interface()
    {
        await using var adapter = await InMemoryMessagingAdapter.CreateAsync();
        var messageId = Guid.CreateVersion7();
        await using (var uow = adapter.Begin())
        {
            IUnitOfWork asInterface = uow;
            asInterface.MarkHandled(messageId, "billing");
            await uow.Accounts.AddAsync(Account.Open("ada"), CancellationToken.None);
            await asInterface.CommitAsync(CancellationToken.None);
        }

        await using var again = adapter.Begin();
        ((IUnitOfWork)again).MarkHandled(messageId, "billing");
        Assert.ThrowsAsync<DuplicateMessageException>(() => again.CommitAsync(CancellationToken.None));
    }

    [Test]
    public void A_unit_of_work_that_is_not_a_Bloom_one_cannot_record_inbox_entries() =>
        Assert.That(() => new ForeignUnitOfWork().MarkHandled(Guid.NewGuid(), "billing"), Throws.InstanceOf<NotSupportedException>());

    private sealed class ForeignUnitOfWork : IUnitOfWork
    {
        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RollbackAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
