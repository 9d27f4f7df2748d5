namespace Bloom.Roslyn;

/// <summary>
/// Keys and values of the properties BLM2001 (value objects) and BLM3001 (domain events) attach to their diagnostics,
/// read by <c>MakeImmutableCodeFix</c> (the two assemblies do not reference each other, so they live in shared source).
/// The analyzer decides the repair, so the advice in the message and the code fix never disagree.
/// </summary>
internal static class ImmutabilityDiagnosticProperties
{
    /// <summary>Which repair applies (one of the <c>Fix*</c> values); absent when none is mechanical.</summary>
    public const string Fix = "BloomImmutabilityFix";

    /// <summary>For <see cref="FixReadOnlyCollection"/>: the read-only interface to use (<c>IReadOnlyList</c>, ...).</summary>
    public const string ReadOnlyInterface = "BloomReadOnlyInterface";

    /// <summary>Replace the <c>set</c> keyword with <c>init</c>.</summary>
    public const string FixInit = "Init";

    /// <summary>Remove the <c>set</c> accessor (value objects with <c>Validate</c>: <c>init</c> would let <c>with</c> skip it).</summary>
    public const string FixRemoveSetter = "RemoveSetter";

    /// <summary>Add <c>readonly</c> to the field declaration.</summary>
    public const string FixReadonlyField = "ReadonlyField";

    /// <summary>Change the member's type to the read-only interface named by <see cref="ReadOnlyInterface"/>.</summary>
    public const string FixReadOnlyCollection = "ReadOnlyCollection";

    /// <summary>Declare the <c>record struct</c> as <c>readonly record struct</c>.</summary>
    public const string FixReadonlyRecordStruct = "ReadonlyRecordStruct";
}
