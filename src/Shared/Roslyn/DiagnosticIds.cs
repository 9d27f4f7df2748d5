namespace Bloom.Roslyn;

/// <summary>
/// Stable, hand-assigned diagnostic ids. Never renumber or reuse one: users' .editorconfig files and #pragmas refer to them.
/// Ranges: BLM0xxx usage/generation, BLM1xxx aggregate boundaries, BLM2xxx value objects, BLM3xxx domain events, BLM4xxx runtime.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>A Bloom generator hit an unexpected error (a bug-report diagnostic, reported by the generator itself).</summary>
    public const string GeneratorFailed = "BLM0000";

    /// <summary>A type carrying a Bloom attribute must be declared <c>partial</c>.</summary>
    public const string TypeMustBePartial = "BLM0001";

    /// <summary>A Bloom attribute sits on a type the generator cannot extend (generic, or nested inside a generic type).</summary>
    public const string UnsupportedTarget = "BLM0002";

    /// <summary>Base address of the diagnostic help pages.</summary>
    public const string HelpLinkBase = "https://github.com/bloom-toolkit/bloom/blob/main/docs/diagnostics/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
