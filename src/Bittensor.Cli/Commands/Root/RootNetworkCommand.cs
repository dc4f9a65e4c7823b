using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Cli.Commands.Stake;
using Bittensor.Cli.Commands.Wallet;
using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Storage;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Scale;
using Bittensor.Sdk.Client;

namespace Bittensor.Cli.Commands.Root;

/// <summary>
/// <c>btcli root</c> (aliases <c>r</c>, <c>roots</c>): the root network (netuid 0), its weights over subnets, the
/// senate and its proposals, and delegation. Exit codes: 0 done, 1 failed on chain or at the node, 2 bad usage.
/// </summary>
public static class RootNetworkCommand
{
    private const ushort RootNetuid = 0;

    public static Command Create(CliConsole console)
    {
        var delegates = ListDelegates(console);
        delegates.Aliases.Add("delegates");
        var senateVote = SenateVote(console);
        senateVote.Aliases.Add("vote");
        var command = new Command("root", "The root network, its weights over subnets, the senate, and delegation.")
        {
            List(console),
            Register(console),
            Weights(console),
            GetWeights(console),
            Senate(console),
            Proposals(console),
            senateVote,
            delegates,
            Nominate(console),
            Delegate(console, add: true),
            Delegate(console, add: false),
            SetTake(console),
            MyDelegates(console),
        };
        command.Aliases.Add("r");
        command.Aliases.Add("roots");
        return command;
    }

