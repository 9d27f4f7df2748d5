using System.Text;

namespace Bloom.Runtime.Conformance.Specifications;

/// <summary>
/// The RELIABILITY.md T8 hostile-string corpus: at least 500 values built from SQL metacharacters (quotes, <c>--</c>, <c>;</c>,
/// comments), LIKE wildcards and the escape character, NUL and other control characters, Unicode confusables, combining
/// marks, emoji and 64 KB strings. Every value carries a unique random sentinel token, so a test can tell whether the value
/// leaked into SQL text.
/// </summary>
public static class HostileStrings
{
    /// <summary>SQLite's default LIKE pattern limit the translator enforces (its remarks document it), in UTF-8 bytes.</summary>
    public const int MaxLikePatternBytes = 50_000;

    private static readonly string[] Fragments =
    [
        "'", "''", "\"", "\"\"", "`", "\\'", "' OR '1'='1", "\" OR \"\"=\"", "'; DROP TABLE \"order\"; --", "\"); DELETE FROM \"order\"; --",
        "--", "-- comment", ";", ";;", "/*", "*/", "/* */", "/* comment */ SELECT", ") UNION SELECT * FROM sqlite_master --",
        "x' ESCAPE '\\", "' COLLATE NOCASE --", "%", "%%", "_", "__", "\\", "\\\\", "\\%", "\\_", "%_\\", "[a-z]", "[!a]", "^", "*", "?",
        "?1", "@p0", "@p1", "$p", ":p", "@limit", "\0", "a\0b", "\0\0", "\t", "\n", "\r\n", "\u001b[31m", "\u007f", "\u0085",
        "\u00e9", "e\u0301", "\u0430", "\u0391", "\u03bf", "\uff53\uff45\uff4c\uff45\uff43\uff54", "\u202e", "\u200b", "\ufeff",
        "\u0131", "\u0130", "\u00df", "SS", "\ufb01", "\u65e5\u672c", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
        "\ud83c\uddeb\ud83c\uddf7", "\ufffd", "\uffff", "\udbff\udfff", "\u2028", "NULL", "null", "1/0", "CASE WHEN 1 THEN 2 END", "(SELECT 1)",
        " ", "  ", "",
    ];

    /// <summary>Builds the corpus: every fragment alone, random combinations, and 64 KB strings; each with its own sentinel.</summary>
    public static List<(string Value, string Sentinel)> Build(Random random, int count = 520)
    {
        var corpus = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(Func<string, string> build)
        {
            var sentinel = "Snt" + random.NextInt64(0, long.MaxValue).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            var value = build(sentinel);
            if (seen.Add(value))
            {
                corpus.Add((value, sentinel));
            }
        }

        foreach (var fragment in Fragments)
        {
            Add(s => fragment + s);
            Add(s => s + fragment);
        }

        // 64 KB strings: plain, all wildcards (the escaped pattern doubles), and multi-byte.
        Add(s => new string('A', 32 * 1024) + s + new string('B', 32 * 1024));
        Add(s => s + string.Concat(Enumerable.Repeat("%_", 32 * 1024)));
        Add(s => string.Concat(Enumerable.Repeat("\\", 64 * 1024)) + s);
        Add(s => s + string.Concat(Enumerable.Repeat("\u65e5\ud83d\ude00", 16 * 1024)));
        Add(s => string.Concat(Enumerable.Repeat("' OR 1=1 --", 6 * 1024)) + s);
        Add(s => new string('x', 24_000) + s);

        while (corpus.Count < count)
        {
            Add(s =>
            {
                var builder = new StringBuilder();
                var parts = random.Next(1, 5);
                var at = random.Next(parts + 1);
                for (var i = 0; i <= parts; i++)
                {
                    if (i == at)
                    {
                        builder.Append(s);
                    }

                    if (i < parts)
                    {
                        builder.Append(Fragments[random.Next(Fragments.Length)]);
                    }
                }

                return builder.ToString();
            });
        }

        return corpus;
    }

    /// <summary>Whether the translator must reject <paramref name="text"/> as a StartsWith/EndsWith/Contains argument (documented limits).</summary>
    public static bool UntranslatableInLike(string text, bool contains)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return true;
        }

        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return Encoding.UTF8.GetByteCount(escaped) + (contains ? 2 : 1) > MaxLikePatternBytes;
    }
}
