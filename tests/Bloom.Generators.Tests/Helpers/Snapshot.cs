using System.Runtime.CompilerServices;

namespace Bloom.Generators.Tests.Helpers;

/// <summary>
/// A small stand-in for Verify: compares text with <c>Snapshots/NAME.verified.txt</c> next to the calling test file.
/// On a mismatch it writes <c>NAME.received.txt</c> and fails; with <c>BLOOM_ACCEPT=1</c> it overwrites the verified file instead.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified.txt");
        var received = Path.Combine(directory, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("BLOOM_ACCEPT") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified} yet. Review {received}, then accept it (rename, or rerun with BLOOM_ACCEPT=1)."
            : $"Generated code differs from {verified}. Compare with {received}; if the change is intended, accept it (BLOOM_ACCEPT=1).");
    }
}
