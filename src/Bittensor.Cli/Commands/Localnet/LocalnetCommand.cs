using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Models.Corpus;
using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Subtensor;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Cli.Commands.Localnet;

/// <summary>
/// <c>btcli localnet</c>: a whole local network in one command. Trains (or reuses) the miners' n-gram models, starts a
/// development node in this process, makes and funds the wallets, creates and configures a subnet, registers and
/// stakes every neuron, starts each miner and validator as a child btcli process (logs in <c>DIR/logs</c>), shows the
/// metagraph each epoch, and on Ctrl-C, SIGTERM or the end of <c>--duration</c> stops the children (SIGTERM, then kill),
/// then the node, and writes the summary.
/// </summary>
public static class LocalnetCommand
{
    /// <summary>How long a child gets to stop after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Exit code of a run interrupted (Ctrl-C, SIGTERM) before the neurons were started.</summary>
    public const int Interrupted = 130;

    public static Command Create(CliConsole console) => Create(console, null);

    /// <summary>The command; <paramref name="executable"/> replaces the running btcli as the children's program (tests).</summary>
    public static Command Create(CliConsole console, BtcliExecutable? executable)
    {
        var miners = new Option<int>("--miners") { Description = "Real n-gram miners, from weak to strong (1 to 8); the five test miners come on top.", DefaultValueFactory = _ => 4 };
        var validators = new Option<int>("--validators") { Description = "Validators (1 to 4), staking 1000, 300, 100 and 30 TAO.", DefaultValueFactory = _ => 2 };
        var noTestMiners = new Option<bool>("--no-test-miners") { Description = "Leave out the noise, constant, copycat, slow and broken miners." };
        var blockTime = new Option<double>("--block-time") { Description = "Seconds between blocks (0.25 to 60).", DefaultValueFactory = _ => 1 };
        var duration = new Option<double>("--duration") { Description = "Seconds to run, then stop as on Ctrl-C; 0 runs until Ctrl-C.", DefaultValueFactory = _ => 0 };
        var tempo = new Option<int>("--tempo") { Description = "The subnet's tempo: an epoch every tempo + 1 blocks.", DefaultValueFactory = _ => 10 };
        var dir = new Option<string?>("--dir") { Description = "Where the network lives: chain/ (new each run), wallets/, models/ (kept), logs/. Default: $BITTENSOR_HOME/localnet or ~/.bittensor/localnet." };
        var summary = new Option<string?>("--json-summary") { Description = "Write the final metagraph, held-out losses and checks to this JSON file." };
        var dataset = new Option<string?>("--dataset") { Description = "Text for the miners' models and the validators: 'dotnet-docs' (default) or a folder of .txt/.jsonl files." };
        var command = new Command("localnet", "Run a whole local network: node, subnet, miners of different quality and staked validators, with a live metagraph.")
        {
            miners, validators, noTestMiners, blockTime, duration, tempo, dir, summary, dataset,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            LocalnetOptions options;
            try
            {
                options = LocalnetOptions.Create(
                    parseResult.GetValue(miners),
                    parseResult.GetValue(validators),
                    parseResult.GetValue(noTestMiners),
                    parseResult.GetValue(blockTime),
                    parseResult.GetValue(duration),
                    parseResult.GetValue(tempo),
                    parseResult.GetValue(dir),
                    parseResult.GetValue(summary),
                    parseResult.GetValue(dataset),
                    DefaultRoot(console));
            }
            catch (CliUsageException e)
            {
                await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return Btcli.InvalidInput;
            }

            return await ChainCommand.RunAsync(console, async () =>
            {
                try
                {
                    return await RunAsync(console, options, executable ?? BtcliExecutable.Current(), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await console.Error.WriteLineAsync("interrupted before the network was running; nothing is left running (the chain in --dir is discarded on the next run).").ConfigureAwait(false);
                    return Interrupted;
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    throw new ChainCommandException($"the local network could not run: {e.Message}", $"See the logs in {options.LogsDirectory}.");
                }
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static string DefaultRoot(CliConsole console) =>
        console.Environment.Get("BITTENSOR_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".bittensor");

    private static async Task<int> RunAsync(CliConsole console, LocalnetOptions options, BtcliExecutable executable, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        using var stop = new StopSignals(cancellationToken);
        void Say(string line)
        {
            console.Out.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}");
            console.Out.Flush();
        }

        var lineup = LocalnetLineup.Create(options.Miners, options.Validators, options.TestMiners);
        Directory.CreateDirectory(options.Directory);
        Directory.CreateDirectory(options.LogsDirectory);
        Say($"localnet {options.Directory}: {lineup.Count(p => p.Role == NeuronRole.Miner)} n-gram miners, {lineup.Count(p => p.Role == NeuronRole.TestMiner)} test miners, {lineup.Count(p => p.Role == NeuronRole.Validator)} validators");

        var corpus = TextCorpus.Open(options.Dataset);
        var losses = await Task.Run(() => LocalnetModels.Prepare(corpus, lineup, options.ModelsDirectory, TextCorpus.DefaultCacheDirectory, Say), stop.Token).ConfigureAwait(false);

        // A new chain every run: the wallets and models are kept, the chain and the validators' state start afresh.
        if (Directory.Exists(options.ChainDirectory))
        {
            Directory.Delete(options.ChainDirectory, recursive: true);
        }

        foreach (var plan in lineup.Where(p => p.Role == NeuronRole.Validator))
        {
            var state = Path.Combine(options.WalletsDirectory, plan.Name, "validators");
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
        }

        var nodeLogPath = Path.Combine(options.LogsDirectory, "node.log");
        await using var nodeLog = new StreamWriter(nodeLogPath, append: false) { AutoFlush = true };
        var nodeLogLock = new Lock();
        await using var host = await NodeHost.StartAsync(
            new NodeOptions
            {
                Spec = ChainSpecPresets.Dev(),
                DataDirectory = options.ChainDirectory,
                Rpc = new RpcServerOptions { Port = 0 },
                BlockTime = options.BlockTime,
                Author = DevAccounts.Alice,
                Log = line =>
                {
                    lock (nodeLogLock)
                    {
                        nodeLog.WriteLine($"{DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}");
                    }
                },
            },
            stop.Token).ConfigureAwait(false);
        var endpoint = string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{host.RpcPort}");
        Say($"node     {endpoint} (dev chain, a block every {options.BlockTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; log {nodeLogPath})");
        await using var client = await ChainClient.ConnectAsync(endpoint, cancellationToken: stop.Token).ConfigureAwait(false);
        var network = await new LocalnetSetup(client, options.WalletsDirectory, Say)
            .RunAsync(lineup, new LocalnetChainSettings { Tempo = options.Tempo }, stop.Token).ConfigureAwait(false);

        var children = new List<ChildProcess>();
        try
        {
            foreach (var neuron in network.Neurons.OrderBy(n => n.Plan.Role == NeuronRole.Validator))
            {
                var arguments = ChildArguments(neuron, network, lineup, options, endpoint);
                var child = ChildProcess.Start(neuron.Plan.Name, executable, arguments, Path.Combine(options.LogsDirectory, neuron.Plan.Name + ".log"));
                children.Add(child);
                Say($"started  {neuron.Plan.Name} (uid {neuron.Uid}, pid {child.Id}): btcli {string.Join(' ', arguments)}");
            }

            await WatchAsync(console, options, client, network, losses, endpoint, children, started, Say, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Say($"stopping {children.Count} neurons (SIGTERM, then kill after {StopGrace.TotalSeconds} s) ...");
            var stops = await Task.WhenAll(children.Select(c => c.StopAsync(StopGrace))).ConfigureAwait(false);
            for (var i = 0; i < children.Count; i++)
            {
                Say($"stopped  {children[i].Name}: exit code {stops[i].ExitCode}{(stops[i].Killed ? " (killed)" : string.Empty)}");
                await children[i].DisposeAsync().ConfigureAwait(false);
            }
        }

        var final = await client.GetMetagraphAsync(network.Netuid, false, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"subnet {network.Netuid} is gone.");
        var result = LocalnetSummary.Build(network, final, losses, endpoint, started.Elapsed);
        await console.Out.WriteLineAsync(Table(network, final, losses, options, endpoint, "final")).ConfigureAwait(false);
        foreach (var line in LocalnetSummary.Describe(result))
        {
            Say(line);
        }

        if (options.JsonSummary is { } path)
        {
            LocalnetSummary.Write(path, result);
            Say($"summary  {path}");
        }

        Say($"stopping the node at #{host.Chain.BestNumber}");
        return 0;
    }

    /// <summary>The <c>btcli miner run</c> or <c>btcli validator run</c> arguments of one neuron.</summary>
    public static IReadOnlyList<string> ChildArguments(LocalnetNeuron neuron, LocalnetNetwork network, IReadOnlyList<NeuronPlan> lineup, LocalnetOptions options, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        var netuid = network.Netuid.ToString(CultureInfo.InvariantCulture);
        List<string> common = ["--wallet", neuron.WalletName, "--hotkey", "default", "--netuid", netuid, "--chain-endpoint", endpoint, "--wallet.path", options.WalletsDirectory, "--no-prompt"];
        return neuron.Plan.IsMiner
            ? ["miner", "run", .. common, "--model", LocalnetLineup.ModelSpec(neuron.Plan, lineup, options.ModelsDirectory, network.Uids), "--axon.port", "0"]
            : ["validator", "run", .. common, "--dataset", options.Dataset];
    }

    private static async Task WatchAsync(
        CliConsole console,
        LocalnetOptions options,
        ChainClient client,
        LocalnetNetwork network,
        IReadOnlyDictionary<string, double?> losses,
        string endpoint,
        List<ChildProcess> children,
        Stopwatch started,
        Action<string> say,
        CancellationToken stop)
    {
        var deadline = options.Duration is { } d ? started.Elapsed + d : (TimeSpan?)null;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        ulong lastShown = 0;
        var tick = options.BlockTime < TimeSpan.FromSeconds(1) ? options.BlockTime : TimeSpan.FromSeconds(1);
        while (!stop.IsCancellationRequested && (deadline is null || started.Elapsed < deadline))
        {
            foreach (var child in children.Where(c => c.HasExited && reported.Add(c.Name)))
            {
                say($"exited   {child.Name} with code {child.ExitCode}: see {child.LogPath}");
            }

            try
            {
                var header = await client.GetHeaderAsync(null, stop).ConfigureAwait(false);
                var block = header.Number;
                if (lastShown == 0 || LastEpochAtOrBefore(network.Netuid, options.Tempo, block) > lastShown)
                {
                    lastShown = Math.Max(1, LastEpochAtOrBefore(network.Netuid, options.Tempo, block));
                    if (await client.GetMetagraphAsync(network.Netuid, false, stop).ConfigureAwait(false) is { } metagraph)
                    {
                        var status = deadline is { } end
                            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)(end - started.Elapsed).TotalMinutes)}:{Math.Max(0, (end - started.Elapsed).Seconds):00} left, Ctrl-C stops")
                            : "Ctrl-C stops";
                        var text = Table(network, metagraph, losses, options, endpoint, status);
                        await console.Out.WriteAsync((console.OutIsTerminal ? "\u001b[H\u001b[2J" : "\n") + text).ConfigureAwait(false);
                        await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                }

                await Task.Delay(tick, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The newest block at or before <paramref name="block"/> in which the subnet ran its epoch.</summary>
    private static ulong LastEpochAtOrBefore(ushort netuid, ushort tempo, ulong block)
    {
        var period = (ulong)tempo + 1;
        var next = block + EpochSchedule.BlocksUntilNextEpoch(netuid, tempo, block);
        return next == block ? block : next >= period ? next - period : 0;
    }

    /// <summary>The metagraph table, one row per neuron in line-up order, under a title with the block, the RPC URL, the log folder and <paramref name="status"/> (time left).</summary>
    public static string Table(LocalnetNetwork network, MetagraphInfo m, IReadOnlyDictionary<string, double?> losses, LocalnetOptions options, string endpoint, string status)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(options);
        var rows = network.Neurons.Select(n => (IReadOnlyList<string>)
        [
            n.Uid.ToString(CultureInfo.InvariantCulture),
            n.Plan.Name,
            LocalnetSummary.RoleName(n.Plan.Role),
            Tao.Format(m.Stake[n.Uid]),
            ChainContext.Fraction(m.Incentive[n.Uid]),
            ChainContext.Fraction(m.Dividends[n.Uid]),
            Tao.Format(m.Emission[n.Uid]),
            ChainContext.Fraction(m.Trust[n.Uid]),
            ChainContext.Fraction(m.ValidatorTrust[n.Uid]),
            losses.GetValueOrDefault(n.Plan.Name) is { } loss ? loss.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
        ]);
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"subnet {network.Netuid} at block #{m.Block} | rpc {endpoint} | logs {options.LogsDirectory} | {status}");
        return ChainContext.FormatTable(
            ["UID", "NAME", "ROLE", "STAKE", "INCENTIVE", "DIVIDENDS", "EMISSION", "TRUST", "VTRUST", "HELD-OUT LOSS"],
            rows,
            title,
            "LOSS: nats/token of the miner's model on the held-out sample (lower is better; noise = ln 50257). Incentive and dividends are shares of the subnet's.");
    }
}
