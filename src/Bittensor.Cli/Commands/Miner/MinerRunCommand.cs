using System.CommandLine;
using System.Globalization;
using System.Net;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Cli.Commands.Subnets;
using Bittensor.Models.Corpus;
using Bittensor.Neurons.Miners;

namespace Bittensor.Cli.Commands.Miner;

/// <summary>
/// <c>btcli miner run</c>: registers the hotkey on the subnet if needed (burn, or proof of work with <c>--pow</c>),
/// serves the model named by <c>--model</c> on an axon announced on chain, and runs until Ctrl-C or SIGTERM (exit 0).
/// One line per notable event on standard output.
/// </summary>
internal static class MinerRunCommand
{
    /// <summary>The loopback address a miner serves on when the chain is local (the chain refuses 127.0.0.1).</summary>
    public static readonly IPAddress LoopbackServeAddress = IPAddress.Parse("127.0.0.2");

    public static Command Create(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var modelOption = new Option<string?>("--model", "--neuron.model")
        {
            Description = $"What to serve: {MinerModelSpec.Syntax}.",
        };
        var axonIpOption = new Option<string?>("--axon.ip", "--axon-ip", "--axon_ip")
        {
            Description = "The address served on chain (and bound). Default 127.0.0.2 when the chain endpoint is on this machine; required otherwise.",
        };
        var axonPortOption = new Option<int>("--axon.port", "--axon-port", "--axon_port")
        {
            Description = "The axon's port; 0 picks a free one (the real one is served on chain). Default 8091.",
            DefaultValueFactory = _ => 8091,
        };
        var powOption = new Option<bool>("--pow")
        {
            Description = "Register by proof of work instead of burning TAO from the coldkey (only when not registered yet).",
        };
        var minStakeOption = new Option<string?>("--min-stake", "--min_stake", "--blacklist.stake")
        {
            Description = "Refuse callers with less stake than this many TAO. Default 0: every registered caller may query.",
        };
        var openAiModelOption = new Option<string?>("--openai-model", "--openai_model")
        {
            Description = "The model name sent to an openai:URL server.",
        };
        var resyncOption = new Option<int>("--resync-blocks", "--resync_blocks")
        {
            Description = "Sync the metagraph again every this many blocks. Default 5.",
            DefaultValueFactory = _ => 5,
        };
        var noSetWeightsOption = new Option<bool>("--no-set-weights", "--neuron.no_set_weights")
        {
            Description = "Do not set weight 1.0 on the miner's own uid once per tempo (miners do by default).",
        };
        var command = new Command("run", "Register if needed, serve a model on a subnet's axon, and answer every text synapse until stopped.")
        {
            netuidOption, modelOption, axonIpOption, axonPortOption, powOption, minStakeOption, openAiModelOption, resyncOption, noSetWeightsOption,
        };
        options.AddTo(command);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var netuid = SubnetOptions.Require(parseResult, netuidOption);
            var spec = ParseSpec(parseResult.GetValue(modelOption));
            var port = parseResult.GetValue(axonPortOption);
            if (port is < 0 or > ushort.MaxValue)
            {
                throw new CliUsageException($"--axon.port {port}: give a port from 1 to 65535, or 0 for a free one.");
            }

            var resync = parseResult.GetValue(resyncOption);
            if (resync < 1)
            {
                throw new CliUsageException($"--resync-blocks {resync}: give a number of blocks of at least 1.");
            }

            var minStake = parseResult.GetValue(minStakeOption) is { } stakeText ? Tao.Parse(stakeText, "--min-stake") : 0UL;
            await using var context = new ChainContext(console, parseResult, options);
            var axonIp = AxonAddress(parseResult.GetValue(axonIpOption), context.Endpoint);
            var hotkey = context.LoadHotkey();
            var coldkey = context.ColdkeyAccount();
            var client = await context.ConnectAsync(reconnect: true, ct);

            using var stop = new StopSignals(ct);

            var minerOptions = new MinerOptions
            {
                Netuid = netuid,
                AxonIp = axonIp,
                AxonPort = port,
                Pow = parseResult.GetValue(powOption),
                SetWeights = !parseResult.GetValue(noSetWeightsOption),
                MinStakeRao = minStake,
                ResyncBlocks = resync,
                Network = context.Endpoint,
            };
            var backendContext = new MinerBackendContext(OpenAiModel: parseResult.GetValue(openAiModelOption), TokenCacheDirectory: TextCorpus.DefaultCacheDirectory);
            var output = console.Out;
            var gate = new Lock();
            void Log(string line)
            {
                lock (gate)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss} {line}"));
                    output.Flush();
                }
            }

            await using var miner = new MinerNeuron(client, new MinerKeys(hotkey, coldkey, context.UnlockColdkey), spec, minerOptions, Log, backendContext);
            try
            {
                await miner.StartAsync(stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Log("stopped before serving");
                return 0;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CliUsageException(e.Message);
            }
            catch (Exception e) when (e is MinerException or InvalidDataException)
            {
                throw new ChainCommandException(e.Message);
            }

            await miner.RunAsync(stop.Token);
            return 0;
        }));
        return command;
    }

    /// <summary>Parses <c>--model</c>; a missing or malformed SPEC is a usage error naming what SPEC may be.</summary>
    internal static MinerModelSpec ParseSpec(string? text)
    {
        if (text is null)
        {
            throw new CliUsageException($"--model is required: give {MinerModelSpec.Syntax}.");
        }

        MinerModelSpec spec;
        try
        {
            spec = MinerModelSpec.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        for (var s = spec; s is not null; s = s.Inner)
        {
            if (s.Kind is MinerModelKind.File or MinerModelKind.NGram or MinerModelKind.Gpt && !File.Exists(s.Argument))
            {
                throw new CliUsageException($"--model {text}: the model file '{s.Argument}' does not exist; train one with `btcli model train` or give the right path ({MinerModelSpec.Syntax}).");
            }
        }

        return spec;
    }

    /// <summary>
    /// The address to serve: <c>--axon.ip</c>, else 127.0.0.2 for a chain on this machine. The chain refuses 0.0.0.0,
    /// 127.0.0.1 and broadcast addresses, so those are usage errors here.
    /// </summary>
    internal static IPAddress AxonAddress(string? text, string endpoint)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var host = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
            if (host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var parsed) && IPAddress.IsLoopback(parsed)))
            {
                return LoopbackServeAddress;
            }

            throw new CliUsageException($"--axon.ip is required when the chain ({endpoint}) is not on this machine: give the address validators can reach this miner at.");
        }

        if (!IPAddress.TryParse(text.Trim(), out var address))
        {
            throw new CliUsageException($"--axon.ip '{text}' is not an IP address.");
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.Broadcast))
        {
            throw new CliUsageException($"--axon.ip {address}: the chain refuses to serve 0.0.0.0, 127.0.0.1 and broadcast addresses; on this machine use another loopback address such as 127.0.0.2.");
        }

        return address;
    }
}
