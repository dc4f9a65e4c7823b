using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Cli.Commands.Subnets;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Subtensor;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Query;

/// <summary>One miner asked by <c>btcli query</c> and how it answered.</summary>
public sealed record QueryAnswer(ushort Uid, string Hotkey, double Incentive, DendriteOutcome Outcome, int Status, TimeSpan Latency, string? Completion, string Message)
{
    /// <summary>A successful call with a non-empty completion.</summary>
    public bool Answered => Outcome == DendriteOutcome.Success && !string.IsNullOrEmpty(Completion);
}

/// <summary>
/// <c>btcli query --netuid N --prompt TEXT [--top K]</c>: asks the K serving miners with the highest incentive
/// (ties: lower uid first) for a TextGeneration of the prompt, all at once, through a dendrite signed by the wallet's
/// hotkey (<c>--wallet</c>/<c>--hotkey</c>) or, when no wallet is named, by a new throw-away key. The axons rank
/// callers by stake, so a staked validator's hotkey gets the most bandwidth and an unregistered key the least (or none,
/// when the axon accepts only registered callers). The best answer is the one from the highest-incentive miner that
/// answered with text: the network's own judgement of quality; every other answer is listed below it.
/// </summary>
public static class QueryCommand
{
    public static Command Create(CliConsole console)
    {
        var netuid = SubnetOptions.Netuid();
        var prompt = new Option<string?>("--prompt") { Description = "The text to continue." };
        var top = new Option<int>("--top") { Description = "How many miners to ask: those with the highest incentive (1 to 64).", DefaultValueFactory = _ => 3 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens each miner may generate (1 to 1024).", DefaultValueFactory = _ => 32 };
        var axonTimeout = new Option<double>("--axon-timeout") { Description = "Seconds each miner has to answer (0.1 to 120).", DefaultValueFactory = _ => 12 };
        var chain = new ChainOptions();
        var command = new Command("query", "Ask the subnet's top miners by incentive for a generation and print the best answer and who gave it.")
        {
            netuid, prompt, top, maxTokens, axonTimeout,
        };
        chain.AddTo(command);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var subnet = SubnetOptions.Require(parseResult, netuid);
            var text = parseResult.GetValue(prompt);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CliUsageException("--prompt is required: give the text the miners should continue.");
            }

            var k = parseResult.GetValue(top);
            if (k is < 1 or > 64)
            {
                throw new CliUsageException($"--top {k}: ask 1 to 64 miners.");
            }

            var tokens = parseResult.GetValue(maxTokens);
            if (tokens is < 1 or > 1024)
            {
                throw new CliUsageException($"--max-tokens {tokens}: give 1 to 1024.");
            }

            var seconds = parseResult.GetValue(axonTimeout);
            if (!double.IsFinite(seconds) || seconds < 0.1 || seconds > 120)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--axon-timeout {seconds}: give 0.1 to 120 seconds."));
            }

            await using var context = new ChainContext(console, parseResult, chain);
            var named = parseResult.GetResult(chain.Wallet.Name) is { Implicit: false } || parseResult.GetResult(chain.Wallet.Hotkey) is { Implicit: false }
                || console.Environment.Get("BT_WALLET_NAME") is { Length: > 0 } || console.Environment.Get("BT_WALLET_HOTKEY") is { Length: > 0 };
            var caller = named ? context.LoadHotkey() : Keypair.Generate();
            var client = await context.ConnectAsync(ct);
            var metagraph = await client.GetMetagraphAsync(subnet, false, ct)
                ?? throw new ChainCommandException($"subnet {subnet} does not exist.", "See the subnets there are with `btcli subnets list`.");
            var targets = PickTop(metagraph, k);
            if (targets.Count == 0)
            {
                throw new ChainCommandException($"no neuron of subnet {subnet} serves an axon, so there is no miner to ask.", "Start a miner (`btcli miner run`) or a whole network (`btcli localnet`).");
            }

