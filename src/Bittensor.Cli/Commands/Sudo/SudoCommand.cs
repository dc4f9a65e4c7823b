using System.CommandLine;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Cli.Commands.Subnets;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Keys;

namespace Bittensor.Cli.Commands.Sudo;

/// <summary><c>btcli sudo</c> (aliases <c>su</c>, <c>sudos</c>): set and show a subnet's hyperparameters, and set the chain-wide settings.</summary>
public static class SudoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("sudo", "Set (as the subnet owner, or with the chain's sudo key) and show a subnet's hyperparameters.")
        {
            Set(console),
            Get(console),
        };
        command.Aliases.Add("su");
        command.Aliases.Add("sudos");
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var command = new Command("get", "Show a subnet's hyperparameters (as `btcli subnets hyperparameters`).") { netuidOption };
        options.AddTo(command, hotkey: false);
        command.SetAction((parseResult, ct) => SubnetsCommand.RunHyperparameters(console, parseResult, options, netuidOption, ct));
        return command;
    }

    private static Command Set(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var paramOption = new Option<string?>("--param") { Description = $"The hyperparameter: {string.Join(", ", SudoParameters.All.Keys)}." };
        var valueOption = new Option<string?>("--value") { Description = "Its new value: a whole number, or true/false." };
        var command = new Command("set", "Set a subnet hyperparameter (with --netuid) or a chain-wide setting (without). The subnet owner's coldkey signs the owner's parameters; anything else is sent through Sudo.sudo and needs the chain's sudo key.")
        {
            netuidOption, paramOption, valueOption,
        };
        options.AddTo(command, hotkey: false);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var parameter = SudoParameters.Find(parseResult.GetValue(paramOption));
            var value = parameter.Parse(parseResult.GetValue(valueOption));
            ushort? netuid = null;
            if (parameter.ChainWide)
            {
                if (parseResult.GetValue(netuidOption) is { } given)
                {
                    throw new CliUsageException($"{parameter.Name} is a chain-wide setting, not a subnet's: drop --netuid {given}.");
                }
            }
            else
            {
                netuid = SubnetOptions.Require(parseResult, netuidOption);
            }

            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            var coldkeyAccount = context.ColdkeyAccount();
            var asOwner = false;
            if (netuid is { } n)
            {
                var subnet = await SubnetOptions.SubnetAsync(client, n, ct);
                asOwner = !parameter.NeedsSudo && subnet.Owner == coldkeyAccount;
            }

            var call = parameter.Make(netuid ?? 0, value);
            var shown = parameter.Type == SudoParameters.Kind.Bool ? (value != 0 ? "true" : "false") : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var target = netuid is { } u ? $"{parameter.Name} of subnet {u}" : $"the chain's {parameter.Name}";
            context.Confirm($"Set {target} to {shown}{(asOwner ? " as the subnet owner" : " with the sudo key")}?");
            var coldkey = context.UnlockColdkey();
            var result = await context.SubmitAsync(coldkey, asOwner ? call : new SudoCall.Sudo(call), $"set {parameter.Name}", ct);
            if (!asOwner && result.Events.FirstOrDefault(e => e.Event == "Sudid") is { Data: [1, ..] data })
            {
                var why = data.Length > 1 && data[1] == 2 ? "BadOrigin" : data.Length > 3 && data[1] == 3 ? $"module {data[2]} error {data[3]}" : "dispatch error";
                throw new ChainCommandException($"the sudo key's call to set {parameter.Name} failed inside Sudo.sudo ({why}).", "Check the value is in range for this parameter (`btcli sudo get`).");
            }

            return context.Report(
                result,
                $"set {parameter.Name}",
                $"Set {target} to {shown}.",
                new JsonObject { ["netuid"] = netuid, ["param"] = parameter.Name, ["value"] = value, ["via_sudo"] = !asOwner, ["signer"] = Ss58.Encode(coldkeyAccount) });
        }));
        return command;
    }
}
