using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Scale;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Cli.Commands.Subnets;

/// <summary>
/// <c>btcli subnets</c> (aliases <c>s</c>, <c>subnet</c>): list subnets, the lock cost, create a subnet, register a
/// hotkey by burn or by proof of work, show hyperparameters and the metagraph.
/// </summary>
public static class SubnetsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("subnets", "Subnets: list, create, register on one, and show its hyperparameters and metagraph.")
        {
            List(console),
            ChainCommand.WithUnderscoreAlias(LockCost(console)),
            CreateSubnet(console),
            Register(console),
            ChainCommand.WithUnderscoreAlias(PowRegisterCommand.Create(console)),
            Hyperparameters(console),
            Metagraph(console),
        };
        command.Aliases.Add("s");
        command.Aliases.Add("subnet");
        return command;
    }

    private static Command List(CliConsole console)
    {
        var options = new ChainOptions();
        var command = new Command("list", "All subnets: NETUID, N, MAX_N, EMISSION, TEMPO, RECYCLE (burn), POW (difficulty), SUDO (owner).");
        options.AddTo(command, hotkey: false);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            var subnets = (await client.GetSubnetsInfoAsync(ct)).OrderBy(s => s.Netuid).ToList();
            var totalEmission = subnets.Aggregate(0UL, (sum, s) => sum + s.EmissionValues);
            if (context.Json)
            {
                context.WriteJson(new JsonArray([.. subnets.Select(s => (JsonNode)new JsonObject
                {
                    ["netuid"] = s.Netuid,
                    ["n"] = s.SubnetworkN,
                    ["max_n"] = s.MaxAllowedUids,
                    ["emission_rao"] = s.EmissionValues,
                    ["tempo"] = s.Tempo,
                    ["recycle_rao"] = s.Burn,
                    ["difficulty"] = s.Difficulty,
                    ["owner"] = Owner(s.Owner),
                })]));
                return 0;
            }

            context.WriteTable(
                ["NETUID", "N", "MAX_N", "EMISSION", "TEMPO", "RECYCLE", "POW", "SUDO"],
                subnets.Select(s => (IReadOnlyList<string>)
                [
                    Num(s.Netuid), Num(s.SubnetworkN), Num(s.MaxAllowedUids), Share(s.EmissionValues, totalEmission), Num(s.Tempo),
                    Tao.Format(s.Burn), Num(s.Difficulty), Owner(s.Owner) ?? "-",
                ]),
                title: $"Subnets on {context.Endpoint}",
                footer: $"{subnets.Count} subnets; EMISSION is each subnet's share of the block emission.");
            return 0;
        }));
        return command;
    }

    private static Command LockCost(CliConsole console)
    {
        var options = new ChainOptions();
        var command = new Command("lock-cost", "The TAO a coldkey locks now to create a subnet.");
        options.AddTo(command, hotkey: false);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            var cost = await client.GetLockCostAsync(ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["lock_cost"] = Tao.ToDecimalString(cost), ["lock_cost_rao"] = cost });
                return 0;
            }

            console.Out.WriteLine($"Subnet lock cost: {Tao.Format(cost)}");
            return 0;
        }));
        return command;
    }

    private static Command CreateSubnet(CliConsole console)
    {
        var options = new ChainOptions();
        var command = new Command("create", "Create a subnet: the coldkey locks the lock cost and becomes the owner.");
        options.AddTo(command, hotkey: false);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            var coldkeyAccount = context.ColdkeyAccount();
            var cost = await client.GetLockCostAsync(ct);
            var free = await client.GetBalanceAsync(coldkeyAccount, ct);
            if (free < cost)
            {
                throw new ChainCommandException(
                    $"creating a subnet locks {Tao.Format(cost)}, but {Ss58.Encode(coldkeyAccount)} holds {Tao.Format(free)}.",
                    "Fund the coldkey (`btcli wallet transfer` from another wallet) or wait for the lock cost to fall (`btcli subnets lock-cost`).");
            }

            context.Confirm($"Create a subnet, locking {Tao.Format(cost)} from {Ss58.Encode(coldkeyAccount)}?");
            var coldkey = context.UnlockColdkey();
            var result = await context.SubmitAsync(coldkey, new SubtensorCall.RegisterNetwork(), "create subnet", ct);
            var added = result.Events.FirstOrDefault(e => e.Event == "NetworkAdded");
            ushort? netuid = added is { Data.Length: >= 2 } ? ReadU16(added.Data) : null;
            return context.Report(
                result,
                "create subnet",
                netuid is { } n ? $"Created subnet {n}, owned by {Ss58.Encode(coldkeyAccount)}; locked {Tao.Format(cost)}." : "Subnet created.",
                new JsonObject { ["netuid"] = netuid, ["lock_cost_rao"] = cost, ["owner"] = Ss58.Encode(coldkeyAccount) });
        }));
        return command;
    }

    private static Command Register(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var command = new Command("register", "Register the hotkey on a subnet by burning (recycling) the subnet's registration cost from the coldkey.")
        {
            netuidOption,
        };
        command.Aliases.Add("recycle-register");
        command.Aliases.Add("recycle_register");
        options.AddTo(command);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var netuid = SubnetOptions.Require(parseResult, netuidOption);
            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            var subnet = await SubnetOptions.SubnetAsync(client, netuid, ct);
            var hotkey = context.HotkeyAccount();
            if (await UidOfAsync(client, netuid, hotkey, ct) is { } existing)
            {
                throw new ChainCommandException($"hotkey {Ss58.Encode(hotkey)} is already registered on subnet {netuid} as uid {existing}.", "Nothing to do; choose another hotkey with --wallet.hotkey to register a second neuron.");
            }

            context.Confirm($"Register hotkey {Ss58.Encode(hotkey)} on subnet {netuid}, burning {Tao.Format(subnet.Burn)}?");
            var coldkey = context.UnlockColdkey();
            var result = await context.SubmitAsync(coldkey, new SubtensorCall.BurnedRegister(netuid, hotkey), "burned register", ct);
            var uid = await UidOfAsync(client, netuid, hotkey, ct);
            return context.Report(
                result,
                "burned register",
                $"Registered {Ss58.Encode(hotkey)} on subnet {netuid} as uid {uid?.ToString(CultureInfo.InvariantCulture) ?? "?"}; burned {Tao.Format(subnet.Burn)}.",
                new JsonObject { ["netuid"] = netuid, ["uid"] = uid, ["hotkey"] = Ss58.Encode(hotkey), ["burn_rao"] = subnet.Burn });
        }));
        return command;
    }

    private static Command Hyperparameters(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var command = new Command("hyperparameters", "Show a subnet's hyperparameters.") { netuidOption };
        options.AddTo(command, hotkey: false);
        command.SetAction((parseResult, ct) => RunHyperparameters(console, parseResult, options, netuidOption, ct));
        return command;
    }

    /// <summary>The body of <c>subnets hyperparameters</c> and <c>sudo get</c>.</summary>
    internal static Task<int> RunHyperparameters(CliConsole console, ParseResult parseResult, ChainOptions options, Option<int?> netuidOption, CancellationToken ct) =>
        ChainCommand.RunAsync(console, async () =>
        {
            var netuid = SubnetOptions.Require(parseResult, netuidOption);
            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            var h = await client.GetSubnetHyperparamsAsync(netuid, ct)
                ?? throw new ChainCommandException($"subnet {netuid} does not exist.", "See the subnets there are with `btcli subnets list`.");
            HyperparametersView.Write(context, netuid, h);
            return 0;
        });

    private static Command Metagraph(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var saveOption = new Option<string?>("--save")
        {
            Description = "Also write the synced metagraph to FILE (JSON, the chain's integers), for --load later.",
            HelpName = "FILE",
        };
        var loadOption = new Option<string?>("--load")
        {
            Description = "Show a metagraph saved with --save from FILE instead of syncing one from the node.",
            HelpName = "FILE",
        };
        var command = new Command("metagraph", "A subnet's neurons with every per-uid field (stake, rank, trust, consensus, incentive, dividends, emission, ...).")
        {
            netuidOption, saveOption, loadOption,
        };
        options.AddTo(command, hotkey: false);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var load = parseResult.GetValue(loadOption);
            var save = parseResult.GetValue(saveOption);
            await using var context = new ChainContext(console, parseResult, options);
            Metagraph m;
            if (load is not null)
            {
                if (save is not null)
                {
                    throw new CliUsageException("--load and --save together: --load shows a saved file without syncing; give one of them.");
                }

                m = LoadMetagraph(load);
                if (parseResult.GetValue(netuidOption) is not null && SubnetOptions.Require(parseResult, netuidOption) != m.Netuid)
                {
                    throw new CliUsageException($"--load {load} holds subnet {m.Netuid}, not --netuid {parseResult.GetValue(netuidOption)}; drop --netuid or load another file.");
                }
            }
            else
            {
                var netuid = SubnetOptions.Require(parseResult, netuidOption);
                var client = await context.ConnectAsync(ct);
                var network = context.Endpoint == ChainOptions.LocalEndpoint ? "local" : context.Endpoint;
                m = await Sdk.Metagraphs.Metagraph.SyncAsync(client, netuid, network, cancellationToken: ct)
                    ?? throw new ChainCommandException($"subnet {netuid} does not exist.", "See the subnets there are with `btcli subnets list`.");
                if (save is not null)
                {
                    SaveMetagraph(m, save);
                    context.Progress($"saved the metagraph of subnet {netuid} at block #{m.Block} to {save}");
                }
            }

            if (context.Json)
            {
                context.WriteJson(MetagraphJson(m.Info));
                return 0;
            }

            var info = m.Info;
            var rows = Enumerable.Range(0, m.N).Select(i => (IReadOnlyList<string>)
            [
                Num(i), Tao.Format(info.Stake[i]), ChainContext.Fraction(info.Rank[i]), ChainContext.Fraction(info.Trust[i]), ChainContext.Fraction(info.Consensus[i]),
                ChainContext.Fraction(info.Incentive[i]), ChainContext.Fraction(info.Dividends[i]), Num(info.Emission[i]), ChainContext.Fraction(info.ValidatorTrust[i]),
                info.ValidatorPermit[i] ? "*" : "-", Num(info.LastUpdate[i]), info.Active[i] ? "1" : "0", Axon(info.Axons[i]), Ss58.Encode(info.Hotkeys[i]), Ss58.Encode(info.Coldkeys[i]),
            ]);
            context.WriteTable(
                ["UID", "STAKE", "RANK", "TRUST", "CONSENSUS", "INCENTIVE", "DIVIDENDS", "EMISSION", "VTRUST", "VPERMIT", "UPDATED", "ACTIVE", "AXON", "HOTKEY", "COLDKEY"],
                rows,
                title: $"Metagraph of subnet {m.Netuid} at block #{m.Block}: {m.N} neurons",
                footer: $"Total stake {Tao.Format(info.Stake.Aggregate(0UL, (a, b) => a + b))}; EMISSION in rao per tempo.");
            return 0;
        }));
        return command;
    }

    private static Metagraph LoadMetagraph(string path)
    {
        try
        {
            return Sdk.Metagraphs.Metagraph.LoadFile(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliUsageException($"--load {path}: no such file; save one first with `btcli subnets metagraph --netuid N --save {path}`.");
        }
        catch (InvalidDataException e)
        {
            throw new CliUsageException($"--load {e.Message}; give a file written by `btcli subnets metagraph --save`.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--load {path}: cannot read it ({e.Message}).");
        }
    }

    private static void SaveMetagraph(Metagraph m, string path)
    {
        try
        {
            m.SaveFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--save {path}: cannot write it ({e.Message}); give a path in a writable, existing folder.");
        }
    }

    /// <summary>The machine-readable metagraph: netuid, block, n and one object per uid with every field.</summary>
    internal static JsonObject MetagraphJson(MetagraphInfo m) => new()
    {
        ["netuid"] = m.Netuid,
        ["block"] = m.Block,
        ["n"] = m.N,
        ["neurons"] = new JsonArray([.. Enumerable.Range(0, m.N).Select(i => (JsonNode)new JsonObject
        {
            ["uid"] = i,
            ["hotkey"] = Ss58.Encode(m.Hotkeys[i]),
            ["coldkey"] = Ss58.Encode(m.Coldkeys[i]),
            ["stake"] = Tao.ToDecimalString(m.Stake[i]),
            ["stake_rao"] = m.Stake[i],
            ["rank"] = Fraction(m.Rank[i]),
            ["trust"] = Fraction(m.Trust[i]),
            ["consensus"] = Fraction(m.Consensus[i]),
            ["incentive"] = Fraction(m.Incentive[i]),
            ["dividends"] = Fraction(m.Dividends[i]),
            ["emission"] = Tao.ToDecimalString(m.Emission[i]),
            ["emission_rao"] = m.Emission[i],
            ["validator_trust"] = Fraction(m.ValidatorTrust[i]),
            ["validator_permit"] = m.ValidatorPermit[i],
            ["pruning_score"] = Fraction(m.PruningScore[i]),
            ["last_update"] = m.LastUpdate[i],
            ["block_at_registration"] = m.BlockAtRegistration[i],
            ["active"] = m.Active[i],
            ["axon"] = new JsonObject
            {
                ["ip"] = AxonIp(m.Axons[i]),
                ["port"] = m.Axons[i].Port,
                ["ip_type"] = m.Axons[i].IpType,
                ["version"] = m.Axons[i].Version,
                ["protocol"] = m.Axons[i].Protocol,
                ["serving"] = m.Axons[i].IsServing,
            },
        })]),
    };

    internal static async Task<ushort?> UidOfAsync(Sdk.Client.ChainClient client, ushort netuid, AccountId hotkey, CancellationToken ct) =>
        (await client.GetMetagraphAsync(netuid, false, ct).ConfigureAwait(false))?.UidOf(hotkey);

    private static decimal Fraction(ushort value) => Math.Round(value / 65535m, 9);

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Share(ulong part, ulong total) =>
        total == 0 ? "0.00%" : string.Create(CultureInfo.InvariantCulture, $"{part * 100m / total:0.00}%");

    private static string? Owner(AccountId owner) => owner.IsZero ? null : Ss58.Encode(owner);

    private static ushort ReadU16(byte[] data)
    {
        var reader = new ScaleReader(data);
        return reader.ReadU16("netuid");
    }

    private static string Axon(AxonInfo axon) => axon.IsServing ? $"{AxonIp(axon)}:{axon.Port}" : "-";

    private static string AxonIp(AxonInfo axon) => axon.Address?.ToString() ?? "0.0.0.0";
}
