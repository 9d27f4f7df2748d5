namespace Bloom.Runtime.Conformance.Support;

/// <summary>Seeds for randomized suites: fixed by default, overridable with <c>BLOOM_SEED</c> (RELIABILITY.md "Reproducibility").</summary>
public static class Seeds
{
    public static int Resolve(int fixedSeed)
    {
        var text = Environment.GetEnvironmentVariable("BLOOM_SEED");
        var seed = int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : fixedSeed;
        TestContext.Out.WriteLine($"seed {seed} (rerun with BLOOM_SEED={seed})");
        return seed;
    }
}
