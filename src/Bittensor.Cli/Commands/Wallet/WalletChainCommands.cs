using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using SdkWallet = Bittensor.Sdk.Wallets.Wallet;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>The wallet commands that need a node: <c>balance</c>, <c>transfer</c>, <c>overview</c>.</summary>
internal static class WalletChainCommands
{
    /// <summary><c>btcli wallet balance [--all]</c>: free, staked and total TAO of the wallet's coldkey (or of every wallet).</summary>
    public static Command Balance(CliConsole console)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Every wallet under the wallet path." };
        return ChainCommand.Define(console, "balance", "Show the free, staked and total TAO of the wallet's coldkey.", hotkey: false, async (context, parseResult, ct) =>
        {
            var wallets = Wallets(context, parseResult.GetValue(all));
            var client = await context.ConnectAsync(ct);
            var rows = new List<(string Name, AccountId Coldkey, ulong Free, ulong Staked)>();
            foreach (var wallet in wallets)
            {
                var coldkey = ChainContext.ColdkeyAccount(wallet);
                var free = await client.GetBalanceAsync(coldkey, ct);
                var staked = (await client.GetStakeInfoForColdkeyAsync(coldkey, ct)).Aggregate(0UL, (sum, s) => sum + s.Stake);
                rows.Add((wallet.Name, coldkey, free, staked));
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["wallets"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
                    {
                        ["name"] = r.Name,
                        ["coldkey"] = Ss58.Encode(r.Coldkey),
                        ["free"] = Tao.ToDecimalString(r.Free),
                        ["staked"] = Tao.ToDecimalString(r.Staked),
                        ["total"] = Tao.ToDecimalString(r.Free + r.Staked),
                        ["freeRao"] = r.Free,
                        ["stakedRao"] = r.Staked,
                    })]),
                });
                return 0;
            }

            context.WriteTable(
                ["WALLET", "COLDKEY", "FREE", "STAKED", "TOTAL"],
                rows.Select(r => (IReadOnlyList<string>)[r.Name, Ss58.Encode(r.Coldkey), Tao.Format(r.Free), Tao.Format(r.Staked), Tao.Format(r.Free + r.Staked)]),
                footer: rows.Count > 1 ? $"total: {Tao.Format(rows.Aggregate(0UL, (s, r) => s + r.Free + r.Staked))}" : null);
            return 0;
        }, all);
    }

    /// <summary><c>btcli wallet transfer --dest SS58 --amount TAO</c>: sends TAO from the coldkey (keep-alive).</summary>
    public static Command Transfer(CliConsole console)
    {
        var dest = new Option<string?>("--dest", "--destination") { Description = "The receiving account's SS58 address." };
        var amount = new Option<string?>("--amount") { Description = "TAO to send, e.g. 1.5 (at most 9 decimals)." };
        return ChainCommand.Define(console, "transfer", "Send TAO from the wallet's coldkey to another account.", hotkey: false, async (context, parseResult, ct) =>
        {
            var to = ChainContext.ParseAddress(parseResult.GetValue(dest), "--dest");
            var rao = Tao.Parse(parseResult.GetValue(amount) ?? throw new CliUsageException("--amount is required: give the TAO to send, e.g. --amount 1.5."));
            if (rao == 0)
            {
                throw new CliUsageException("--amount 0: give a positive amount of TAO.");
            }

            var coldkey = context.UnlockColdkey();
            var client = await context.ConnectAsync(ct);
            var before = await client.GetBalanceAsync(coldkey.PublicKey, ct);
            if (before < rao)
            {
                throw new ChainCommandException(
                    $"insufficient balance: {coldkey.Ss58Address} holds {Tao.Format(before)}, the transfer needs {Tao.Format(rao)} plus the fee.",
                    "Send a smaller amount, or fund the coldkey first (see `btcli wallet balance`).");
            }

            context.Confirm($"Send {Tao.Format(rao)} from {coldkey.Ss58Address} to {Ss58.Encode(to)}?");
            var result = await context.SubmitAsync(coldkey, new BalancesCall.TransferKeepAlive(to, rao), "transfer", ct);
            var after = await client.GetBalanceAsync(coldkey.PublicKey, ct);
            return context.Report(
                result,
                "transfer",
                $"Sent {Tao.Format(rao)} to {Ss58.Encode(to)}. Balance: {Tao.Format(before)} -> {Tao.Format(after)}.",
                new JsonObject
                {
                    ["from"] = coldkey.Ss58Address,
                    ["to"] = Ss58.Encode(to),
                    ["amount"] = Tao.ToDecimalString(rao),
                    ["amountRao"] = rao,
                    ["balanceBefore"] = Tao.ToDecimalString(before),
                    ["balanceAfter"] = Tao.ToDecimalString(after),
                });
        }, dest, amount);
    }

    /// <summary>
    /// <c>btcli wallet overview [--all] [--netuids 1,2]</c>: per subnet, every hotkey of the wallet registered there —
    /// uid, active, stake, rank, trust, consensus, incentive, dividends, emission, validator trust and permit, blocks
    /// since its last update, axon.
    /// </summary>
    public static Command Overview(CliConsole console)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Every wallet under the wallet path." };
        var netuids = new Option<string?>("--netuids", "--netuid") { Description = "Only these subnets, comma-separated (default: all)." };
        return ChainCommand.Define(console, "overview", "Show the wallet's hotkeys on every subnet: uid, stake, rank, trust, incentive, emission, axon.", hotkey: false, async (context, parseResult, ct) =>
        {
            var only = ParseNetuids(parseResult.GetValue(netuids), "--netuids");
            var wallets = Wallets(context, parseResult.GetValue(all));
            var client = await context.ConnectAsync(ct);
            var block = (await client.GetHeaderAsync(null, ct)).Number;
            var hotkeys = new Dictionary<AccountId, (string Wallet, string Hotkey)>();
            foreach (var wallet in wallets)
            {
                foreach (var name in wallet.ListHotkeys())
                {
                    if (wallet.HotkeyFile(name).LoadPublic() is { } key)
                    {
                        hotkeys.TryAdd(key.PublicKey, (wallet.Name, name));
                    }
                }
            }

            var subnets = (await client.GetSubnetsInfoAsync(ct)).Select(s => s.Netuid).Where(n => only is null || only.Contains(n)).ToList();
            var json = new JsonArray();
            var tables = new List<(ushort Netuid, List<IReadOnlyList<string>> Rows)>();
            foreach (var netuid in subnets)
            {
                var rows = new List<IReadOnlyList<string>>();
                foreach (var n in await client.GetNeuronsLiteAsync(netuid, ct))
                {
                    if (!hotkeys.TryGetValue(n.Hotkey, out var owner))
                    {
                        continue;
                    }

                    var stake = n.Stake.Aggregate(0UL, (s, x) => s + x.Stake);
                    var axon = n.AxonInfo.IsServing ? $"{n.AxonInfo.Address}:{n.AxonInfo.Port}" : "none";
                    var updated = n.LastUpdate == 0 ? "never" : (block - Math.Min(block, n.LastUpdate)).ToString(CultureInfo.InvariantCulture);
                    rows.Add([owner.Wallet, owner.Hotkey, n.Uid.ToString(CultureInfo.InvariantCulture), n.Active ? "yes" : "no", Tao.Format(stake),
                        ChainContext.Fraction(n.Rank), ChainContext.Fraction(n.Trust), ChainContext.Fraction(n.Consensus), ChainContext.Fraction(n.Incentive),
                        ChainContext.Fraction(n.Dividends), Tao.Format(n.Emission), ChainContext.Fraction(n.ValidatorTrust), n.ValidatorPermit ? "yes" : "no",
                        updated, axon, Ss58.Encode(n.Hotkey)]);
                    json.Add(new JsonObject
                    {
                        ["netuid"] = netuid,
                        ["wallet"] = owner.Wallet,
                        ["hotkey"] = owner.Hotkey,
                        ["hotkeySs58"] = Ss58.Encode(n.Hotkey),
                        ["coldkeySs58"] = Ss58.Encode(n.Coldkey),
                        ["uid"] = n.Uid,
                        ["active"] = n.Active,
                        ["stake"] = Tao.ToDecimalString(stake),
                        ["rank"] = n.Rank,
                        ["trust"] = n.Trust,
                        ["consensus"] = n.Consensus,
                        ["incentive"] = n.Incentive,
                        ["dividends"] = n.Dividends,
                        ["emissionRao"] = n.Emission,
                        ["validatorTrust"] = n.ValidatorTrust,
                        ["validatorPermit"] = n.ValidatorPermit,
                        ["lastUpdate"] = n.LastUpdate,
                        ["axon"] = n.AxonInfo.IsServing ? axon : null,
                    });
                }

                if (rows.Count > 0)
                {
                    tables.Add((netuid, rows));
                }
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["block"] = block, ["neurons"] = json });
                return 0;
            }

            console.Out.WriteLine($"Block #{block}; wallets: {string.Join(", ", wallets.Select(w => w.Name))}; hotkeys: {hotkeys.Count}.");
            foreach (var (netuid, rows) in tables)
            {
                console.Out.WriteLine();
                context.WriteTable(
                    ["WALLET", "HOTKEY", "UID", "ACTIVE", "STAKE", "RANK", "TRUST", "CONSENSUS", "INCENTIVE", "DIVIDENDS", "EMISSION", "VTRUST", "VPERMIT", "UPDATED", "AXON", "HOTKEY_SS58"],
                    rows,
                    title: $"Subnet {netuid}:");
            }

            if (tables.Count == 0)
            {
                console.Out.WriteLine("No hotkey of these wallets is registered on any subnet (register one with `btcli root register` or `btcli subnets register`).");
            }

            return 0;
        }, all, netuids);
    }

    /// <summary>The wallet the options name (which must exist), or every wallet under its path.</summary>
    internal static IReadOnlyList<SdkWallet> Wallets(ChainContext context, bool all)
    {
        if (!all)
        {
            if (!context.Wallet.Exists)
            {
                throw new ChainCommandException($"there is no wallet '{context.Wallet.Name}' in {context.Wallet.Path}.", "Create one with `btcli wallet create`, or see `btcli wallet list`.");
            }

            return [context.Wallet];
        }

        var names = SdkWallet.List(context.Wallet.Path, context.Console.Environment);
        if (names.Count == 0)
        {
            throw new ChainCommandException($"there are no wallets in {context.Wallet.Path}.", "Create one with `btcli wallet create`.");
        }

        return [.. names.Select(n => new SdkWallet(n, null, context.Wallet.Path, context.Console.Environment))];
    }

    /// <summary>A comma-separated list of netuids, or null when <paramref name="text"/> is empty.</summary>
    internal static IReadOnlyList<ushort>? ParseNetuids(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var list = new List<ushort>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ushort.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var netuid))
            {
                throw new CliUsageException($"{option}: '{part}' is not a netuid (a whole number from 0 to 65535); give a comma-separated list such as 1,2.");
            }

            list.Add(netuid);
        }

        return list;
    }
}
