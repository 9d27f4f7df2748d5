namespace Bloom;

/// <summary>The raw value type behind a <see cref="StronglyTypedIdAttribute">strongly typed id</see>.</summary>
public enum IdBacking
{
    /// <summary>A <see cref="System.Guid"/>; <c>New()</c> creates a time-ordered (version 7) value.</summary>
    Guid = 0,

    /// <summary>A 64-bit integer, usually assigned by the caller or a sequence.</summary>
    Long = 1,

    /// <summary>A non-null string, for natural keys such as SKUs or ISO codes.</summary>
    String = 2,
}
