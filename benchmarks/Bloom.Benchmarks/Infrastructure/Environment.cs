using System.Globalization;
using System.Runtime.InteropServices;

namespace Bloom.Benchmarks.Infrastructure;

/// <summary>Where the repository is, and what machine the run happened on.</summary>
internal static class RunEnvironment
{
    /// <summary>The title and the lines every result file starts with: when, on what machine, from what source, under what load.</summary>
    public static void AppendHeader(System.Text.StringBuilder sb, string title, DateTimeOffset startedAt, string startedSuffix, MachineInfo machine, SourceState source, double? loadStart, double? loadEnd)
    {
        sb.AppendLine(title);
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Run started: {startedAt:yyyy-MM-dd HH:mm:ss} UTC{startedSuffix}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine.Line}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Source: {source.Line}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- 1-minute load average: start {Format(loadStart)}, end {Format(loadEnd)}");
    }

    /// <summary>Walks up from the current directory (then from the binary's folder) to the folder holding Bloom.Toolkit.sln.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bloom.Toolkit.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Bloom.Toolkit.sln not found above " + Directory.GetCurrentDirectory() + " or " + AppContext.BaseDirectory);
    }

    public static string ResultsDirectory(string root)
    {
        var dir = Path.Combine(root, "benchmarks", "results");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static double? LoadAverage1()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    public static MachineInfo Machine() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.RuntimeIdentifier);

    public static string Format(double? load) => load is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}

internal sealed record MachineInfo(int Cores, string Cpu, string Os, string DotNet, string Rid)
{
    public string Line => $"{Cores} cores ({Cpu}), {Os}, {DotNet} ({Rid})";
}

/// <summary>The commit the run measured, and whether src/ had uncommitted changes (other people edit it concurrently).</summary>
internal sealed record SourceState(string Commit, int DirtySrcFiles)
{
    public string Line => DirtySrcFiles == 0
        ? $"commit {Commit}, src/ clean"
        : $"commit {Commit} + {DirtySrcFiles} uncommitted file(s) under src/ (working tree as built)";

    public static SourceState Read(string root)
    {
        var commit = Git(root, "rev-parse --short=12 HEAD")?.Trim() ?? "unknown";
        var status = Git(root, "status --porcelain -- src");
        var dirty = status is null ? -1 : status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return new SourceState(commit, dirty);
    }

    private static string? Git(string root, string arguments)
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = System.Diagnostics.Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
