namespace Bloom.Roslyn;

/// <summary>
/// Keys of the properties the aggregate-boundary analyzers attach to their diagnostics, read by the code fixes
/// (the two assemblies do not reference each other, so the keys live in shared source).
/// </summary>
internal static class BoundaryDiagnosticProperties
{
    /// <summary>BLM1001: documentation comment id of the aggregate held by reference.</summary>
    public const string HeldAggregate = "HeldAggregate";

    /// <summary>BLM1001: documentation comment id of that aggregate's <c>Id</c> type; absent when it has none.</summary>
    public const string IdType = "IdType";

    /// <summary>BLM1003: which kind of mutable state was found (one of the <c>Kind*</c> values).</summary>
    public const string Kind = "Kind";

    /// <summary>BLM1003: a property with a public <c>set</c> accessor.</summary>
    public const string KindSetter = "Setter";

    /// <summary>BLM1003: a public field that is not readonly.</summary>
    public const string KindField = "Field";

    /// <summary>BLM1003: a public property or field whose type is a mutable collection.</summary>
    public const string KindCollection = "Collection";
}
