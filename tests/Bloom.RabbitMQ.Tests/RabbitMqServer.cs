using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Bloom.RabbitMQ.Tests;

/// <summary>
/// A real rabbitmq-server (Debian's package, 3.10.x) started for this test run, as TOOLCHAIN.md shows: loopback only, free
/// non-default AMQP/distribution/epmd ports, every file (mnesia, logs, Erlang cookie via HOME) under a temp directory. Stopped
/// (SIGTERM, then epmd) and deleted afterwards.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string DefaultServerPath = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly Process _process;
    private readonly DirectoryInfo _baseDirectory;
    private readonly int _epmdPort;
    private readonly StreamWriter _log;

    private RabbitMqServer(Process process, DirectoryInfo baseDirectory, int amqpPort, int epmdPort, StreamWriter log)
    {
        _process = process;
        _baseDirectory = baseDirectory;
        AmqpPort = amqpPort;
        _epmdPort = epmdPort;
        _log = log;
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int AmqpPort { get; }

    /// <summary>The broker URI (guest works over loopback only, which is all we use).</summary>
    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{AmqpPort}/");

    /// <summary>Where the broker's files and log are.</summary>
    public string BaseDirectory => _baseDirectory.FullName;

    /// <summary>The rabbitmq-server script, or <see langword="null"/> when RabbitMQ is not installed.</summary>
    public static string? FindServer()
    {
        var path = Environment.GetEnvironmentVariable("BLOOM_RABBITMQ_SERVER") ?? DefaultServerPath;
        return File.Exists(path) ? path : null;
    }

    /// <summary>Starts a broker and waits until it accepts AMQP connections.</summary>
    public static async Task<RabbitMqServer> StartAsync(string serverPath, TimeSpan timeout)
    {
        var baseDirectory = Directory.CreateTempSubdirectory("bloom-rabbitmq-");
        var home = Directory.CreateDirectory(Path.Combine(baseDirectory.FullName, "home"));
        var mnesia = Directory.CreateDirectory(Path.Combine(baseDirectory.FullName, "mnesia"));
        var logs = Directory.CreateDirectory(Path.Combine(baseDirectory.FullName, "log"));
        var pluginsFile = Path.Combine(baseDirectory.FullName, "enabled_plugins");
        await File.WriteAllTextAsync(pluginsFile, "[].").ConfigureAwait(false);
        var envFile = Path.Combine(baseDirectory.FullName, "rabbitmq-env.conf");
        await File.WriteAllTextAsync(envFile, string.Empty).ConfigureAwait(false);

        var (amqpPort, distPort, epmdPort) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo(serverPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = baseDirectory.FullName,
        };
        var env = start.Environment;
        env["HOME"] = home.FullName;
        env["RABBITMQ_NODENAME"] = $"bloomtest{Environment.ProcessId}@localhost";
        env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        env["RABBITMQ_NODE_PORT"] = amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["RABBITMQ_DIST_PORT"] = distPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["ERL_EPMD_PORT"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        env["RABBITMQ_MNESIA_BASE"] = mnesia.FullName;
        env["RABBITMQ_LOG_BASE"] = logs.FullName;
        env["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile;
        env["RABBITMQ_CONFIG_FILE"] = Path.Combine(baseDirectory.FullName, "rabbitmq");
        env["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(baseDirectory.FullName, "advanced.config");
        env["RABBITMQ_CONF_ENV_FILE"] = envFile;

        var log = new StreamWriter(Path.Combine(baseDirectory.FullName, "rabbitmq-server.out"), append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {serverPath}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RabbitMqServer(process, baseDirectory, amqpPort, epmdPort, log);
        try
        {
            await server.WaitUntilReadyAsync(timeout).ConfigureAwait(false);
        }
        catch
        {
            var output = server.ReadLog();
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"rabbitmq-server did not become ready on 127.0.0.1:{amqpPort} within {timeout}. Its output:\n{output}");
        }

        return server;
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node (same environment), e.g. to close connections.</summary>
    public async Task<string> CtlAsync(params string[] arguments)
    {
        var ctl = Path.Combine(Path.GetDirectoryName(FindServer()!)!, "rabbitmqctl");
        var start = new ProcessStartInfo(ctl) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in _process.StartInfo.Environment)
        {
            start.Environment[key] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output}");
        }

        return output;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The script traps TERM and stops the Erlang node cleanly (about a second).
                await SignalAsync("TERM", _process.Id).ConfigureAwait(false);
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await _process.WaitForExitAsync(graceful.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // epmd daemonizes and outlives the node: ask the one on our port to exit.
            await StopEpmdAsync().ConfigureAwait(false);
            _process.Dispose();
            await _log.DisposeAsync().ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("BLOOM_KEEP_RABBITMQ_DIR") is null)
            {
                try
                {
                    _baseDirectory.Delete(recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var factory = new ConnectionFactory { Uri = Uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        Exception? last = null;
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                await using var connection = await factory.CreateConnectionAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                last = ex;
                await Task.Delay(250).ConfigureAwait(false);
            }
        }

        throw new TimeoutException("rabbitmq-server is not ready.", last);
    }

    private async Task StopEpmdAsync()
    {
        try
        {
            var start = new ProcessStartInfo("epmd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-kill");
            start.Environment["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
            using var process = Process.Start(start);
            if (process is not null)
            {
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No epmd on PATH: nothing we can stop.
        }
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        start.ArgumentList.Add("-" + signal);
        start.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    private string ReadLog()
    {
        try
        {
            _log.Flush();
            using var stream = new FileStream(Path.Combine(_baseDirectory.FullName, "rabbitmq-server.out"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
