using System.CommandLine;
using System.Globalization;
using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;

namespace Bittensor.Cli.Commands.Node;

/// <summary>
/// <c>btcli node</c>: runs a node — a <c>dev</c> chain authored by one key, its database, its transaction pool and its
/// JSON-RPC endpoint (HTTP and WebSocket on one port, <c>/metrics</c> beside them). Logs one line per block and stops
/// cleanly on Ctrl-C or SIGTERM.
/// </summary>
public static class NodeCommand
{
    public static Command Create(CliConsole console)
    {
        var devOption = new Option<bool>("--dev")
        {
            Description = "Development chain: the 'dev' spec, Alice authors a block every second, data in a throw-away directory unless --base-path is given.",
        };
        var chainOption = new Option<string?>("--chain")
        {
            Description = "The chain: 'dev', 'local', 'fairlaunch' or a chain spec JSON file.",
        };
        var basePathOption = new Option<DirectoryInfo?>("--base-path", "-d")
        {
            Description = "Where chains keep their data (chains/<id>/ below it). Default: $BITTENSOR_HOME or ~/.bittensor.",
        };
        var tmpOption = new Option<bool>("--tmp")
        {
            Description = "Keep the chain's data in a new temporary directory, deleted when the node stops.",
        };
        var rpcPortOption = new Option<int>("--rpc-port")
        {
            Description = "Port of the JSON-RPC server (HTTP and WebSocket).",
            DefaultValueFactory = _ => 9944,
        };
        var rpcExternalOption = new Option<bool>("--rpc-external")
        {
            Description = "Listen on every interface instead of only 127.0.0.1.",
        };
        var blockTimeOption = new Option<int?>("--block-time")
        {
            Description = "Milliseconds between blocks (at least 250; 0 authors only on engine_createBlock). Default 12000, or 1000 with --dev.",
        };
        var authorOption = new Option<string?>("--author")
        {
            Description = "Secret URI of the authoring key (default //Alice on the dev and local chains).",
        };

        var command = new Command("node", "Run a node: blocks, storage, transaction pool and JSON-RPC.")
        {
            devOption,
            chainOption,
            basePathOption,
            tmpOption,
            rpcPortOption,
            rpcExternalOption,
            blockTimeOption,
            authorOption,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var dev = parseResult.GetValue(devOption);
            var basePath = parseResult.GetValue(basePathOption);
            string? temporary = null;
            try
            {
                var chainName = parseResult.GetValue(chainOption) ?? "dev";
                var spec = LoadSpec(chainName);
                var blockTimeMs = parseResult.GetValue(blockTimeOption) ?? (dev ? 1000 : 12_000);
                if (blockTimeMs != 0 && blockTimeMs < 250)
                {
                    throw new CliUsageException($"--block-time {blockTimeMs} is too short: give at least 250 ms, or 0 to author only on engine_createBlock.");
                }

                var port = parseResult.GetValue(rpcPortOption);
                if (port is < 0 or > 65535)
                {
                    throw new CliUsageException($"--rpc-port {port} is not a port number (0 to 65535; 0 picks a free one).");
                }

                var author = Author(parseResult.GetValue(authorOption), spec);
                if (parseResult.GetValue(tmpOption) || (dev && basePath is null))
                {
                    temporary = Directory.CreateTempSubdirectory("bittensor-node-").FullName;
                }

                var root = temporary ?? basePath?.FullName ?? DefaultBasePath();
                var options = new NodeOptions
                {
                    Spec = spec,
                    DataDirectory = Path.Combine(root, "chains", spec.Id),
                    Rpc = new RpcServerOptions { Port = port, External = parseResult.GetValue(rpcExternalOption) },
                    BlockTime = blockTimeMs == 0 ? null : TimeSpan.FromMilliseconds(blockTimeMs),
                    Author = author,
                    Log = line => console.Out.WriteLine($"{DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}"),
                };
                return await RunAsync(options, console, cancellationToken).ConfigureAwait(false);
            }
            catch (CliUsageException e)
            {
                await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return Btcli.InvalidInput;
            }
            catch (ChainSpecException e)
            {
                await console.Error.WriteLineAsync($"error: the chain spec is not valid: {e.Message}").ConfigureAwait(false);
                return Btcli.InvalidInput;
            }
            catch (IOException e)
            {
                await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (InvalidOperationException e)
            {
                await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            finally
            {
                if (temporary is not null)
                {
                    try
                    {
                        Directory.Delete(temporary, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(NodeOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        using var stop = new StopSignals(cancellationToken);

        await using var host = await NodeHost.StartAsync(options, stop.Token).ConfigureAwait(false);
        var chain = host.Chain;
        var host0 = options.Rpc.External ? "0.0.0.0" : "127.0.0.1";
        await console.Out.WriteLineAsync($"chain    {options.Spec.Name} ({options.Spec.Id}), consensus {chain.Consensus.Name}, genesis {chain.GenesisHash.ToHex()}").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"data     {host.DatabasePath}").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"best     #{chain.BestNumber} {chain.BestHash.ToHex()}").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"rpc      http://{host0}:{host.RpcPort} and ws://{host0}:{host.RpcPort}").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"metrics  http://{host0}:{host.RpcPort}/metrics").ConfigureAwait(false);
        await console.Out.WriteLineAsync(options.Author is null
            ? "author   none: this node authors no blocks"
            : $"author   {options.Author.PublicKey}, {(options.BlockTime is { } t ? $"a block every {t.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms" : "on engine_createBlock only")}").ConfigureAwait(false);
        await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await console.Out.WriteLineAsync($"stopping at #{chain.BestNumber}").ConfigureAwait(false);
        return 0;
    }

    private static ChainSpec LoadSpec(string chain)
    {
        if (ChainSpecPresets.Names.Contains(chain, StringComparer.Ordinal))
        {
            return ChainSpecPresets.Get(chain);
        }

        if (!File.Exists(chain))
        {
            throw new CliUsageException($"--chain {chain}: no such preset ({string.Join(", ", ChainSpecPresets.Names)}) or chain spec file.");
        }

        return ChainSpec.Parse(File.ReadAllText(chain));
    }

    private static Ed25519KeyPair? Author(string? uri, ChainSpec spec)
    {
        if (uri is not null)
        {
            try
            {
                return KeyDerivation.Ed25519FromUri(uri);
            }
            catch (FormatException e)
            {
                throw new CliUsageException($"--author is not a valid secret URI: {e.Message}");
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"--author is not a valid secret URI: {e.Message}");
            }
        }

        return spec.Id is "dev" or "local" ? DevAccounts.Alice : null;
    }

    private static string DefaultBasePath() =>
        Environment.GetEnvironmentVariable("BITTENSOR_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".bittensor");
}
