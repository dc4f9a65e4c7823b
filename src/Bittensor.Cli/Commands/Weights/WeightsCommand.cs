using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Cli.Commands.Subnets;
using Bittensor.Contracts.Calls;
using Bittensor.Sdk.Weights;

namespace Bittensor.Cli.Commands.Weights;

/// <summary><c>btcli weights</c> (aliases <c>wt</c>, <c>weight</c>): set the hotkey's weights on a subnet.</summary>
public static class WeightsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("weights", "Set a validator's weights on a subnet.")
        {
            Set(console),
        };
        command.Aliases.Add("wt");
        command.Aliases.Add("weight");
        return command;
    }

    private static Command Set(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var uidsOption = new Option<string?>("--uids") { Description = "Comma-separated uids, e.g. 1,2,3." };
        var weightsOption = new Option<string?>("--weights") { Description = "Comma-separated weights, one per uid, e.g. 0.5,0.3,0.2; only their ratios matter." };
        var command = new Command("set", "Set the hotkey's weights: scaled so the largest is 65,535 and signed by the hotkey.")
        {
            netuidOption, uidsOption, weightsOption,
        };
        options.AddTo(command);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var netuid = SubnetOptions.Require(parseResult, netuidOption);
            var uids = ParseList<ushort>(parseResult.GetValue(uidsOption), "--uids", t => ushort.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : (ushort?)null, "a uid from 0 to 65535");
            var weights = ParseList<double>(parseResult.GetValue(weightsOption), "--weights", t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : (double?)null, "a number such as 0.5");
            (ushort[] Uids, ushort[] Values) emit;
            try
            {
                emit = WeightConversion.ForEmit(uids, weights);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message.Split(" (Parameter", 2)[0]);
            }

            if (emit.Uids.Length == 0)
            {
                throw new CliUsageException("every weight is 0: give at least one positive weight.");
            }

            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            var subnet = await SubnetOptions.SubnetAsync(client, netuid, ct);
            var outside = emit.Uids.Where(u => u >= subnet.SubnetworkN).ToList();
            if (outside.Count > 0)
            {
                throw new CliUsageException($"--uids {string.Join(',', outside)}: subnet {netuid} has uids 0 to {subnet.SubnetworkN - 1} only (see `btcli subnets metagraph --netuid {netuid}`).");
            }

            var hyper = await client.GetSubnetHyperparamsAsync(netuid, ct);
            var hotkey = context.LoadHotkey();
            var pairs = string.Join(", ", emit.Uids.Zip(emit.Values, (u, v) => $"{u}:{v}"));
            context.Confirm($"Set weights of {hotkey.Ss58Address} on subnet {netuid} to {pairs}?");
            var result = await context.SubmitAsync(hotkey, new SubtensorCall.SetWeights(netuid, emit.Uids, emit.Values, hyper?.WeightsVersion ?? 0), "set weights", ct);
            return context.Report(
                result,
                "set weights",
                $"Set weights of {hotkey.Ss58Address} on subnet {netuid}: {pairs} (uid:u16).",
                new JsonObject
                {
                    ["netuid"] = netuid,
                    ["uids"] = new JsonArray([.. emit.Uids.Select(u => (JsonNode)u)]),
                    ["weights"] = new JsonArray([.. emit.Values.Select(v => (JsonNode)v)]),
                });
        }));
        return command;
    }

    private static List<T> ParseList<T>(string? text, string option, Func<string, T?> parse, string what)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliUsageException($"{option} is required: give a comma-separated list, e.g. {option} {(option == "--uids" ? "1,2" : "0.5,0.5")}.");
        }

        var list = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            list.Add(parse(part) ?? throw new CliUsageException($"{option}: '{part}' is not {what}."));
        }

        return list;
    }
}
