namespace Bloom.Runtime.Conformance.Domain;

/// <summary>An aggregate made of nullable value-type members of every kind (several in one row exercise the generated null handling).</summary>
[Aggregate]
public sealed partial class Reading
{
    private Reading(Guid id) => Id = id;

    /// <summary>The id (a plain Guid, no strongly typed id).</summary>
    public Guid Id { get; private set; }

    /// <summary>A nullable integer.</summary>
    public int? Count { get; private set; }

    /// <summary>A nullable instant.</summary>
    public DateTimeOffset? TakenAt { get; private set; }

    /// <summary>A nullable date.</summary>
    public DateOnly? Day { get; private set; }

    /// <summary>A nullable strongly typed id.</summary>
    public CustomerNumber? Customer { get; private set; }

    /// <summary>A nullable decimal.</summary>
    public decimal? Value { get; private set; }

    /// <summary>A nullable enum.</summary>
    public DayOfWeek? Weekday { get; private set; }

    /// <summary>Creates a reading.</summary>
    public static Reading Create(Guid id, int? count, DateTimeOffset? takenAt, DateOnly? day, CustomerNumber? customer, decimal? value, DayOfWeek? weekday) =>
        new(id) { Count = count, TakenAt = takenAt, Day = day, Customer = customer, Value = value, Weekday = weekday };
}
