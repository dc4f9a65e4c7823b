using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Bittensor.Cli.Commands.Localnet;

/// <summary>
/// How to start this same btcli as a child: the executable, and the arguments that come before the command's (the
/// entry assembly's path when the host is <c>dotnet</c>).
/// </summary>
public sealed record BtcliExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The running btcli: <see cref="Environment.ProcessPath"/>, plus the entry assembly when that is <c>dotnet</c>.</summary>
    public static BtcliExecutable Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running executable is unknown, so btcli cannot start its children.");
        if (!string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return new BtcliExecutable(process, []);
        }

        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return string.IsNullOrEmpty(entry)
            ? throw new InvalidOperationException("btcli runs under dotnet but its assembly's path is unknown, so it cannot start its children.")
            : new BtcliExecutable(process, [entry]);
    }

    /// <summary>btcli.dll at <paramref name="path"/>, run by the <c>dotnet</c> host.</summary>
    public static BtcliExecutable FromAssembly(string path) => new("dotnet", [path]);
}

/// <summary>
/// One supervised child process: started with its standard output and error appended, line by line, to a log file;
/// stopped with SIGTERM and, after a grace period, killed.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, string logPath, Process process, StreamWriter log)
    {
        Name = name;
        LogPath = logPath;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/>, logging to <paramref name="logPath"/> (appended).</summary>
    public static ChildProcess Start(string name, BtcliExecutable executable, IEnumerable<string> arguments, string logPath)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(arguments);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var info = new ProcessStartInfo(executable.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in executable.LeadingArguments.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
        log.WriteLine($"# {DateTime.UtcNow:O} {info.FileName} {string.Join(' ', info.ArgumentList)}");
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}.");
        }
        catch
        {
            log.Dispose();
            throw;
        }

        var child = new ChildProcess(name, logPath, process, log);
        process.OutputDataReceived += (_, e) => child.Write(e.Data, child._outputClosed);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data, child._errorClosed);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The log's lines so far.</summary>
    public string[] ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Sends SIGTERM and waits up to <paramref name="grace"/> for the process to exit, then kills it (and its
    /// children). Returns the exit code and whether it had to be killed.
    /// </summary>
    public async Task<(int ExitCode, bool Killed)> StopAsync(TimeSpan grace)
    {
        var killed = false;
        if (!_process.HasExited)
        {
            if (!OperatingSystem.IsWindows())
            {
                _ = Kill(_process.Id, SigTerm);
            }
            else
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                killed = true;
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await Task.WhenAny(Task.WhenAll(_outputClosed.Task, _errorClosed.Task), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        lock (_logLock)
        {
            _log.WriteLine($"# {DateTime.UtcNow:O} exited with code {_process.ExitCode}{(killed ? " (killed after the grace period)" : string.Empty)}");
        }

        return (_process.ExitCode, killed);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        lock (_logLock)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private void Write(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
