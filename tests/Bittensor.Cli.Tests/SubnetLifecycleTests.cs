using System.Text.Json;
using Bittensor.Contracts.Calls;
using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Sdk.Client;

namespace Bittensor.Cli.Tests;

/// <summary>
/// The on-chain subnet commands end to end against a real development node in the test process (blocks authored as
/// soon as a transaction is ready): wallets made with btcli, a subnet created, a validator registered by burn and a
/// miner by proof of work, stake, a delegate, weights, one epoch, and the metagraph that shows its outcome.
/// </summary>
public sealed class SubnetLifecycleTests : IAsyncLifetime
{
    private const ulong Tao = 1_000_000_000;
    private readonly WalletSandbox _sandbox = new();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cli-node-").FullName;
    private readonly CancellationTokenSource _sealing = new();
    private NodeHost _host = null!;
    private Task _sealLoop = Task.CompletedTask;
    private string _endpoint = null!;

    public async Task InitializeAsync()
    {
        _host = await NodeHost.StartAsync(new NodeOptions
        {
            Spec = ChainSpecPresets.Dev(),
            DataDirectory = _dataDir,
            Rpc = new RpcServerOptions { Port = 0 },
            BlockTime = null,
            Author = DevAccounts.Alice,
        });
        _endpoint = $"ws://127.0.0.1:{_host.RpcPort}/";
        var token = _sealing.Token;
        _sealLoop = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                if (_host.Pool.ReadyCount > 0)
                {
                    _host.SealNow();
                    continue;
                }

                try
                {
                    await Task.Delay(5, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public async Task DisposeAsync()
    {
        await _sealing.CancelAsync();
        await _sealLoop;
        _sealing.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
        _sandbox.Dispose();
    }

    private (int Code, string Output, string Error) Btcli(params string[] args) =>
        _sandbox.Run([.. args, "--chain-endpoint", _endpoint, "--no-prompt"]);

    private string Ok(params string[] args)
    {
        var (code, output, error) = Btcli(args);
        Assert.True(code == 0, $"btcli {string.Join(' ', args)} exited {code}:\n{output}\n{error}");
        return output;
    }

    private string Address(string wallet, string file)
    {
        var json = JsonDocument.Parse(File.ReadAllText(_sandbox.WalletFile(wallet, file)));
        return json.RootElement.GetProperty("ss58Address").GetString()!;
    }

    [Fact(Timeout = 120_000)]
    public async Task A_subnet_is_created_joined_weighted_and_its_epoch_pays_the_miner_and_the_validator()
    {
        foreach (var name in new[] { "owner", "miner" })
        {
            var (code, _, error) = _sandbox.Run(["wallet", "create", "--wallet.name", name, "--no-password", "--no-prompt"]);
            Assert.True(code == 0, error);
        }

        var ownerCold = Address("owner", "coldkeypub.txt");
        var ownerHot = Address("owner", Path.Combine("hotkeys", "default"));
        var minerCold = Address("miner", "coldkeypub.txt");
        var minerHot = Address("miner", Path.Combine("hotkeys", "default"));

        await using (var alice = await ChainClient.ConnectAsync(_endpoint))
        {
            Assert.True((await alice.SignAndSubmitAsync(DevAccounts.Alice, new BalancesCall.TransferKeepAlive(Ss58.Decode(ownerCold), 5_000 * Tao))).Success);
            Assert.True((await alice.SignAndSubmitAsync(DevAccounts.Alice, new BalancesCall.TransferKeepAlive(Ss58.Decode(minerCold), 10 * Tao))).Success);
            // The dev chain keeps the reference's 7,200-block pause between subnet creations; lift it and the per-coldkey rate limit for this chain.
            Assert.True((await alice.SignAndSubmitAsync(DevAccounts.Alice, new SudoCall.Sudo(new AdminCall.SudoSetNetworkRateLimit(0)))).Success);
            Assert.True((await alice.SignAndSubmitAsync(DevAccounts.Alice, new SudoCall.Sudo(new AdminCall.SudoSetTxRateLimit(0)))).Success);
        }

        // Create: the owner's coldkey pays the lock cost and owns the new subnet.
        var lockCost = JsonDocument.Parse(Ok("subnets", "lock_cost", "--json")).RootElement.GetProperty("lock_cost_rao").GetUInt64();
        var created = JsonDocument.Parse(Ok("s", "create", "--wallet.name", "owner", "--json")).RootElement;
        Assert.True(created.GetProperty("netuid").ValueKind == JsonValueKind.Number, created.ToString());
        var netuid = created.GetProperty("netuid").GetUInt16();
        Assert.Equal(2, netuid);
        Assert.Equal(lockCost, created.GetProperty("lock_cost_rao").GetUInt64());
        var listed = JsonDocument.Parse(Ok("subnets", "list", "--json")).RootElement.EnumerateArray().Single(s => s.GetProperty("netuid").GetUInt16() == netuid);
        Assert.Equal(ownerCold, listed.GetProperty("owner").GetString());

        // The owner tunes its subnet; tempo is the sudo key's, so Alice (sudo) sets it through the same command below.
        Ok("sudo", "set", "--netuid", "2", "--param", "network_pow_registration_allowed", "--value", "true", "--wallet.name", "owner");
        Ok("sudo", "set", "--netuid", "2", "--param", "difficulty", "--value", "1000", "--wallet.name", "owner");
        Ok("su", "set", "--netuid", "2", "--param", "weights-rate-limit", "--value", "0", "--wallet.name", "owner");
        var (refused, _, refusedError) = Btcli("sudo", "set", "--netuid", "2", "--param", "tempo", "--value", "5", "--wallet.name", "miner");
        Assert.Equal(1, refused);
        Assert.Contains("RequireSudo", refusedError, StringComparison.Ordinal);
        await using (var alice = await ChainClient.ConnectAsync(_endpoint))
        {
            Assert.True((await alice.SignAndSubmitAsync(DevAccounts.Alice, new SudoCall.Sudo(new AdminCall.SudoSetTempo(2, 5)))).Success);
            Assert.True((await alice.SignAndSubmitAsync(DevAccounts.Alice, new SudoCall.Sudo(new AdminCall.SudoSetTargetRegistrationsPerInterval(2, 4)))).Success);
        }

        var hyper = JsonDocument.Parse(Ok("sudo", "get", "--netuid", "2", "--json")).RootElement;
        Assert.Equal(1000UL, hyper.GetProperty("difficulty").GetUInt64());
        Assert.Equal(5, hyper.GetProperty("tempo").GetInt32());
        Assert.Equal(0UL, hyper.GetProperty("weights_rate_limit").GetUInt64());

        // The validator registers by burn, the miner by proof of work.
        var burned = JsonDocument.Parse(Ok("subnets", "register", "--netuid", "2", "--wallet.name", "owner", "--json")).RootElement;
        Assert.Equal(0, burned.GetProperty("uid").GetInt32());
        var (powCode, powOut, powErr) = Btcli("subnets", "pow_register", "--netuid", "2", "--wallet.name", "miner", "--processes", "2", "--json");
        Assert.True(powCode == 0, powErr);
        Assert.Contains("H/s", powErr, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(powOut).RootElement.GetProperty("uid").GetInt32());

        // Stake on the validator and make it a delegate.
        Ok("stake", "add", "--wallet.name", "owner", "--amount", "100");
        Ok("root", "nominate", "--wallet.name", "owner");

        // The validator weights the miner; then one tempo passes.
        var set = JsonDocument.Parse(Ok("weights", "set", "--netuid", "2", "--uids", "1", "--weights", "0.7", "--wallet.name", "owner", "--json")).RootElement;
        Assert.Equal(65535, set.GetProperty("weights")[0].GetInt32());
        var before = JsonDocument.Parse(Ok("subnets", "metagraph", "--netuid", "2", "--json")).RootElement.GetProperty("neurons");
        Assert.All(before.EnumerateArray(), n => Assert.Equal(0m, n.GetProperty("incentive").GetDecimal()));
        for (var i = 0; i < 8; i++)
        {
            _host.SealNow();
        }

        var after = JsonDocument.Parse(Ok("subnets", "metagraph", "--netuid", "2", "--json")).RootElement.GetProperty("neurons");
        var validator = after[0];
        var miner = after[1];
        Assert.Equal(ownerHot, validator.GetProperty("hotkey").GetString());
        Assert.Equal(minerHot, miner.GetProperty("hotkey").GetString());
        Assert.Equal(minerCold, miner.GetProperty("coldkey").GetString());
        Assert.True(validator.GetProperty("stake_rao").GetUInt64() >= 100 * Tao);
        Assert.Equal(1m, miner.GetProperty("incentive").GetDecimal());
        Assert.Equal(0m, validator.GetProperty("incentive").GetDecimal());
        Assert.Equal(1m, validator.GetProperty("dividends").GetDecimal());
        Assert.Equal(0m, miner.GetProperty("dividends").GetDecimal());
        Assert.True(validator.GetProperty("validator_permit").GetBoolean());
        Assert.True(miner.GetProperty("rank").GetDecimal() > 0);

        var table = Ok("subnets", "metagraph", "--netuid", "2");
        Assert.Contains("INCENTIVE", table, StringComparison.Ordinal);
        Assert.Contains(minerHot, table, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Bad_input_is_refused_before_anything_is_sent()
    {
        await Task.Yield();
        var (code, _, error) = Btcli("weights", "set", "--netuid", "1", "--uids", "1,2", "--weights", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("2 uids but 1 weights", error, StringComparison.Ordinal);

        (code, _, error) = Btcli("sudo", "set", "--netuid", "1", "--param", "liquid_alpha_enabled", "--value", "true");
        Assert.Equal(2, code);
        Assert.Contains("no setter", error, StringComparison.Ordinal);

        (code, _, error) = Btcli("sudo", "set", "--netuid", "1", "--param", "kappa", "--value", "70000");
        Assert.Equal(2, code);
        Assert.Contains("0 to 65535", error, StringComparison.Ordinal);

        (code, _, error) = Btcli("subnets", "hyperparameters", "--netuid", "9");
        Assert.Equal(1, code);
        Assert.Contains("subnet 9 does not exist", error, StringComparison.Ordinal);
    }
}
