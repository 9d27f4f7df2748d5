namespace Bloom.Persistence;

/// <summary>
/// The logical type of a mapped column, and so the CLR type of its value in a mapped row (<see cref="AggregateMapping{TAggregate, TId}.Write"/>).
/// Each adapter decides the physical form (SQLite: <see cref="Decimal"/> as invariant TEXT compared by a decimal collation,
/// <see cref="Guid"/> as lower-case TEXT, <see cref="DateTimeOffset"/> and <see cref="DateTime"/> as INTEGER ticks).
/// </summary>
public enum StorageType
{
    /// <summary>A <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A <see cref="long"/>: every integral type, enums (their numeric value), <see cref="DateOnly"/> (day number), <see cref="TimeOnly"/> and <see cref="TimeSpan"/> (ticks).</summary>
    Int64,

    /// <summary>A <see cref="double"/> (also <see cref="float"/>).</summary>
    Double,

    /// <summary>A <see cref="decimal"/>; never stored as a binary floating-point number.</summary>
    Decimal,

    /// <summary>A <see cref="string"/>.</summary>
    String,

    /// <summary>A <see cref="System.Guid"/>.</summary>
    Guid,

    /// <summary>A <see cref="System.DateTimeOffset"/>, normalised to UTC when stored (the instant is kept, the offset is not).</summary>
    DateTimeOffset,

    /// <summary>A <see cref="System.DateTime"/>; its ticks are stored, its <see cref="DateTimeKind"/> is not (it reads back as <see cref="DateTimeKind.Utc"/>).</summary>
    DateTime,

    /// <summary>A JSON document (a <see cref="string"/>) written by Bloom's generated, reflection-free converters; not queryable.</summary>
    Json,
}
