using Bloom.Persistence;

namespace Bloom.Sqlite.Tests.Stores;

public enum LedgerStatus
{
    Open = 1,
    Closed = 2,
    Archived = 3,
}

/// <summary>
/// A hand-written aggregate (no generator) with one member per <see cref="StorageType"/>, plus nullable ones.
/// </summary>
public sealed class Ledger : IAggregateRoot<Guid>
{
    public Guid Id { get; set; }

    public bool Flag { get; set; }

    public long Count { get; set; }

    public double Ratio { get; set; }

    public decimal Amount { get; set; }

    public string Name { get; set; } = "";

    public Guid Reference { get; set; }

    public DateTimeOffset At { get; set; }

    public DateTime When { get; set; }

    public string Document { get; set; } = "{}";

    public LedgerStatus Status { get; set; } = LedgerStatus.Open;

    public string? Note { get; set; }

    public decimal? MaybeAmount { get; set; }

    public long? MaybeCount { get; set; }

    public bool? MaybeFlag { get; set; }

    public double? MaybeRatio { get; set; }

    public Guid? MaybeReference { get; set; }

    public DateTimeOffset? MaybeAt { get; set; }

    public DateTime? MaybeWhen { get; set; }

    public string? MaybeDocument { get; set; }

    public long Version { get; private set; }

    public IReadOnlyList<IDomainEvent> PendingEvents => [];

    public void ClearPendingEvents()
    {
    }

    public void MarkCommitted(long newVersion) => Version = newVersion;

    internal void SetVersion(long version) => Version = version;

    public static Ledger Sample(Guid? id = null, decimal amount = 1m) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Flag = true,
        Count = 42,
        Ratio = 0.1,
        Amount = amount,
        Name = "ledger",
        Reference = Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E"),
        At = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        When = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Document = "{\"lines\":[]}",
    };
}

public sealed class LedgerMapping : AggregateMapping<Ledger, Guid>
{
    public static readonly LedgerMapping Instance = new();

    private LedgerMapping()
        : base("Ledger", "ledger",
        [
            new PersistedColumn("id", StorageType.Guid, false, ["Id"]),
            new PersistedColumn("flag", StorageType.Boolean, false, ["Flag"]),
            new PersistedColumn("count", StorageType.Int64, false, ["Count"]),
            new PersistedColumn("ratio", StorageType.Double, false, ["Ratio"]),
            new PersistedColumn("amount", StorageType.Decimal, false, ["Amount"]),
            new PersistedColumn("name", StorageType.String, false, ["Name"]),
            new PersistedColumn("reference", StorageType.Guid, false, ["Reference"]),
            new PersistedColumn("at", StorageType.DateTimeOffset, false, ["At"]),
            new PersistedColumn("when", StorageType.DateTime, false, ["When"]),
            new PersistedColumn("document", StorageType.Json, false),
            new PersistedColumn("status", StorageType.Int64, false, ["Status"]),
            new PersistedColumn("note", StorageType.String, true, ["Note"]),
            new PersistedColumn("maybe_amount", StorageType.Decimal, true, ["MaybeAmount"]),
            new PersistedColumn("maybe_count", StorageType.Int64, true, ["MaybeCount"]),
            new PersistedColumn("maybe_flag", StorageType.Boolean, true, ["MaybeFlag"]),
            new PersistedColumn("maybe_ratio", StorageType.Double, true, ["MaybeRatio"]),
            new PersistedColumn("maybe_reference", StorageType.Guid, true, ["MaybeReference"]),
            new PersistedColumn("maybe_at", StorageType.DateTimeOffset, true, ["MaybeAt"]),
            new PersistedColumn("maybe_when", StorageType.DateTime, true, ["MaybeWhen"]),
            new PersistedColumn("maybe_document", StorageType.Json, true),
        ])
    {
    }

    public override Guid GetId(Ledger aggregate) => aggregate.Id;

    public override object IdToStorage(Guid id) => id;

    public override void Write(Ledger a, Span<object?> row)
    {
        row[0] = a.Id;
        row[1] = a.Flag;
        row[2] = a.Count;
        row[3] = a.Ratio;
        row[4] = a.Amount;
        row[5] = a.Name;
        row[6] = a.Reference;
        row[7] = a.At;
        row[8] = a.When;
        row[9] = a.Document;
        row[10] = (long)a.Status;
        row[11] = a.Note;
        row[12] = a.MaybeAmount;
        row[13] = a.MaybeCount;
        row[14] = a.MaybeFlag;
        row[15] = a.MaybeRatio;
        row[16] = a.MaybeReference;
        row[17] = a.MaybeAt;
        row[18] = a.MaybeWhen;
        row[19] = a.MaybeDocument;
    }

    public override Ledger Reconstitute(ReadOnlySpan<object?> row, long version)
    {
        var ledger = new Ledger
        {
            Id = (Guid)row[0]!,
            Flag = (bool)row[1]!,
            Count = (long)row[2]!,
            Ratio = (double)row[3]!,
            Amount = (decimal)row[4]!,
            Name = (string)row[5]!,
            Reference = (Guid)row[6]!,
            At = (DateTimeOffset)row[7]!,
            When = (DateTime)row[8]!,
            Document = (string)row[9]!,
            Status = (LedgerStatus)(long)row[10]!,
            Note = (string?)row[11],
            MaybeAmount = (decimal?)row[12],
            MaybeCount = (long?)row[13],
            MaybeFlag = (bool?)row[14],
            MaybeRatio = (double?)row[15],
            MaybeReference = (Guid?)row[16],
            MaybeAt = (DateTimeOffset?)row[17],
            MaybeWhen = (DateTime?)row[18],
            MaybeDocument = (string?)row[19],
        };
        ledger.SetVersion(version);
        return ledger;
    }
}

/// <summary>A second hand-written aggregate with an <see cref="long"/> id (an INTEGER PRIMARY KEY, i.e. a rowid alias).</summary>
public sealed class Counter : IAggregateRoot<long>
{
    public long Id { get; set; }

    public long Value { get; set; }

    public long Version { get; private set; }

    public IReadOnlyList<IDomainEvent> PendingEvents => [];

    public void ClearPendingEvents()
    {
    }

    public void MarkCommitted(long newVersion) => Version = newVersion;

    internal void SetVersion(long version) => Version = version;
}

public sealed class CounterMapping : AggregateMapping<Counter, long>
{
    public static readonly CounterMapping Instance = new();

    private CounterMapping()
        : base("Counter", "counter",
        [
            new PersistedColumn("id", StorageType.Int64, false, ["Id"]),
            new PersistedColumn("value", StorageType.Int64, false, ["Value"]),
        ])
    {
    }

    public override long GetId(Counter aggregate) => aggregate.Id;

    public override object IdToStorage(long id) => id;

    public override void Write(Counter aggregate, Span<object?> row)
    {
        row[0] = aggregate.Id;
        row[1] = aggregate.Value;
    }

    public override Counter Reconstitute(ReadOnlySpan<object?> row, long version)
    {
        var counter = new Counter { Id = (long)row[0]!, Value = (long)row[1]! };
        counter.SetVersion(version);
        return counter;
    }
}
