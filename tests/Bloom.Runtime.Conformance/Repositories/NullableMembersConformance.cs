namespace Bloom.Runtime.Conformance.Repositories;

/// <summary>Several nullable value-type members in one aggregate: each round-trips both null and set, in both stores, and is queryable.</summary>
public sealed class NullableMembersConformance
{
    private static IEnumerable<TestCaseData> Stores()
    {
        yield return new TestCaseData(new Func<Task<StoreAdapter>>(async () => await InMemoryStoreAdapter.CreateAsync())).SetArgDisplayNames("in-memory");
        yield return new TestCaseData(new Func<Task<StoreAdapter>>(async () => await SqliteStoreAdapter.CreateAsync())).SetArgDisplayNames("sqlite");
    }

    [TestCaseSource(nameof(Stores))]
    public async Task Null_and_set_values_round_trip_and_filter(Func<Task<StoreAdapter>> create)
    {
        await using var adapter = await create();
        var set = Reading.Create(Guid.NewGuid(), 7, new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)), new DateOnly(2025, 3, 1), new CustomerNumber(42), 1.50m, DayOfWeek.Friday);
        var empty = Reading.Create(Guid.NewGuid(), null, null, null, null, null, null);
        using (var uow = new ReadingUow(adapter.Store))
        {
            uow.Readings.AddRange([set, empty]);
            uow.Commit();
        }

        using var read = new ReadingUow(adapter.Store);
        var loadedSet = read.Readings.Get(set.Id);
        var loadedEmpty = read.Readings.Get(empty.Id);
        Assert.Multiple(() =>
        {
            Assert.That(loadedSet.Count, Is.EqualTo(7));
            Assert.That(loadedSet.TakenAt, Is.EqualTo(set.TakenAt));
            Assert.That(loadedSet.TakenAt!.Value.Offset, Is.EqualTo(TimeSpan.Zero), "instants are normalised to UTC");
            Assert.That(loadedSet.Day, Is.EqualTo(new DateOnly(2025, 3, 1)));
            Assert.That(loadedSet.Customer, Is.EqualTo(new CustomerNumber(42)));
            Assert.That(loadedSet.Value.ToString(), Is.EqualTo("1.50"));
            Assert.That(loadedSet.Weekday, Is.EqualTo(DayOfWeek.Friday));
            Assert.That(new object?[] { loadedEmpty.Count, loadedEmpty.TakenAt, loadedEmpty.Day, loadedEmpty.Customer, loadedEmpty.Value, loadedEmpty.Weekday }, Is.All.Null);
            Assert.That(read.Readings.Count(Specification<Reading>.Where(r => r.Count == null && r.Day == null)), Is.EqualTo(1));
            Assert.That(read.Readings.List(Specification<Reading>.Where(r => r.Value > 1m && r.Weekday == DayOfWeek.Friday)).Single().Id, Is.EqualTo(set.Id));
            Assert.That(read.Readings.Count(Specification<Reading>.Where(r => r.Customer != null)), Is.EqualTo(1));
        });
    }

    private sealed class ReadingUow(IAggregateStore store) : UnitOfWork(store)
    {
        private Repository<Reading, Guid>? _readings;

        public Repository<Reading, Guid> Readings => _readings ??= new(this);
    }
}
