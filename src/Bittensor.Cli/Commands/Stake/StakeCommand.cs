using System.CommandLine;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Cli.Commands.Wallet;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;

namespace Bittensor.Cli.Commands.Stake;

/// <summary>
/// <c>btcli stake</c> (aliases <c>st</c>, <c>stakes</c>): add stake from the coldkey to a hotkey, remove it, show it.
/// Exit codes: 0 done, 1 failed on chain or at the node, 2 bad usage.
/// </summary>
public static class StakeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("stake", "Stake TAO from the coldkey to a hotkey, unstake it, and show stakes.")
        {
            Move(console, add: true),
            Move(console, add: false),
            Show(console),
        };
        command.Aliases.Add("st");
        command.Aliases.Add("stakes");
        return command;
    }

    /// <summary>
    /// Adds or removes stake between the wallet's coldkey and <paramref name="hotkey"/> (a delegate's or one's own):
    /// <paramref name="amountText"/> TAO, or everything (the free balance when adding, the stake when removing).
    /// </summary>
    internal static async Task<int> MoveStakeAsync(ChainContext context, AccountId hotkey, string? amountText, bool all, bool add, string what, CancellationToken ct)
    {
        if (all == (amountText is not null))
        {
            throw new CliUsageException("give either --amount TAO or --all.");
        }

        var requested = all ? 0 : Tao.Parse(amountText);
        if (!all && requested == 0)
        {
            throw new CliUsageException("--amount 0: give a positive amount of TAO.");
        }

        var coldkey = context.UnlockColdkey();
        var client = await context.ConnectAsync(ct);
        var free = await client.GetBalanceAsync(coldkey.PublicKey, ct);
        var staked = (await client.GetStakeInfoForColdkeyAsync(coldkey.PublicKey, ct)).Where(s => s.Hotkey == hotkey).Aggregate(0UL, (s, x) => s + x.Stake);
        var rao = all ? (add ? free : staked) : requested;
        if (add && rao > free)
        {
            throw new ChainCommandException($"insufficient balance: {coldkey.Ss58Address} holds {Tao.Format(free)}, staking needs {Tao.Format(rao)}.", "Stake a smaller amount (see `btcli wallet balance`).");
        }

        if (!add && rao > staked)
        {
            throw new ChainCommandException($"not enough stake: {coldkey.Ss58Address} has {Tao.Format(staked)} on {Ss58.Encode(hotkey)}, unstaking needs {Tao.Format(rao)}.", "See `btcli stake show`.");
        }

        if (rao == 0)
        {
            throw new ChainCommandException($"nothing to {(add ? "stake: the free balance is 0" : "unstake: there is no stake on " + Ss58.Encode(hotkey))}.");
        }

        context.Confirm(add ? $"Stake {Tao.Format(rao)} from {coldkey.Ss58Address} to {Ss58.Encode(hotkey)}?" : $"Unstake {Tao.Format(rao)} from {Ss58.Encode(hotkey)} to {coldkey.Ss58Address}?");
        RuntimeCall call = add ? new SubtensorCall.AddStake(hotkey, rao) : new SubtensorCall.RemoveStake(hotkey, rao);
        var result = await context.SubmitAsync(coldkey, call, what, ct);
        var stakeAfter = (await client.GetStakeInfoForColdkeyAsync(coldkey.PublicKey, ct)).Where(s => s.Hotkey == hotkey).Aggregate(0UL, (s, x) => s + x.Stake);
        var freeAfter = await client.GetBalanceAsync(coldkey.PublicKey, ct);
        return context.Report(
            result,
            what,
            $"{(add ? "Staked" : "Unstaked")} {Tao.Format(rao)} {(add ? "to" : "from")} {Ss58.Encode(hotkey)}. Stake: {Tao.Format(staked)} -> {Tao.Format(stakeAfter)}; balance: {Tao.Format(free)} -> {Tao.Format(freeAfter)}.",
            new JsonObject
            {
                ["coldkey"] = coldkey.Ss58Address,
                ["hotkey"] = Ss58.Encode(hotkey),
                ["amount"] = Tao.ToDecimalString(rao),
                ["stakeBefore"] = Tao.ToDecimalString(staked),
                ["stakeAfter"] = Tao.ToDecimalString(stakeAfter),
                ["balanceBefore"] = Tao.ToDecimalString(free),
                ["balanceAfter"] = Tao.ToDecimalString(freeAfter),
            });
    }

    private static Command Move(CliConsole console, bool add)
    {
        var amount = new Option<string?>("--amount") { Description = add ? "TAO to stake, e.g. 10." : "TAO to unstake." };
        var all = new Option<bool>("--all") { Description = add ? "Stake the whole free balance." : "Unstake everything on the hotkey." };
        var hotkeySs58 = new Option<string?>("--hotkey-ss58", "--hotkey_ss58", "--hotkey-ss58-address", "--hotkey_ss58address", "--delegate-ss58", "--delegate_ss58")
        {
            Description = "The hotkey's SS58 address (default: the wallet's hotkey).",
        };
        return ChainCommand.Define(
            console,
            add ? "add" : "remove",
            add ? "Stake TAO from the coldkey to a hotkey (own, or a delegate's)." : "Unstake TAO from a hotkey back to the coldkey.",
            hotkey: true,
            (context, parseResult, ct) =>
            {
                var given = parseResult.GetValue(hotkeySs58);
                var hotkey = given is null ? context.HotkeyAccount() : ChainContext.ParseAddress(given, "--hotkey-ss58");
                return MoveStakeAsync(context, hotkey, parseResult.GetValue(amount), parseResult.GetValue(all), add, add ? "add stake" : "remove stake", ct);
            },
            amount,
            all,
            hotkeySs58);
    }

    private static Command Show(CliConsole console)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Every wallet under the wallet path." };
        return ChainCommand.Define(console, "show", "Show the stake of the wallet's coldkey on every hotkey.", hotkey: false, async (context, parseResult, ct) =>
        {
            var wallets = WalletChainCommands.Wallets(context, parseResult.GetValue(all));
            var client = await context.ConnectAsync(ct);
            var rows = new List<IReadOnlyList<string>>();
            var json = new JsonArray();
            var total = 0UL;
            foreach (var wallet in wallets)
            {
                var coldkey = ChainContext.ColdkeyAccount(wallet);
                var names = wallet.ListHotkeys()
                    .Select(n => (Name: n, Key: wallet.HotkeyFile(n).LoadPublic()))
                    .Where(h => h.Key is not null)
                    .GroupBy(h => h.Key!.PublicKey)
                    .ToDictionary(g => g.Key, g => g.First().Name);
                foreach (var stake in await client.GetStakeInfoForColdkeyAsync(coldkey, ct))
                {
                    if (stake.Stake == 0)
                    {
                        continue;
                    }

                    var delegateInfo = await client.GetDelegateAsync(stake.Hotkey, ct);
                    var name = names.GetValueOrDefault(stake.Hotkey) ?? (delegateInfo is null ? "-" : "(delegate)");
                    total += stake.Stake;
                    rows.Add([wallet.Name, name, Ss58.Encode(stake.Hotkey), Tao.Format(stake.Stake), delegateInfo is null ? "-" : ChainContext.Fraction(delegateInfo.Take)]);
                    json.Add(new JsonObject
                    {
                        ["wallet"] = wallet.Name,
                        ["coldkey"] = Ss58.Encode(coldkey),
                        ["hotkey"] = name,
                        ["hotkeySs58"] = Ss58.Encode(stake.Hotkey),
                        ["stake"] = Tao.ToDecimalString(stake.Stake),
                        ["stakeRao"] = stake.Stake,
                        ["delegate"] = delegateInfo is not null,
                    });
                }
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["stakes"] = json, ["total"] = Tao.ToDecimalString(total) });
                return 0;
            }

            context.WriteTable(["WALLET", "HOTKEY", "HOTKEY_SS58", "STAKE", "TAKE"], rows, footer: $"total stake: {Tao.Format(total)}");
            return 0;
        }, all);
    }
}