    private static Command List(CliConsole console) =>
        ChainCommand.Define(console, "list", "List the root network's members: uid, hotkey, stake.", hotkey: false, async (context, _, ct) =>
        {
            var client = await context.ConnectAsync(ct);
            var neurons = await client.GetNeuronsLiteAsync(RootNetuid, ct);
            var senate = await SenateMembersAsync(client, ct);
            var rows = neurons.Select(n => (Neuron: n, Stake: n.Stake.Aggregate(0UL, (s, x) => s + x.Stake))).ToList();
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["members"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
                    {
                        ["uid"] = r.Neuron.Uid,
                        ["hotkey"] = Ss58.Encode(r.Neuron.Hotkey),
                        ["coldkey"] = Ss58.Encode(r.Neuron.Coldkey),
                        ["stake"] = Tao.ToDecimalString(r.Stake),
                        ["senator"] = senate.Contains(r.Neuron.Hotkey),
                    })]),
                });
                return 0;
            }

            context.WriteTable(
                ["UID", "HOTKEY", "COLDKEY", "STAKE", "SENATOR"],
                rows.Select(r => (IReadOnlyList<string>)[r.Neuron.Uid.ToString(CultureInfo.InvariantCulture), Ss58.Encode(r.Neuron.Hotkey), Ss58.Encode(r.Neuron.Coldkey), Tao.Format(r.Stake), senate.Contains(r.Neuron.Hotkey) ? "yes" : "no"]),
                title: $"Root network: {rows.Count} members");
            return 0;
        });

    private static Command Register(CliConsole console) =>
        ChainCommand.Define(console, "register", "Register the wallet's hotkey on the root network (signed by the coldkey).", hotkey: true, async (context, _, ct) =>
        {
            var hotkey = context.HotkeyAccount();
            var coldkey = context.UnlockColdkey();
            context.Confirm($"Register hotkey {Ss58.Encode(hotkey)} on the root network?");
            var result = await context.SubmitAsync(coldkey, new SubtensorCall.RootRegister(hotkey), "root register", ct);
            var client = await context.ConnectAsync(ct);
            var uid = (await client.GetNeuronsLiteAsync(RootNetuid, ct)).FirstOrDefault(n => n.Hotkey == hotkey)?.Uid;
            return context.Report(result, "root register", $"Registered {Ss58.Encode(hotkey)} on the root network as uid {uid}.", new JsonObject { ["hotkey"] = Ss58.Encode(hotkey), ["uid"] = uid });
        });

    private static Command Weights(CliConsole console)
    {
        var netuids = new Option<string?>("--netuids", "--netuid") { Description = "Subnets to weight, comma-separated, e.g. 1,2." };
        var weights = new Option<string?>("--weights") { Description = "Their weights, comma-separated decimals, e.g. 0.5,0.5 (scaled so the largest is 1)." };
        return ChainCommand.Define(console, "weights", "Set the hotkey's root weights over subnets.", hotkey: true, async (context, parseResult, ct) =>
        {
            var dests = WalletChainCommands.ParseNetuids(parseResult.GetValue(netuids), "--netuids") ?? throw new CliUsageException("--netuids is required, e.g. --netuids 1,2.");
            var values = ParseWeights(parseResult.GetValue(weights), dests.Count);
            var hotkey = context.LoadHotkey();
            context.Confirm($"Set root weights of {hotkey.Ss58Address}: {string.Join(", ", dests.Select((d, i) => $"{d}={values[i]}"))}?");
            var result = await context.SubmitAsync(hotkey, new SubtensorCall.SetWeights(RootNetuid, dests, values, 0), "root weights", ct);
            return context.Report(
                result,
                "root weights",
                $"Root weights set for {hotkey.Ss58Address}: {string.Join(", ", dests.Select((d, i) => $"subnet {d}: {values[i]}"))} (of 65535).",
                new JsonObject { ["hotkey"] = hotkey.Ss58Address, ["netuids"] = new JsonArray([.. dests.Select(d => (JsonNode)d)]), ["weights"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) });
        }, netuids, weights);
    }

    /// <summary>Decimal weights (no floating point) scaled so the largest is 65535, as the chain stores them.</summary>
    internal static ushort[] ParseWeights(string? text, int count)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliUsageException("--weights is required, e.g. --weights 0.5,0.5.");
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count)
        {
            throw new CliUsageException($"--weights has {parts.Length} values but --netuids has {count}: give one weight per netuid.");
        }

        var values = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!decimal.TryParse(parts[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new CliUsageException($"--weights: '{parts[i]}' is not a non-negative decimal number.");
            }
        }

        var max = values.Max();
        if (max == 0)
        {
            throw new CliUsageException("--weights are all 0: give at least one positive weight.");
        }

        return [.. values.Select(v => (ushort)decimal.Round(v * 65535m / max, MidpointRounding.ToEven))];
    }

    private static Command GetWeights(CliConsole console) =>
        ChainCommand.Define(console, "get-weights", "Show the root weight matrix: each root member's weights over subnets (normalised).", hotkey: false, async (context, _, ct) =>
        {
            var client = await context.ConnectAsync(ct);
            var neurons = await client.GetNeuronsAsync(RootNetuid, ct);
            var netuids = neurons.SelectMany(n => n.Weights.Select(w => w.Uid)).Distinct().Order().ToList();
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["weights"] = new JsonArray([.. neurons.Select(n => (JsonNode)new JsonObject
                    {
                        ["uid"] = n.Uid,
                        ["hotkey"] = Ss58.Encode(n.Hotkey),
                        ["weights"] = new JsonObject([.. n.Weights.Select(w => KeyValuePair.Create(w.Uid.ToString(CultureInfo.InvariantCulture), (JsonNode?)w.Value))]),
                    })]),
                });
                return 0;
            }

            context.WriteTable(
                ["UID", "HOTKEY", .. netuids.Select(n => $"NETUID {n}")],
                neurons.Select(n =>
                {
                    var sum = n.Weights.Aggregate(0UL, (s, w) => s + w.Value);
                    return (IReadOnlyList<string>)[n.Uid.ToString(CultureInfo.InvariantCulture), Ss58.Encode(n.Hotkey),
                        .. netuids.Select(u => n.Weights.FirstOrDefault(w => w.Uid == u) is var w && w.Value != 0 && sum != 0
                            ? string.Create(CultureInfo.InvariantCulture, $"{(decimal)w.Value / sum:0.0000}") : "-")];
                }),
                title: "Root weights (each row normalised to sum 1):");
            return 0;
        });

    private static Command Senate(CliConsole console) =>
        ChainCommand.Define(console, "senate", "List the senate's members.", hotkey: false, async (context, _, ct) =>
        {
            var client = await context.ConnectAsync(ct);
            var members = await SenateMembersAsync(client, ct);
            var rows = new List<(AccountId Member, ulong Stake)>();
            foreach (var member in members)
            {
                var info = await client.GetDelegateAsync(member, ct);
                rows.Add((member, info?.Nominators.Aggregate(0UL, (s, x) => s + x.Stake) ?? 0));
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["senate"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject { ["hotkey"] = Ss58.Encode(r.Member), ["stake"] = Tao.ToDecimalString(r.Stake) })]) });
                return 0;
            }

            context.WriteTable(["HOTKEY", "DELEGATED STAKE"], rows.Select(r => (IReadOnlyList<string>)[Ss58.Encode(r.Member), Tao.Format(r.Stake)]), title: $"Senate: {rows.Count} members");
            return 0;
        });

    private static Command Proposals(CliConsole console) =>
        ChainCommand.Define(console, "proposals", "List the open triumvirate proposals and their votes.", hotkey: false, async (context, _, ct) =>
        {
            var client = await context.ConnectAsync(ct);
            var proposals = await ProposalsAsync(client, ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["proposals"] = new JsonArray([.. proposals.Select(p => (JsonNode)new JsonObject
                    {
                        ["hash"] = p.Hash.ToHex(),
                        ["index"] = p.Index,
                        ["threshold"] = p.Threshold,
                        ["ayes"] = new JsonArray([.. p.Ayes.Select(a => (JsonNode)Ss58.Encode(a))]),
                        ["nays"] = new JsonArray([.. p.Nays.Select(a => (JsonNode)Ss58.Encode(a))]),
                        ["end"] = p.End,
                        ["call"] = p.Call,
                    })]),
                });
                return 0;
            }

            context.WriteTable(
                ["HASH", "INDEX", "THRESHOLD", "AYES", "NAYS", "END", "CALL"],
                proposals.Select(p => (IReadOnlyList<string>)[p.Hash.ToHex(), p.Index.ToString(CultureInfo.InvariantCulture), p.Threshold.ToString(CultureInfo.InvariantCulture),
                    p.Ayes.Count.ToString(CultureInfo.InvariantCulture), p.Nays.Count.ToString(CultureInfo.InvariantCulture), p.End.ToString(CultureInfo.InvariantCulture), p.Call]),
                title: $"Open proposals: {proposals.Count}");
            return 0;
        });

    private static Command SenateVote(CliConsole console)
    {
        var proposal = new Option<string?>("--proposal", "--proposal-hash", "--proposal_hash") { Description = "The proposal's hash (0x…, see `btcli root proposals`)." };
        var vote = new Option<string?>("--vote") { Description = "yes (aye) or no (nay)." };
        return ChainCommand.Define(console, "senate-vote", "Vote on a triumvirate proposal as a senator (hotkey), signed by the coldkey.", hotkey: true, async (context, parseResult, ct) =>
        {
            Hash32 hash;
            try
            {
                hash = Hash32.FromHex(parseResult.GetValue(proposal) ?? throw new CliUsageException("--proposal is required: give the proposal's hash (see `btcli root proposals`)."));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new CliUsageException($"--proposal: not a 32-byte hash in hex ({e.Message}).");
            }

            var approve = (parseResult.GetValue(vote) ?? string.Empty).Trim().ToLowerInvariant() switch
            {
                "yes" or "y" or "aye" or "true" => true,
                "no" or "n" or "nay" or "false" => false,
                var other => throw new CliUsageException($"--vote '{other}': give yes or no."),
            };
            var hotkey = context.HotkeyAccount();
            var coldkey = context.UnlockColdkey();
            var client = await context.ConnectAsync(ct);
            var open = (await ProposalsAsync(client, ct)).FirstOrDefault(p => p.Hash == hash)
                ?? throw new ChainCommandException($"there is no open proposal {hash.ToHex()}.", "See `btcli root proposals`.");
            context.Confirm($"Vote {(approve ? "aye" : "nay")} on proposal {hash.ToHex()} as {Ss58.Encode(hotkey)}?");
            var result = await context.SubmitAsync(coldkey, new SubtensorCall.Vote(hotkey, hash, open.Index, approve), "senate vote", ct);
            return context.Report(result, "senate vote", $"Voted {(approve ? "aye" : "nay")} on {hash.ToHex()}.", new JsonObject { ["proposal"] = hash.ToHex(), ["approve"] = approve });
        }, proposal, vote);
    }

    private static Command ListDelegates(CliConsole console) =>
        ChainCommand.Define(console, "list-delegates", "List every delegate: take, nominators, total stake, return per 1000 τ.", hotkey: false, async (context, _, ct) =>
        {
            var client = await context.ConnectAsync(ct);
            var delegates = (await client.GetDelegatesAsync(ct))
                .Select(d => (Info: d, Total: d.Nominators.Aggregate(0UL, (s, x) => s + x.Stake)))
                .OrderByDescending(d => d.Total).ThenBy(d => Ss58.Encode(d.Info.Delegate), StringComparer.Ordinal).ToList();
            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["delegates"] = new JsonArray([.. delegates.Select(d => (JsonNode)DelegateJson(d.Info, d.Total))]) });
                return 0;
            }

            context.WriteTable(
                ["DELEGATE", "OWNER", "TAKE", "NOMINATORS", "TOTAL STAKE", "RETURN/1000", "SUBNETS"],
                delegates.Select(d => (IReadOnlyList<string>)[Ss58.Encode(d.Info.Delegate), Ss58.Encode(d.Info.Owner), ChainContext.Fraction(d.Info.Take),
                    d.Info.Nominators.Count.ToString(CultureInfo.InvariantCulture), Tao.Format(d.Total), Tao.Format(d.Info.ReturnPer1000), string.Join(",", d.Info.Registrations)]),
                title: $"Delegates: {delegates.Count}");
            return 0;
        });

    private static Command Nominate(CliConsole console) =>
        ChainCommand.Define(console, "nominate", "Make the wallet's hotkey a delegate that others can stake to.", hotkey: true, async (context, _, ct) =>
        {
            var hotkey = context.HotkeyAccount();
            var coldkey = context.UnlockColdkey();
            context.Confirm($"Make {Ss58.Encode(hotkey)} a delegate?");
            var result = await context.SubmitAsync(coldkey, new SubtensorCall.BecomeDelegate(hotkey), "nominate", ct);
            return context.Report(result, "nominate", $"{Ss58.Encode(hotkey)} is now a delegate.", new JsonObject { ["hotkey"] = Ss58.Encode(hotkey) });
        });

    private static Command Delegate(CliConsole console, bool add)
    {
        var target = new Option<string?>("--delegate-ss58", "--delegate_ss58", "--delegate-ss58key", "--delegate_ss58key") { Description = "The delegate's hotkey SS58 address." };
        var amount = new Option<string?>("--amount") { Description = add ? "TAO to delegate." : "TAO to take back." };
        var all = new Option<bool>("--all") { Description = add ? "Delegate the whole free balance." : "Take back everything delegated to it." };
        return ChainCommand.Define(
            console,
            add ? "delegate" : "undelegate",
            add ? "Stake TAO from the coldkey to a delegate." : "Take stake back from a delegate.",
            hotkey: false,
            (context, parseResult, ct) => StakeCommand.MoveStakeAsync(
                context, ChainContext.ParseAddress(parseResult.GetValue(target), "--delegate-ss58"), parseResult.GetValue(amount), parseResult.GetValue(all), add, add ? "delegate" : "undelegate", ct),
            target,
            amount,
            all);
    }

    private static Command SetTake(CliConsole console)
    {
        var take = new Option<string?>("--take") { Description = "The delegate take as a fraction, e.g. 0.18 (at most 0.18)." };
        return ChainCommand.Define(console, "set-take", "Set the take of the wallet's delegate hotkey.", hotkey: true, async (context, parseResult, ct) =>
        {
            var text = parseResult.GetValue(take) ?? throw new CliUsageException("--take is required, e.g. --take 0.18.");
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction) || fraction > 0.18m)
            {
                throw new CliUsageException($"--take '{text}': give a fraction from 0 to 0.18, e.g. 0.09.");
            }

            var value = (ushort)decimal.Floor(fraction * 65535m);
            var hotkey = context.HotkeyAccount();
            var coldkey = context.UnlockColdkey();
            var client = await context.ConnectAsync(ct);
            var current = (await client.GetDelegateAsync(hotkey, ct))?.Take;
            if (current == value)
            {
                throw new ChainCommandException($"the take of {Ss58.Encode(hotkey)} is already {ChainContext.Fraction(value)}; nothing to change.");
            }

            RuntimeCall call = current is { } c && value > c ? new SubtensorCall.IncreaseTake(hotkey, value) : new SubtensorCall.DecreaseTake(hotkey, value);
            context.Confirm($"Set the take of {Ss58.Encode(hotkey)} to {ChainContext.Fraction(value)}?");
            var result = await context.SubmitAsync(coldkey, call, "set take", ct);
            return context.Report(result, "set take", $"Take of {Ss58.Encode(hotkey)}: {(current is { } before ? ChainContext.Fraction(before) : "none")} -> {ChainContext.Fraction(value)}.", new JsonObject { ["hotkey"] = Ss58.Encode(hotkey), ["take"] = value });
        }, take);
    }

    private static Command MyDelegates(CliConsole console)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Every wallet under the wallet path." };
        return ChainCommand.Define(console, "my-delegates", "Show the delegates the wallet's coldkey stakes to.", hotkey: false, async (context, parseResult, ct) =>
        {
            var client = await context.ConnectAsync(ct);
            var rows = new List<IReadOnlyList<string>>();
            var json = new JsonArray();
            foreach (var wallet in WalletChainCommands.Wallets(context, parseResult.GetValue(all)))
            {
                foreach (var d in await client.GetDelegatedAsync(ChainContext.ColdkeyAccount(wallet), ct))
                {
                    var total = d.Delegate.Nominators.Aggregate(0UL, (s, x) => s + x.Stake);
                    rows.Add([wallet.Name, Ss58.Encode(d.Delegate.Delegate), Tao.Format(d.Stake), ChainContext.Fraction(d.Delegate.Take), Tao.Format(total)]);
                    var entry = DelegateJson(d.Delegate, total);
                    entry["wallet"] = wallet.Name;
                    entry["myStake"] = Tao.ToDecimalString(d.Stake);
                    json.Add(entry);
                }
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["delegated"] = json });
                return 0;
            }

            context.WriteTable(["WALLET", "DELEGATE", "MY STAKE", "TAKE", "TOTAL STAKE"], rows);
            return 0;
        }, all);
    }

    private static JsonObject DelegateJson(Bittensor.Sdk.Subtensor.DelegateInfo info, ulong total) => new()
    {
        ["delegate"] = Ss58.Encode(info.Delegate),
        ["owner"] = Ss58.Encode(info.Owner),
        ["take"] = info.Take,
        ["nominators"] = info.Nominators.Count,
        ["totalStake"] = Tao.ToDecimalString(total),
        ["returnPer1000"] = Tao.ToDecimalString(info.ReturnPer1000),
        ["registrations"] = new JsonArray([.. info.Registrations.Select(r => (JsonNode)r)]),
    };

    private static async Task<IReadOnlyList<AccountId>> SenateMembersAsync(ChainClient client, CancellationToken ct)
    {
        var bytes = await client.GetStorageAsync(StorageKeys.Prefix("SenateMembers", "Members"), null, ct);
        return bytes is null ? [] : ReadAccounts(bytes);
    }

    private static List<AccountId> ReadAccounts(byte[] bytes)
    {
        var reader = new ScaleReader(bytes);
        var count = reader.ReadLength(AccountId.Size, "members");
        var list = new List<AccountId>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(AccountId.Read(ref reader));
        }

        return list;
    }

    private static async Task<List<Proposal>> ProposalsAsync(ChainClient client, CancellationToken ct)
    {
        var list = new List<Proposal>();
        var hashesBytes = await client.GetStorageAsync(StorageKeys.Prefix("Triumvirate", "Proposals"), null, ct);
        if (hashesBytes is null)
        {
            return list;
        }

        var hashes = new List<Hash32>();
        var reader = new ScaleReader(hashesBytes);
        var count = reader.ReadLength(32, "proposals");
        for (var i = 0; i < count; i++)
        {
            hashes.Add(Hash32.Read(ref reader));
        }

        foreach (var hash in hashes)
        {
            var votes = await client.GetStorageAsync(MapKey("Voting", hash), null, ct);
            var callBytes = await client.GetStorageAsync(MapKey("ProposalOf", hash), null, ct);
            string call;
            try
            {
                var callReader = new ScaleReader(callBytes ?? []);
                call = RuntimeCall.Decode(callReader.ReadBytes("call")).ToString();
            }
            catch (Exception e) when (e is ScaleFormatException or FormatException or ArgumentException)
            {
                call = "(undecodable)";
            }

            if (votes is null)
            {
                list.Add(new Proposal(hash, 0, 0, [], [], 0, call));
                continue;
            }

            var r = new ScaleReader(votes);
            var index = r.ReadU32();
            var threshold = r.ReadU32();
            var ayes = ReadAccountList(ref r);
            var nays = ReadAccountList(ref r);
            list.Add(new Proposal(hash, index, threshold, ayes, nays, r.ReadU64(), call));
        }

        return list;
    }

    private static byte[] MapKey(string item, Hash32 hash) => [.. StorageKeys.Prefix("Triumvirate", item), .. hash.Bytes];

    private static List<AccountId> ReadAccountList(ref ScaleReader reader)
    {
        var count = reader.ReadLength(AccountId.Size, "votes");
        var list = new List<AccountId>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(AccountId.Read(ref reader));
        }

        return list;
    }

    private sealed record Proposal(Hash32 Hash, uint Index, uint Threshold, IReadOnlyList<AccountId> Ayes, IReadOnlyList<AccountId> Nays, ulong End, string Call);
}
