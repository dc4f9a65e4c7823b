using System.Text.Json;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Tests;

/// <summary>On-chain btcli commands run in-process against a real dev node with instant sealing.</summary>
public sealed class ChainCommandTests(ChainNode node) : IClassFixture<ChainNode>
{
    private const ulong Tao1 = 1_000_000_000;

    [Fact(Timeout = 120_000)]
    public async Task TransferMovesExactAmountAndReportsJson()
    {
        using var sandbox = new WalletSandbox();
        var sender = await FundedWalletAsync(sandbox, "sender", 100 * Tao1);
        var receiver = await FundedWalletAsync(sandbox, "receiver", 0);
        var (code, output, error) = await RunAsync(sandbox, "wallet", "transfer", "--wallet.name", "sender", "--dest", Ss58.Encode(receiver), "--amount", "12.345678901", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal("12.345678901", json.RootElement.GetProperty("amount").GetString());
        Assert.True(json.RootElement.GetProperty("block").GetUInt64() > 0);
        Assert.Contains(json.RootElement.GetProperty("events").EnumerateArray(), e => e.GetString() == "Balances.Transfer");
        await using var client = await node.ConnectAsync();
        Assert.Equal(12_345_678_901UL, await client.GetBalanceAsync(receiver));
        var fee = json.RootElement.GetProperty("feeRao").GetUInt64();
        Assert.Equal((100 * Tao1) - 12_345_678_901UL - fee, await client.GetBalanceAsync(sender));

        var balance = await RunAsync(sandbox, "w", "balance", "--wallet.name", "receiver", "--json");
        Assert.Equal(0, balance.Code);
        using var balanceJson = JsonDocument.Parse(balance.Output);
        Assert.Equal("12.345678901", balanceJson.RootElement.GetProperty("wallets")[0].GetProperty("free").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task TransferBeyondBalanceFailsWithClearMessage()
    {
        using var sandbox = new WalletSandbox();
        await FundedWalletAsync(sandbox, "poor", 2 * Tao1);
        var (code, _, error) = await RunAsync(sandbox, "wallet", "transfer", "--wallet.name", "poor", "--dest", Ss58.Encode(DevAccounts.Bob.PublicKey), "--amount", "5");
        Assert.Equal(1, code);
        Assert.Contains("insufficient balance", error, StringComparison.Ordinal);
        Assert.Contains("τ2.000000000", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnreachableEndpointFailsWithNextStep()
    {
        using var sandbox = new WalletSandbox();
        CreateWallet(sandbox, "offline");
        var (code, _, error) = await RunAsync(sandbox, "wallet", "balance", "--wallet.name", "offline", "--chain-endpoint", "ws://127.0.0.1:1", "--timeout", "5");
        Assert.Equal(1, code);
        Assert.Contains("ws://127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.Contains("btcli node --dev", error, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("1.0000000001")]
    [InlineData("-1")]
    [InlineData("abc")]
    public async Task BadAmountIsUsageError(string amount)
    {
        using var sandbox = new WalletSandbox();
        CreateWallet(sandbox, "usage");
        var (code, _, error) = await RunAsync(sandbox, "wallet", "transfer", "--wallet.name", "usage", "--dest", Ss58.Encode(DevAccounts.Bob.PublicKey), "--amount", amount);
        Assert.Equal(2, code);
        Assert.Contains("--amount", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task NoPromptWithoutPasswordSourceIsUsageError()
    {
        using var sandbox = new WalletSandbox();
        sandbox.Environment["BT_COLD_PW_LOCKED"] = "correct horse battery staple 1!";
        var create = sandbox.Run(["wallet", "create", "--wallet.name", "locked", "--no-prompt"]);
        Assert.True(create.Code == 0, create.Error);
        sandbox.Environment.Remove("BT_COLD_PW_LOCKED");
        var (code, _, error) = await RunAsync(sandbox, "wallet", "transfer", "--wallet.name", "locked", "--dest", Ss58.Encode(DevAccounts.Bob.PublicKey), "--amount", "1");
        Assert.Equal(2, code);
        Assert.Contains("BT_COLD_PW_LOCKED", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task StakeAddShowRemove()
    {
        using var sandbox = new WalletSandbox();
        var coldkey = await FundedWalletAsync(sandbox, "staker", 50 * Tao1);
        var hotkey = Hotkey(sandbox, "staker");
        await using var client = await node.ConnectAsync();
        var registered = await client.SignAndSubmitAsync(Coldkey(sandbox, "staker").Ed25519, new SubtensorCall.BurnedRegister(1, hotkey));
        Assert.True(registered.Success, registered.Error?.ToString());

        var add = await RunAsync(sandbox, "stake", "add", "--wallet.name", "staker", "--amount", "10");
        Assert.True(add.Code == 0, add.Error);
        var show = await RunAsync(sandbox, "st", "show", "--wallet.name", "staker", "--json");
        Assert.Equal(0, show.Code);
        using (var json = JsonDocument.Parse(show.Output))
        {
            var stake = Assert.Single(json.RootElement.GetProperty("stakes").EnumerateArray());
            Assert.Equal(Ss58.Encode(hotkey), stake.GetProperty("hotkeySs58").GetString());
            Assert.Equal(10 * Tao1, stake.GetProperty("stakeRao").GetUInt64());
        }

        // One stake operation per (coldkey, hotkey) per 360 blocks: unstaking at once is refused on chain.
        var early = await RunAsync(sandbox, "stake", "remove", "--wallet.name", "staker", "--amount", "4");
        Assert.Equal(1, early.Code);
        Assert.Contains("UnstakeRateLimitExceeded", early.Error, StringComparison.Ordinal);

        node.SealBlocks(361);
        var remove = await RunAsync(sandbox, "stake", "remove", "--wallet.name", "staker", "--amount", "4", "--json");
        Assert.True(remove.Code == 0, remove.Error);
        var stakes = await client.GetStakeInfoForColdkeyAsync(coldkey);
        Assert.Equal(6 * Tao1, stakes.Single(s => s.Hotkey == hotkey).Stake);
    }

    [Fact(Timeout = 120_000)]
    public async Task NominateDelegateAndListDelegates()
    {
        using var sandbox = new WalletSandbox();
        await FundedWalletAsync(sandbox, "validator", 20 * Tao1);
        var nominatorColdkey = await FundedWalletAsync(sandbox, "nominator", 20 * Tao1);
        var hotkey = Hotkey(sandbox, "validator");
        await using var client = await node.ConnectAsync();
        var registered = await client.SignAndSubmitAsync(Coldkey(sandbox, "validator").Ed25519, new SubtensorCall.BurnedRegister(1, hotkey));
        Assert.True(registered.Success, registered.Error?.ToString());

        var nominate = await RunAsync(sandbox, "root", "nominate", "--wallet.name", "validator");
        Assert.True(nominate.Code == 0, nominate.Error);
        var again = await RunAsync(sandbox, "root", "nominate", "--wallet.name", "validator");
        Assert.Equal(1, again.Code);
        Assert.Contains("AlreadyDelegate", again.Error, StringComparison.Ordinal);

        var delegateRun = await RunAsync(sandbox, "r", "delegate", "--wallet.name", "nominator", "--delegate-ss58", Ss58.Encode(hotkey), "--amount", "3.5");
        Assert.True(delegateRun.Code == 0, delegateRun.Error);

        var list = await RunAsync(sandbox, "root", "list_delegates", "--json");
        Assert.Equal(0, list.Code);
        using var json = JsonDocument.Parse(list.Output);
        var entry = json.RootElement.GetProperty("delegates").EnumerateArray().Single(d => d.GetProperty("delegate").GetString() == Ss58.Encode(hotkey));
        Assert.Equal("3.500000000", entry.GetProperty("totalStake").GetString());
        Assert.Equal(1, entry.GetProperty("nominators").GetInt32());

        var mine = await RunAsync(sandbox, "root", "my-delegates", "--wallet.name", "nominator");
        Assert.Equal(0, mine.Code);
        Assert.Contains(Ss58.Encode(hotkey), mine.Output, StringComparison.Ordinal);
        Assert.Contains("τ3.500000000", mine.Output, StringComparison.Ordinal);
        Assert.Equal(3_500_000_000UL, (await client.GetDelegatedAsync(nominatorColdkey)).Single().Stake);

        var text = await RunAsync(sandbox, "root", "delegates");
        Assert.Equal(0, text.Code);
        Assert.Contains("TAKE", text.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task RootRegisterWeightsAndList()
    {
        using var sandbox = new WalletSandbox();
        await FundedWalletAsync(sandbox, "rooter", 20 * Tao1);
        var hotkey = Hotkey(sandbox, "rooter");
        var register = await RunAsync(sandbox, "root", "register", "--wallet.name", "rooter", "--json");
        Assert.True(register.Code == 0, register.Error);
        using (var json = JsonDocument.Parse(register.Output))
        {
            Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("uid").ValueKind);
        }

        var list = await RunAsync(sandbox, "root", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains(Ss58.Encode(hotkey), list.Output, StringComparison.Ordinal);

        var senate = await RunAsync(sandbox, "root", "senate");
        Assert.Equal(0, senate.Code);
        Assert.Contains(Ss58.Encode(hotkey), senate.Output, StringComparison.Ordinal);

        node.SealBlocks(101);
        var weights = await RunAsync(sandbox, "root", "weights", "--wallet.name", "rooter", "--netuids", "0,1", "--weights", "0.25,0.75");
        Assert.True(weights.Code == 0, weights.Error);
        var get = await RunAsync(sandbox, "root", "get_weights", "--json");
        Assert.Equal(0, get.Code);
        using var matrix = JsonDocument.Parse(get.Output);
        var row = matrix.RootElement.GetProperty("weights").EnumerateArray().Single(r => r.GetProperty("hotkey").GetString() == Ss58.Encode(hotkey));
        Assert.Equal(65535, row.GetProperty("weights").GetProperty("1").GetInt32());
        Assert.Equal(21845, row.GetProperty("weights").GetProperty("0").GetInt32());
    }

    [Fact]
    public void TaoParsesExactly()
    {
        Assert.Equal(100_000_000UL, Tao.Parse("0.1"));
        Assert.Equal(1UL, Tao.Parse("0.000000001"));
        Assert.Equal(1_234_500_000_000UL, Tao.Parse("τ1,234.5"));
        Assert.Equal("τ1,234.500000000", Tao.Format(1_234_500_000_000));
        Assert.False(Tao.TryParse("18446744073.709551616", out _, out _));
        Assert.Equal(ulong.MaxValue, Tao.Parse("18446744073.709551615"));
        Assert.False(Tao.TryParse("1e3", out _, out var problem));
        Assert.Contains("1e3", problem, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task SenatorSeesAProposalAndVotesOnIt()
    {
        // The dev chain's triumvirate (Alice, Bob, Charlie) proposes; its senators (Dave, Eve, Ferdie) own their own
        // hotkeys. Dave's keys are restored into a wallet from their seed, as a user restores theirs.
        using var sandbox = new WalletSandbox();
        var daveSeed = "0x" + Convert.ToHexStringLower(DevAccounts.Get("Dave").ExportSeed());
        Assert.Equal(0, sandbox.Run(["wallet", "regen-coldkey", "--wallet.name", "dave", "--seed", daveSeed, "--no-password", "--no-prompt"]).Code);
        Assert.Equal(0, sandbox.Run(["wallet", "regen-hotkey", "--wallet.name", "dave", "--wallet.hotkey", "senator", "--seed", daveSeed, "--no-password", "--no-prompt"]).Code);

        await using (var client = await node.ConnectAsync())
        {
            var proposed = await client.SignAndSubmitAsync(DevAccounts.Alice, new TriumvirateCall.Propose(new BalancesCall.TransferKeepAlive(DevAccounts.Bob.PublicKey, 7), 100, 3_600));
            Assert.True(proposed.Success, proposed.Error?.ToString());
        }

        var listed = await RunAsync(sandbox, "root", "proposals", "--json");
        Assert.True(listed.Code == 0, listed.Error);
        using var before = JsonDocument.Parse(listed.Output);
        var proposal = before.RootElement.GetProperty("proposals").EnumerateArray().Last();
        var hash = proposal.GetProperty("hash").GetString()!;
        Assert.Empty(proposal.GetProperty("ayes").EnumerateArray());

        var voted = await RunAsync(sandbox, "root", "vote", "--wallet.name", "dave", "--wallet.hotkey", "senator", "--proposal", hash, "--vote", "yes", "--json");
        Assert.True(voted.Code == 0, voted.Error);

        var after = await RunAsync(sandbox, "root", "proposals", "--json");
        using var afterJson = JsonDocument.Parse(after.Output);
        var ayes = afterJson.RootElement.GetProperty("proposals").EnumerateArray().Single(p => p.GetProperty("hash").GetString() == hash).GetProperty("ayes");
        Assert.Contains(ayes.EnumerateArray(), a => a.GetString() == Ss58.Encode(DevAccounts.Get("Dave").PublicKey));

        // A key that is not a senator is refused by the chain (exit 1), and a malformed hash is a usage error (exit 2).
        CreateWallet(sandbox, "outsider");
        var refused = await RunAsync(sandbox, "root", "senate-vote", "--wallet.name", "outsider", "--proposal", hash, "--vote", "no");
        Assert.Equal(1, refused.Code);
        Assert.Equal(2, (await RunAsync(sandbox, "root", "vote", "--wallet.name", "dave", "--proposal", "0x12", "--vote", "yes")).Code);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(WalletSandbox sandbox, params string[] args) =>
        await Task.Run(() => sandbox.Run(args.Contains("--chain-endpoint") ? [.. args, "--no-prompt"] : [.. args, "--no-prompt", "--chain-endpoint", node.Endpoint]));

    private static void CreateWallet(WalletSandbox sandbox, string name)
    {
        var created = sandbox.Run(["wallet", "create", "--wallet.name", name, "--no-password", "--no-prompt"]);
        Assert.True(created.Code == 0, created.Error);
    }

    private async Task<AccountId> FundedWalletAsync(WalletSandbox sandbox, string name, ulong rao)
    {
        CreateWallet(sandbox, name);
        var coldkey = Coldkey(sandbox, name).PublicKey;
        if (rao > 0)
        {
            await using var client = await node.ConnectAsync();
            var funded = await client.SignAndSubmitAsync(DevAccounts.Alice, new BalancesCall.TransferKeepAlive(coldkey, rao));
            Assert.True(funded.Success, funded.Error?.ToString());
        }

        return coldkey;
    }

    private static Keypair Coldkey(WalletSandbox sandbox, string name) => new Wallet(name, null, sandbox.WalletsPath).UnlockColdkey();

    private static AccountId Hotkey(WalletSandbox sandbox, string name) => new Wallet(name, null, sandbox.WalletsPath).UnlockHotkey().PublicKey;
}
