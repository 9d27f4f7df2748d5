using System.Diagnostics;
using System.Globalization;
using Bloom.Persistence;
using Bloom.Specifications;

namespace Bloom.Benchmarks.TierB;

/// <summary>
/// A9 — specification → SQL + parameters for <c>And(Or(a, b), Not(c))</c>, through the same path the SQLite store takes
/// (<see cref="SqlSpecificationTranslator.Translate{T}"/> over the aggregate's <see cref="AggregateSpecificationMapping{TAggregate}"/>,
/// then <see cref="SqlQuery.ToSelect"/>). BENCHMARKS.md lists A9 under Tier A; it runs here, in the Stopwatch harness, because
/// its targets are an absolute cold time, an allocation count and a reference-equality check rather than one time ratio.
/// </summary>
internal static class A9Translation
{
    public const double WarmMaxRatio = 2.0;
    public const double ColdMaxNs = 5_000;

    private const string QuotedTable = "\"item\"";

    private static readonly AggregateSpecificationMapping<Item> Mapping = new(Item.Mapping, ToPhysical);

    private static object? _sink;

    public static object? Sink => _sink;

    /// <summary>The request values a specification is built from.</summary>
    private static readonly ItemStatus Status = ItemStatus.Active;
    private static readonly int Minimum = 100;
    private static readonly string Prefix = new("Widget".AsSpan());

    public static Specification<Item> Build(ItemStatus status, int minimum, string prefix) =>
        new ItemsWithStatus(status).Or(new ItemsWithQuantityAbove(minimum)).And(new ItemsNamedLike(prefix).Not());

    public static (string Sql, IReadOnlyList<object?> Parameters) Translate(Specification<Item> specification)
    {
        var query = SqlSpecificationTranslator.Default.Translate(specification, Mapping);
        return (query.ToSelect(ItemSql.SelectList, QuotedTable), query.Parameters);
    }

    /// <summary>The very first translation in this process (JIT of the translator and expression interpreter included).</summary>
    public static double FirstTranslationInProcessNs()
    {
        var specification = Build(Status, Minimum, Prefix);
        var started = Stopwatch.GetTimestamp();
        _sink = Translate(specification);
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds;
    }

    public static A9Facts Facts()
    {
        var first = Translate(Build(ItemStatus.Active, 100, "Widget"));
        var second = Translate(Build(ItemStatus.Retired, 7, "Gadget"));
        var reused = Build(ItemStatus.Active, 100, "Widget");
        var again1 = Translate(reused);
        var again2 = Translate(reused);
        return new A9Facts(
            first.Sql,
            string.Join(", ", first.Parameters.Select(static p => p is string s ? "'" + s + "'" : Convert.ToString(p, CultureInfo.InvariantCulture))),
            string.Equals(first.Sql, second.Sql, StringComparison.Ordinal),
            ReferenceEquals(first.Sql, second.Sql),
            ReferenceEquals(again1.Sql, again2.Sql));
    }

    public static Scenario Scenario(int baselineOps, int bloomOps)
    {
        // The baseline's SQL is computed once (it is what a hand-written repository keeps in a constant).
        var precomputed = Translate(Build(Status, Minimum, Prefix)).Sql;
        var warm = Build(Status, Minimum, Prefix);
        var literal = Specification<Item>.Where(i => (i.Status == ItemStatus.Active || i.Quantity > 100) && !i.Name.StartsWith("Widget", StringComparison.Ordinal));
        var variants = new List<Variant>
        {
            new("precomputed SQL string + filling a parameter array", VariantRole.Baseline, baselineOps, () =>
            {
                for (var i = 0; i < baselineOps; i++)
                {
                    var parameters = new object?[3];
                    parameters[0] = (long)Status;
                    parameters[1] = (long)Minimum;
                    parameters[2] = LikePrefix(Prefix);
                    _sink = (precomputed, parameters);
                }
            }),
            new("Bloom warm: translate the same specification instance again", VariantRole.Bloom, bloomOps, () =>
            {
                for (var i = 0; i < bloomOps; i++)
                {
                    _sink = Translate(warm);
                }
            }),
            new("Bloom cold: new specification instances of the shape (compose + translate)", VariantRole.Bloom, bloomOps, () =>
            {
                for (var i = 0; i < bloomOps; i++)
                {
                    _sink = Translate(Build(Status, Minimum, Prefix));
                }
            }),
            new("Bloom part: translate the same shape written with literals (no captured values to evaluate)", VariantRole.Info, bloomOps, () =>
            {
                for (var i = 0; i < bloomOps; i++)
                {
                    _sink = Translate(literal);
                }
            }),
            new("Bloom part: compose only (new instances + ToExpression)", VariantRole.Info, bloomOps, () =>
            {
                for (var i = 0; i < bloomOps; i++)
                {
                    _sink = Build(Status, Minimum, Prefix).ToExpression();
                }
            }),
        };

        return new Scenario(
            "A9",
            "Specification → SQL + parameters, `And(Or(status == s, quantity > n), Not(name.StartsWith(p)))`",
            "translation",
            WarmMaxRatio,
            "Each Bloom op translates the specification through the store's path (translator + aggregate specification mapping + `ToSelect` with the store's select list); the baseline returns the same precomputed SELECT text and fills a new `object?[3]` with the converted values (two boxed longs and the LIKE pattern). Time per op from loops of many ops; allocated bytes per op from `GC.GetAllocatedBytesForCurrentThread`.",
            variants);
    }

    /// <summary>The hand-written LIKE prefix pattern (escape \, % and _ then append %).</summary>
    private static string LikePrefix(string prefix) =>
        prefix.AsSpan().IndexOfAny('\\', '%', '_') < 0
            ? prefix + "%"
            : prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>The logical → physical conversion of the SQLite store (SqliteValues.ToPhysical is internal), for the types of <see cref="Item"/>.</summary>
    private static object? ToPhysical(StorageType type, object? value) => (type, value) switch
    {
        (_, null) => null,
        (StorageType.Guid, Guid g) => g.ToString("D", CultureInfo.InvariantCulture),
        (StorageType.Decimal, decimal d) => d.ToString(CultureInfo.InvariantCulture),
        (StorageType.Boolean, bool b) => b ? 1L : 0L,
        (StorageType.Double, float f) => (double)f,
        _ => value,
    };
}

internal sealed record A9Facts(string Sql, string Parameters, bool SameShapeSameText, bool SameShapeReferenceEqual, bool SameInstanceReferenceEqual);
