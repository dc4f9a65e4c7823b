using System.Diagnostics;
using Bittensor.Cli.Commands.Localnet;

namespace Bittensor.Cli.Tests;

/// <summary>
/// The supervision of child processes with real btcli children (nodes, which stop cleanly on SIGTERM): output in the
/// log file, SIGTERM and a clean exit, and a kill when the grace period runs out.
/// </summary>
public sealed class LocalnetProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localnet-children-").FullName;

    private static BtcliExecutable Btcli => BtcliExecutable.FromAssembly(Path.Combine(AppContext.BaseDirectory, "btcli.dll"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ChildProcess StartNode(string name) =>
        ChildProcess.Start(name, Btcli, ["node", "--dev", "--base-path", Path.Combine(_dir, name), "--rpc-port", "0", "--block-time", "250"], Path.Combine(_dir, "logs", name + ".log"));

    private static async Task WaitForLog(ChildProcess child, string text)
    {
        var deadline = Stopwatch.StartNew();
        while (!child.ReadLog().Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.False(child.HasExited, $"{child.Name} exited with {child.ExitCode}:\n{string.Join('\n', child.ReadLog())}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"{child.Name} never logged '{text}':\n{string.Join('\n', child.ReadLog())}");
            await Task.Delay(50);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_child_logs_to_its_file_and_stops_cleanly_on_SIGTERM()
    {
        await using var child = StartNode("node-a");
        await WaitForLog(child, "rpc      http://127.0.0.1:");
        await WaitForLog(child, "#2");

        var (code, killed) = await child.StopAsync(TimeSpan.FromSeconds(30));
        Assert.False(killed);
        Assert.Equal(0, code);
        Assert.True(child.HasExited);
        var log = child.ReadLog();
        Assert.StartsWith("# ", log[0], StringComparison.Ordinal);
        Assert.Contains("node --dev --base-path", log[0], StringComparison.Ordinal);
        Assert.Contains(log, l => l.StartsWith("stopping at #", StringComparison.Ordinal));
        Assert.Contains("exited with code 0", log[^1], StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_child_that_outlives_the_grace_period_is_killed_and_both_children_run_side_by_side()
    {
        await using var first = StartNode("node-b");
        await using var second = StartNode("node-c");
        await WaitForLog(first, "rpc ");
        await WaitForLog(second, "rpc ");
        Assert.NotEqual(first.Id, second.Id);

        var (_, killed) = await first.StopAsync(TimeSpan.Zero);
        Assert.True(killed);
        Assert.True(first.HasExited);
        Assert.Contains("killed after the grace period", first.ReadLog()[^1], StringComparison.Ordinal);
        Assert.False(second.HasExited);
        var (code, secondKilled) = await second.StopAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((0, false), (code, secondKilled));
    }

    [Fact]
    public void The_running_btcli_is_started_through_its_host_when_that_is_dotnet()
    {
        var current = BtcliExecutable.Current();
        Assert.True(File.Exists(current.FileName) || current.FileName == "dotnet", current.FileName);
        if (Path.GetFileNameWithoutExtension(current.FileName) == "dotnet")
        {
            Assert.Single(current.LeadingArguments);
            Assert.True(File.Exists(current.LeadingArguments[0]));
        }
    }
}
