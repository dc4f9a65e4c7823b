using System.CommandLine;
using Bittensor.Cli.Commands.Wallet;

namespace Bittensor.Cli.Commands.Chain;

/// <summary>
/// The options every on-chain command shares: where the node is (<c>--network</c>, <c>--chain-endpoint</c>), how long
/// to wait (<c>--wait-for-finalization</c>, <c>--timeout</c>), and the wallet options (<c>--wallet.name</c>,
/// <c>--wallet.hotkey</c>, <c>--wallet.path</c>, <c>--no-prompt</c>, <c>--json</c>) of <see cref="WalletOptions"/>.
/// Make one per command, add command-specific options to the command, then call <see cref="AddTo"/>.
/// </summary>
internal sealed class ChainOptions
{
    /// <summary>The WebSocket address the named networks <c>local</c> and <c>dev</c> stand for.</summary>
    public const string LocalEndpoint = "ws://127.0.0.1:9944";

    /// <summary>Environment variable that gives the endpoint when neither option does.</summary>
    public const string EndpointVariable = "BT_SUBTENSOR_CHAIN_ENDPOINT";

    /// <summary>The wallet options (name, hotkey, path, <c>--no-prompt</c>, <c>--json</c>).</summary>
    internal WalletOptions Wallet { get; } = new();

    /// <summary><c>--network</c> (<c>--subtensor.network</c>): <c>local</c>, <c>dev</c> (both ws://127.0.0.1:9944) or a URL.</summary>
    public Option<string?> Network { get; } = new("--network", "--subtensor.network", "--subtensor-network", "--subtensor_network")
    {
        Description = "The network: 'local' or 'dev' (ws://127.0.0.1:9944), or a node URL (ws://, wss://, http://, https://). Default: local.",
    };

    /// <summary><c>--chain-endpoint</c> (<c>--subtensor.chain_endpoint</c>): a node URL; wins over <c>--network</c>.</summary>
    public Option<string?> ChainEndpoint { get; } = new("--chain-endpoint", "--chain_endpoint", "--subtensor.chain_endpoint", "--subtensor.chain-endpoint")
    {
        Description = "The node's URL, e.g. ws://127.0.0.1:9944; wins over --network. Default: $BT_SUBTENSOR_CHAIN_ENDPOINT, else --network.",
    };

    /// <summary><c>--wait-for-finalization</c>: wait until the block is final rather than until the transaction is in a block.</summary>
    public Option<bool> WaitForFinalization { get; } = new("--wait-for-finalization", "--wait_for_finalization")
    {
        Description = "Wait until the transaction's block is final (default: until it is in a block).",
    };

    /// <summary><c>--wait-for-inclusion</c>: the default; accepted for compatibility.</summary>
    public Option<bool> WaitForInclusion { get; } = new("--wait-for-inclusion", "--wait_for_inclusion")
    {
        Description = "Wait until the transaction is in a block (the default).",
    };

    /// <summary><c>--timeout</c> in seconds for connecting, each query, and waiting for a transaction. Default 30.</summary>
    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for the node: to connect, for each answer, and for a transaction to be included. Default 30.",
        DefaultValueFactory = _ => 30,
    };

    /// <summary>
    /// Adds the network, waiting and wallet options to <paramref name="command"/>; <paramref name="hotkey"/> adds
    /// <c>--wallet.hotkey</c> too.
    /// </summary>
    public void AddTo(Command command, bool hotkey = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        Wallet.AddTo(command, hotkey);
        command.Options.Add(Network);
        command.Options.Add(ChainEndpoint);
        command.Options.Add(WaitForFinalization);
        command.Options.Add(WaitForInclusion);
        command.Options.Add(Timeout);
    }

    /// <summary>
    /// The endpoint URL these options select: <c>--chain-endpoint</c>, else <c>$BT_SUBTENSOR_CHAIN_ENDPOINT</c>,
    /// else <c>--network</c> (a name or a URL), else <see cref="LocalEndpoint"/>. Throws
    /// <see cref="CliUsageException"/> for an unknown network name or a malformed URL.
    /// </summary>
    public static string ResolveEndpoint(string? chainEndpoint, string? network, string? environmentEndpoint)
    {
        if (!string.IsNullOrWhiteSpace(chainEndpoint))
        {
            return CheckUrl(chainEndpoint.Trim(), "--chain-endpoint");
        }

        if (!string.IsNullOrWhiteSpace(environmentEndpoint))
        {
            return CheckUrl(environmentEndpoint.Trim(), EndpointVariable);
        }

        var name = string.IsNullOrWhiteSpace(network) ? "local" : network.Trim();
        return name.ToLowerInvariant() switch
        {
            "local" or "dev" or "localhost" => LocalEndpoint,
            "finney" or "test" or "archive" or "nakamoto" => throw new CliUsageException(
                $"--network {name}: this implementation has no public network; use 'local' (a node started with 'btcli node --dev') or give the node's URL with --chain-endpoint."),
            _ when name.Contains("://", StringComparison.Ordinal) => CheckUrl(name, "--network"),
            _ => throw new CliUsageException($"--network {name} is not a known network: use 'local' or 'dev' (ws://127.0.0.1:9944), or a node URL such as ws://127.0.0.1:9944."),
        };
    }

    private static string CheckUrl(string url, string source) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss" or "http" or "https"
            ? url
            : throw new CliUsageException($"{source} '{url}' is not a node URL: give one with its scheme, e.g. ws://127.0.0.1:9944.");
}