            context.Progress($"Asking {targets.Count} miners of subnet {subnet} as {caller.Ss58Address}{(named ? string.Empty : " (a throw-away key)")} ...");
            using var dendrite = new DendriteClient(caller);
            var synapse = new TextGeneration { Prompt = text, MaxTokens = tokens };
            var results = await dendrite.ForwardAsync([.. targets.Select(t => t.Target)], synapse, TimeSpan.FromSeconds(seconds), ct);
            var answers = targets.Zip(results, (t, r) => new QueryAnswer(
                t.Uid, r.Axon.HotkeyAddress, metagraph.Incentive[t.Uid] / 65535.0, r.Outcome, r.StatusCode, r.Latency, r.Response?.Completion, r.Message)).ToList();
            var best = Best(answers);
            Print(context, subnet, metagraph.Block, caller.Ss58Address, named, best, answers);
            return best is null
                ? throw new ChainCommandException($"none of the {answers.Count} miners asked gave an answer.", "See each miner's outcome above; try a longer --axon-timeout or more miners with --top.")
                : 0;
        }));
        return command;
    }

    /// <summary>The serving neurons with the highest incentive, at most <paramref name="k"/>, highest first (ties: lower uid).</summary>
    public static IReadOnlyList<(ushort Uid, AxonTarget Target)> PickTop(MetagraphInfo metagraph, int k)
    {
        ArgumentNullException.ThrowIfNull(metagraph);
        return [.. Enumerable.Range(0, metagraph.N)
            .Where(i => metagraph.Axons[i].IsServing)
            .OrderByDescending(i => metagraph.Incentive[i])
            .ThenBy(i => i)
            .Take(k)
            .Select(i => ((ushort)i, AxonTarget.FromAxonInfo(metagraph.Axons[i], metagraph.Hotkeys[i])))];
    }

    /// <summary>The best answer: from the highest-incentive miner that answered with text (ties: lower uid); null when none did.</summary>
    public static QueryAnswer? Best(IEnumerable<QueryAnswer> answers) =>
        answers.Where(a => a.Answered).OrderByDescending(a => a.Incentive).ThenBy(a => a.Uid).FirstOrDefault();

    private static void Print(ChainContext context, ushort netuid, ulong block, string caller, bool named, QueryAnswer? best, IReadOnlyList<QueryAnswer> answers)
    {
        if (context.Json)
        {
            var list = new JsonArray();
            foreach (var a in answers)
            {
                list.Add(Json(a));
            }

            context.WriteJson(new JsonObject
            {
                ["netuid"] = netuid,
                ["block"] = block,
                ["caller"] = caller,
                ["ephemeral_caller"] = !named,
                ["best"] = best is null ? null : Json(best),
                ["answers"] = list,
            });
            return;
        }

        var output = context.Console.Out;
        if (best is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Best answer: uid {best.Uid}, hotkey {best.Hotkey}, incentive {best.Incentive:0.00000}, {best.Latency.TotalMilliseconds:0} ms"));
            output.WriteLine(best.Completion);
            output.WriteLine();
        }

        context.WriteTable(
            ["UID", "HOTKEY", "INCENTIVE", "OUTCOME", "STATUS", "LATENCY MS", "ANSWER"],
            answers.Select(a => (IReadOnlyList<string>)
            [
                a.Uid.ToString(CultureInfo.InvariantCulture),
                a.Hotkey,
                a.Incentive.ToString("0.00000", CultureInfo.InvariantCulture),
                a.Outcome.ToString(),
                a.Status.ToString(CultureInfo.InvariantCulture),
                a.Latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture),
                a.Answered ? Shorten(a.Completion!) : a.Message,
            ]),
            title: $"Subnet {netuid} at block #{block}, asked as {caller}:");
    }

    private static JsonObject Json(QueryAnswer a) => new()
    {
        ["uid"] = a.Uid,
        ["hotkey"] = a.Hotkey,
        ["incentive"] = a.Incentive,
        ["outcome"] = a.Outcome.ToString(),
        ["status"] = a.Status,
        ["latency_ms"] = Math.Round(a.Latency.TotalMilliseconds, 1),
        ["completion"] = a.Completion,
        ["message"] = a.Message,
    };

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..57] + "...";
    }
}
