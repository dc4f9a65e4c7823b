using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Cli.Commands.Subnets;
using Bittensor.Cli.Commands.Wallet;
using Bittensor.Models.Corpus;
using Bittensor.Neurons.Dataset;
using Bittensor.Neurons.Validators;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Cli.Commands.Validator;

/// <summary>
/// <c>btcli validator</c>: <c>run</c> the scoring loop, show its <c>scores</c>, write a dataset <c>manifest</c>.
/// </summary>
public static class ValidatorCommand
{
    public static Command Create(CliConsole console) => new("validator", "Score miners and set weights on a subnet.")
    {
        Run(console),
        Scores(console),
        Manifest(console),
    };

    /// <summary>The default state directory: <c>&lt;wallet path&gt;/&lt;wallet&gt;/validators/&lt;hotkey&gt;/netuid&lt;N&gt;</c>.</summary>
    public static string DefaultStateDirectory(Sdk.Wallets.Wallet wallet, ushort netuid)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return Path.Combine(wallet.Directory, "validators", wallet.HotkeyName, string.Create(CultureInfo.InvariantCulture, $"netuid{netuid}"));
    }

    private static Command Run(CliConsole console)
    {
        var wallet = new WalletOptions();
        var chain = new ChainOptions();
        var netuid = SubnetOptions.Netuid();
        var dataset = new Option<string?>("--dataset")
        {
            Description = "Text to score on: 'dotnet-docs' (default), a folder of .txt/.jsonl files (with a manifest.json it is verified first), or named domains 'name=source,name=source'. Only the held-out split is used.",
        };
        var sampleSize = new Option<int>("--sample-size", "--sample_size") { Description = "Miners queried per step (default 20); every miner is visited once per pass.", DefaultValueFactory = _ => 20 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds each miner has to answer (default 12).", DefaultValueFactory = _ => 12 };
        var stateDir = new Option<string?>("--state-dir", "--state_dir") { Description = "Where the state and the epoch log live. Default: <wallet.path>/<wallet>/validators/<hotkey>/netuid<N>." };
        var batch = new Option<int>("--batch-size", "--batch_size") { Description = "Text rows per step (default 32).", DefaultValueFactory = _ => 32 };
        var sequence = new Option<int>("--sequence-length", "--sequence_length") { Description = "Context tokens per row sent to miners (default 256).", DefaultValueFactory = _ => 256 };
        var topk = new Option<int>("--topk") { Description = "Next tokens asked of each miner (default 4096).", DefaultValueFactory = _ => 4096 };
        var epochBlocks = new Option<int?>("--epoch-blocks", "--epoch_blocks") { Description = "Blocks per epoch (weights are set once per epoch). Default: the subnet's tempo + 1." };
        var stepInterval = new Option<double>("--step-interval", "--step_interval") { Description = "Least seconds between the starts of two steps (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Run the validator until Ctrl-C or SIGTERM: query miners with held-out text, score them, set weights every epoch.")
        {
            netuid, dataset, sampleSize, timeout, stateDir, batch, sequence, topk, epochBlocks, stepInterval,
        };
        wallet.AddTo(command);
        command.Options.Add(chain.Network);
        command.Options.Add(chain.ChainEndpoint);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var context = new WalletContext(console, parseResult, wallet);
            var subnet = SubnetOptions.Require(parseResult, netuid);
            var endpoint = ChainOptions.ResolveEndpoint(parseResult.GetValue(chain.ChainEndpoint), parseResult.GetValue(chain.Network), console.Environment.Get(ChainOptions.EndpointVariable));
            var seconds = parseResult.GetValue(timeout);
            var interval = parseResult.GetValue(stepInterval);
            if (!(seconds > 0 && seconds <= 600) || !(interval >= 0 && interval <= 3600))
            {
                throw new CliUsageException($"--timeout {seconds} / --step-interval {interval}: give seconds, a timeout from 0 to 600 and an interval from 0 to 3600.");
            }

            ValidatorOptions options;
            try
            {
                options = new ValidatorOptions
                {
                    Netuid = subnet,
                    StateDirectory = parseResult.GetValue(stateDir) ?? DefaultStateDirectory(context.Wallet, subnet),
                    SampleSize = parseResult.GetValue(sampleSize),
                    Timeout = TimeSpan.FromSeconds(seconds),
                    BatchSize = parseResult.GetValue(batch),
                    SequenceLength = parseResult.GetValue(sequence),
                    TopK = parseResult.GetValue(topk),
                    EpochBlocks = parseResult.GetValue(epochBlocks),
                    MinStepInterval = TimeSpan.FromSeconds(interval),
                };
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message);
            }

            if (!context.Wallet.Hotkey.Exists)
            {
                throw new ChainCommandException(
                    $"wallet '{context.Wallet.Name}' has no hotkey '{context.Wallet.HotkeyName}' at {context.Wallet.Hotkey.Path}.",
                    "Create one with `btcli wallet new-hotkey`, or choose another with --hotkey (see `btcli wallet list`).");
            }

            var hotkey = context.Wallet.UnlockHotkey(context.Wallet.Hotkey.IsEncrypted ? context.ForUnlocking(context.Wallet.Hotkey) : null);
            TextDataset text;
            try
            {
                console.Out.WriteLine($"loading dataset {parseResult.GetValue(dataset) ?? TextCorpus.DotNetDocsName} ...");
                text = TextDataset.Open(parseResult.GetValue(dataset), TextCorpus.DefaultCacheDirectory, options.SequenceLength + options.ValidationLength + options.PruneLength);
            }
            catch (Exception e) when (e is ArgumentException or IOException or FormatException)
            {
                throw new CliUsageException($"--dataset: {e.Message}");
            }
            catch (InvalidDataException e)
            {
                throw new ChainCommandException($"--dataset: {e.Message}");
            }

            using var stop = new StopSignals(ct);
            ChainClient client;
            try
            {
                client = await ChainClient.ConnectAsync(endpoint, new RpcClientOptions { ConnectTimeout = TimeSpan.FromSeconds(30), Reconnect = true }, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcConnectionException or RpcTimeoutException or System.Net.WebSockets.WebSocketException or HttpRequestException or IOException)
            {
                throw new ChainCommandException($"cannot connect to the node at {endpoint}: {e.Message}", ChainCommand.NodeHint, e);
            }

            await using (client.ConfigureAwait(false))
            {
                void Log(string line)
                {
                    lock (console.Out)
                    {
                        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {line}"));
                        console.Out.Flush();
                    }
                }

                try
                {
                    using var neuron = new ValidatorNeuron(client, hotkey, text, options, Log);
                    await neuron.RunAsync(cancellationToken: stop.Token).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    throw new ChainCommandException(e.Message);
                }
                catch (InvalidDataException e)
                {
                    throw new ChainCommandException(e.Message);
                }
            }

            return 0;
        }));
        return command;
    }

    private static Command Scores(CliConsole console)
    {
        var wallet = new WalletOptions();
        var netuid = SubnetOptions.Netuid();
        var stateDir = new Option<string?>("--state-dir", "--state_dir") { Description = "The validator's state directory. Default: <wallet.path>/<wallet>/validators/<hotkey>/netuid<N>." };
        var command = new Command("scores", "Show what the validator knows of each miner: EMA loss, Shapley score, last weight set, updates.")
        {
            netuid, stateDir,
        };
        wallet.AddTo(command);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, () =>
        {
            var context = new WalletContext(console, parseResult, wallet);
            var subnet = SubnetOptions.Require(parseResult, netuid);
            var directory = parseResult.GetValue(stateDir) ?? DefaultStateDirectory(context.Wallet, subnet);
            ValidatorState state;
            try
            {
                state = ValidatorState.Load(directory)
                    ?? throw new ChainCommandException($"no validator state in {directory}.", $"Run `btcli validator run --netuid {subnet}` with this wallet and hotkey first, or point --state-dir at its state.");
            }
            catch (InvalidDataException e)
            {
                throw new ChainCommandException(e.Message);
            }

            var miners = state.Miners.Select(m => (Uid: m.Key, Stats: m.Value, Weight: state.Weights.GetValueOrDefault(m.Key))).ToList();
            if (context.Json)
            {
                var json = new JsonObject
                {
                    ["netuid"] = state.Netuid,
                    ["block"] = state.Block,
                    ["epoch"] = state.Epoch,
                    ["miners"] = new JsonArray([.. miners.Select(m => (JsonNode)new JsonObject
                    {
                        ["uid"] = m.Uid,
                        ["hotkey"] = m.Stats.Hotkey,
                        ["loss"] = m.Stats.LossNxt,
                        ["shapley"] = m.Stats.ShapleyScore,
                        ["weight"] = m.Weight,
                        ["updates"] = m.Stats.Updates,
                    })]),
                };
                console.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return Task.FromResult(0);
            }

            var rows = miners.Select(m => (IReadOnlyList<string>)
            [
                m.Uid.ToString(CultureInfo.InvariantCulture),
                m.Stats.Hotkey,
                m.Stats.LossNxt is { } loss ? loss.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
                m.Stats.ShapleyScore.ToString("G6", CultureInfo.InvariantCulture),
                m.Weight.ToString("0.00000", CultureInfo.InvariantCulture),
                m.Stats.Updates.ToString(CultureInfo.InvariantCulture),
            ]);
            console.Out.Write(ChainContext.FormatTable(
                ["UID", "HOTKEY", "LOSS", "SHAPLEY", "WEIGHT", "UPDATES"],
                rows,
                title: string.Create(CultureInfo.InvariantCulture, $"Validator {state.Hotkey} on netuid {state.Netuid}: epoch {state.Epoch}, block {state.Block}, step {state.Step}")));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Manifest(CliConsole console)
    {
        var folder = new Argument<string>("folder") { Description = "A folder of .txt/.jsonl files." };
        var name = new Option<string?>("--name") { Description = "The dataset's name (default: the folder's name)." };
        var command = new Command("manifest", "Write <folder>/manifest.json: every .txt/.jsonl file with its SHA-256 and size, so copies can be verified.")
        {
            folder, name,
        };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(folder)!;
            try
            {
                var manifest = ShardManifest.Create(path, parseResult.GetValue(name) ?? Path.GetFileName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar)));
                var target = Path.Combine(path, ShardManifest.FileName);
                manifest.Save(target);
                console.Out.WriteLine($"{target}: {manifest.Files.Count} files, {manifest.Files.Sum(f => f.Bytes)} bytes");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return Btcli.InvalidInput;
            }
        });
        return command;
    }
}
