using System.Globalization;

namespace Bloom.Benchmarks.Infrastructure;

internal static class Fmt
{
    public static string Ns(double ns) => ns switch
    {
        < 10 => ns.ToString("0.000", CultureInfo.InvariantCulture) + " ns",
        < 1000 => ns.ToString("0.00", CultureInfo.InvariantCulture) + " ns",
        < 1_000_000 => (ns / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        _ => (ns / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double r) => r.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Bytes(long? b) => b is { } v ? v.ToString(CultureInfo.InvariantCulture) + " B" : "n/a";

    public static string Pct(double p) => p.ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Num(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
