using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bloom.Specifications;

/// <summary>
/// Translates a <see cref="Specification{T}"/> and an optional <see cref="PageRequest{T}"/> to a parameterised SQLite
/// <c>WHERE</c> predicate, <c>ORDER BY</c> and <c>LIMIT</c>/<c>OFFSET</c>, resolving every member through an
/// <see cref="ISpecificationMapping{T}"/>. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Supported: <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> between a mapped member and a value (either
/// side; enum and widening conversions the compiler inserts are looked through; user-defined operators such as those of
/// <see cref="DateTimeOffset"/> or strongly typed ids are allowed when both sides have the same type), <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c>, comparison with <see langword="null"/> (<c>IS NULL</c> / <c>IS NOT NULL</c>, also when a captured
/// value is null), bare <see cref="bool"/> members, constants, captured variables and member chains on captured objects
/// (each evaluated once, during translation, into a parameter), <see cref="string.StartsWith(string)"/>,
/// <see cref="string.EndsWith(string)"/> (also with <see cref="StringComparison.Ordinal"/>) and <see cref="string.Contains(string)"/>
/// (<c>LIKE @p ESCAPE '\'</c> with <c>%</c>, <c>_</c> and <c>\</c> escaped in the value), and collection
/// <c>Contains</c> (<c>IN (…)</c>; an empty collection is <c>0 = 1</c>).
/// </para>
/// <para>
/// Every value is a parameter (<c>@p0</c>, <c>@p1</c>, … in order); the SQL text holds only quoted mapped identifiers,
/// operators and keywords, so specifications of the same shape yield the same text (the text changes with the number of
/// items in an <c>IN</c> list and when a captured value is <see langword="null"/>, which selects <c>IS NULL</c>). Texts are
/// interned (up to 4,096 distinct ones), so the same shape yields the same string instance.
/// Anything else (method calls or arithmetic on members, member-to-member comparisons, unmapped members, nested lambdas
/// over the candidate) throws <see cref="UntranslatableSpecificationException"/> naming the expression, before any SQL exists.
/// </para>
/// <para>
/// Semantics follow C#: negation is pushed down to the comparisons (De Morgan), and a negated comparison on a member that can
/// be null also matches null, so <c>!(o.Note == "x")</c> includes rows whose note is null, as it does in memory.
/// </para>
/// <para>
/// String matching is ordinal. The SQLite adapter <b>must</b> run <c>PRAGMA case_sensitive_like = ON</c> on every connection,
/// because SQLite's <c>LIKE</c> is otherwise case-insensitive for ASCII. A string value containing U+0000 is rejected everywhere (Microsoft.Data.Sqlite binds long text NUL-terminated, cutting it). SQLite's <c>LIKE</c> stops at a NUL character, so a
/// <c>StartsWith</c>/<c>EndsWith</c>/<c>Contains</c> argument containing U+0000 is rejected as untranslatable rather than matched
/// wrongly, and so is a pattern longer than SQLite's default <c>SQLITE_LIMIT_LIKE_PATTERN_LENGTH</c> (50,000 bytes after escaping). <c>string.StartsWith(string)</c> and <c>EndsWith(string)</c> are culture-sensitive when evaluated in memory; prefer the
/// <see cref="StringComparison.Ordinal"/> overloads so memory and SQL agree.
/// </para>
/// </remarks>
public sealed partial class SqlSpecificationTranslator
{
    /// <summary>A shared instance (the translator holds no state).</summary>
    public static SqlSpecificationTranslator Default { get; } = new();

    /// <summary>Translates <paramref name="specification"/> (and <paramref name="page"/>) over <paramref name="mapping"/>.</summary>
    /// <typeparam name="T">The candidate type.</typeparam>
    /// <param name="specification">The specification.</param>
    /// <param name="mapping">The member-to-column whitelist.</param>
    /// <param name="page">The page and sort keys; <see langword="null"/> for no <c>ORDER BY</c>/<c>LIMIT</c>.</param>
    /// <param name="tieBreaker">
    /// A unique column (normally the id) appended as the last, ascending <c>ORDER BY</c> key when <paramref name="page"/> is given
    /// and does not already sort by it, so that rows tied on the sort keys (or an unordered page) land on pages deterministically;
    /// ignored without a page. <see langword="null"/> for none.
    /// </param>
    /// <returns>The SQL fragments and parameter values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="specification"/> or <paramref name="mapping"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The specification's <see cref="Specification{T}.ToExpression"/> returned <see langword="null"/>.</exception>
    /// <exception cref="UntranslatableSpecificationException">A construct, member or sort key cannot be translated.</exception>
    public SqlQuery Translate<T>(Specification<T> specification, ISpecificationMapping<T> mapping, PageRequest<T>? page = null, SqlColumn? tieBreaker = null)
    {
        ArgumentNullException.ThrowIfNull(specification);
        ArgumentNullException.ThrowIfNull(mapping);
        var lambda = specification.ToExpression() ?? throw new InvalidOperationException(
            $"{specification.GetType().Name}.ToExpression() returned null. Return the rule as an expression, for example 'x => x.IsActive'.");

        var context = new Context<T>(mapping, lambda.Parameters[0]);
        var where = new StringBuilder();
        context.Predicate(lambda.Body, negated: false, where);

        var tail = new StringBuilder();
        if (page is not null)
        {
            context.OrderBy(page, tail, tieBreaker);
            if (tail.Length > 0)
            {
                tail.Append(' ');
            }

            tail.Append("LIMIT ").Append(context.AddParameter((long)page.Size))
                .Append(" OFFSET ").Append(context.AddParameter(page.Skip));
        }

        return new SqlQuery(Intern(where), Intern(tail), context.Parameters);
    }

    // The same shape yields the same text; handing out one string instance per text lets statement caches (ours, Dapper's)
    // compare by reference. Bounded: past the limit new texts are simply not interned.
    private const int InternLimit = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    private static string Intern(StringBuilder text)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        return Intern(text.ToString());
    }

    /// <summary>Returns the shared instance of <paramref name="value"/> (bounded; past the limit the value itself).</summary>
    internal static string Intern(string value)
    {
        if (Texts.TryGetValue(value, out var interned))
        {
            return interned;
        }

        return Texts.Count < InternLimit ? Texts.GetOrAdd(value, value) : value;
    }
}
