using System.Text.Json;
using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Cli.Tests;

/// <summary>
/// The on-chain subnet commands end to end against a real development node in the test process (blocks authored as
/// soon as a transaction is ready): wallets made with btcli, a subnet created, a validator registered by burn and a
/// miner by proof of work, stake, a delegate, weights, root weights that give the subnet its share of the block
/// emission, the root epoch and the subnet's epoch, and the metagraph that shows their outcome.
/// </summary>
public sealed class SubnetLifecycleTests : IAsyncLifetime
{
    private const ulong Tao = 1_000_000_000;
    private const ushort SubnetNetuid = 2;
    private const ushort SubnetTempo = 5;
    private const ushort RootTempo = 1;
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

        // Alice (the dev chain's sudo key and a funded account) as a btcli wallet, restored from the seed of //Alice.
        var aliceSeed = "0x" + Convert.ToHexStringLower(DevAccounts.Alice.ExportSeed());
        var (regen, _, regenError) = _sandbox.Run(["wallet", "regen-coldkey", "--wallet.name", "alice", "--seed", aliceSeed, "--no-password", "--no-prompt"]);
        Assert.True(regen == 0, regenError);
        Assert.Equal(Ss58.Encode(DevAccounts.Alice.PublicKey), Address("alice", "coldkeypub.txt"));
        var sent = JsonDocument.Parse(Ok("wallet", "transfer", "--wallet.name", "alice", "--dest", ownerCold, "--amount", "5000", "--json")).RootElement;
        Assert.Equal(5_000 * Tao, sent.GetProperty("amountRao").GetUInt64());
        Ok("wallet", "transfer", "--wallet.name", "alice", "--dest", minerCold, "--amount", "10");

        // The dev chain keeps the reference's 7,200-block pause between subnet creations; lift it and the per-coldkey rate limit (chain-wide settings, sudo key).
        var chainWide = JsonDocument.Parse(Ok("sudo", "set", "--param", "network_rate_limit", "--value", "0", "--wallet.name", "alice", "--json")).RootElement;
        Assert.True(chainWide.GetProperty("via_sudo").GetBoolean());
        Assert.Equal(JsonValueKind.Null, chainWide.GetProperty("netuid").ValueKind);
        Ok("sudo", "set", "--param", "tx-rate-limit", "--value", "0", "--wallet.name", "alice");

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
        Ok("sudo", "set", "--netuid", "2", "--param", "tempo", "--value", SubnetTempo.ToString(System.Globalization.CultureInfo.InvariantCulture), "--wallet.name", "alice");
        Ok("sudo", "set", "--netuid", "2", "--param", "target_regs_per_interval", "--value", "4", "--wallet.name", "alice");

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

        // A new subnet earns emission only through root weights: the validator joins the root network, and the sudo key
        // shortens the root epoch (every 2 blocks) and lifts root's weight rate limit so it can vote at once.
        var rootRegistered = JsonDocument.Parse(Ok("root", "register", "--wallet.name", "owner", "--json")).RootElement;
        Assert.Equal(0, rootRegistered.GetProperty("uid").GetInt32());
        Ok("sudo", "set", "--netuid", "0", "--param", "tempo", "--value", RootTempo.ToString(System.Globalization.CultureInfo.InvariantCulture), "--wallet.name", "alice");
        Ok("sudo", "set", "--netuid", "0", "--param", "weights_rate_limit", "--value", "0", "--wallet.name", "alice");
        Assert.Equal(0UL, SubnetEmission(SubnetNetuid));

        // Both votes must land before the subnet's next epoch, so that the snapshot below is the state before any
        // weights counted: seal empty blocks until the next two blocks hold no epoch of the subnet.
        while (EpochSchedule.BlocksUntilNextEpoch(SubnetNetuid, SubnetTempo, _host.Chain.BestNumber + 1) < 2)
        {
            _host.SealNow();
        }

        // The validator weights the miner, and votes with its root weight for the new subnet.
        var set = JsonDocument.Parse(Ok("weights", "set", "--netuid", "2", "--uids", "1", "--weights", "0.7", "--wallet.name", "owner", "--json")).RootElement;
        Assert.Equal(65535, set.GetProperty("weights")[0].GetInt32());
        var voted = JsonDocument.Parse(Ok("root", "weights", "--netuids", "2", "--weights", "1", "--wallet.name", "owner", "--json")).RootElement;
        Assert.Equal(65535, voted.GetProperty("weights")[0].GetInt32());
        var votedAt = _host.Chain.BestNumber;

        var before = Neurons();
        Assert.All(before.EnumerateArray(), n =>
        {
            Assert.Equal(0m, n.GetProperty("incentive").GetDecimal());
            Assert.Equal(0m, n.GetProperty("dividends").GetDecimal());
            Assert.Equal(0UL, n.GetProperty("emission_rao").GetUInt64());
        });
        Assert.Equal(0UL, SubnetEmission(SubnetNetuid));

        // The root epoch after the vote gives the subnet the block emission; the subnet's next epoch (at or after it)
        // splits what accumulated, and the block after pays it out as stake.
        ulong? rootEpoch = null;
        ulong? subnetEpoch = null;
        while (subnetEpoch is null || _host.Chain.BestNumber <= subnetEpoch)
        {
            var number = _host.SealNow().Block.Number;
            Assert.True(number - votedAt <= 2u * (SubnetTempo + RootTempo + 2), "no subnet epoch followed the root epoch");
            if (rootEpoch is null && EpochSchedule.BlocksUntilNextEpoch(0, RootTempo, number) == 0)
            {
                rootEpoch = number;
            }

            if (rootEpoch is not null && subnetEpoch is null && EpochSchedule.BlocksUntilNextEpoch(SubnetNetuid, SubnetTempo, number) == 0)
            {
                subnetEpoch = number;
            }
        }

        Assert.True(SubnetEmission(SubnetNetuid) > 0, "the root epoch gave the subnet no share of the block emission");
        var after = Neurons();
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

        // Emission: zero before, now the miner's share (incentive) and the validator's (dividends), each paid as stake.
        var minerEmission = miner.GetProperty("emission_rao").GetUInt64();
        var validatorEmission = validator.GetProperty("emission_rao").GetUInt64();
        Assert.True(minerEmission > 0, $"miner emission {minerEmission}");
        Assert.True(validatorEmission > 0, $"validator emission {validatorEmission}");
        Assert.True(miner.GetProperty("stake_rao").GetUInt64() > before[1].GetProperty("stake_rao").GetUInt64(), "the miner's emission was not paid as stake");
        Assert.True(validator.GetProperty("stake_rao").GetUInt64() > before[0].GetProperty("stake_rao").GetUInt64(), "the validator's emission was not paid as stake");

        // The table as plain text (output is not a terminal): a grid of | cells, no escape codes; the miner's row holds
        // what the JSON says.
        var table = Ok("subnets", "metagraph", "--netuid", "2");
        Assert.DoesNotContain('\u001b', table);
        var lines = table.Split('\n', StringSplitOptions.TrimEntries);
        var header = Cells(lines.Single(l => l.StartsWith("| UID", StringComparison.Ordinal)));
        var minerRow = Cells(lines.Single(l => l.Contains(minerHot, StringComparison.Ordinal)));
        Assert.Equal(header.Length, minerRow.Length);
        Assert.Equal("1.00000", minerRow[Array.IndexOf(header, "INCENTIVE")]);
        Assert.Equal("0.00000", minerRow[Array.IndexOf(header, "DIVIDENDS")]);
        Assert.Equal(minerEmission.ToString(System.Globalization.CultureInfo.InvariantCulture), minerRow[Array.IndexOf(header, "EMISSION")]);
        Assert.Equal(minerHot, minerRow[Array.IndexOf(header, "HOTKEY")]);

        // Saved with --save, shown again with --load without a node (the endpoint given is closed): the same table
        // and the same JSON.
        var saved = Path.Combine(_sandbox.Home, "subnet-2.json");
        var json = Ok("subnets", "metagraph", "--netuid", "2", "--json", "--save", saved);
        Assert.True(File.Exists(saved));
        string Offline(params string[] args)
        {
            var (code, output, error) = _sandbox.Run([.. args, "--chain-endpoint", "ws://127.0.0.1:1/", "--no-prompt"]);
            Assert.True(code == 0, $"btcli {string.Join(' ', args)} exited {code}:\n{output}\n{error}");
            return output;
        }

        Assert.Equal(json, Offline("subnets", "metagraph", "--load", saved, "--json"));
        Assert.Equal(table, Offline("subnets", "metagraph", "--load", saved, "--netuid", "2"));
    }

    private static string[] Cells(string line) => [.. line.Trim('|').Split('|', StringSplitOptions.TrimEntries)];

    private JsonElement Neurons() =>
        JsonDocument.Parse(Ok("subnets", "metagraph", "--netuid", SubnetNetuid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).RootElement.GetProperty("neurons");

    private ulong SubnetEmission(ushort netuid) =>
        JsonDocument.Parse(Ok("subnets", "list", "--json")).RootElement.EnumerateArray().Single(s => s.GetProperty("netuid").GetUInt16() == netuid).GetProperty("emission_rao").GetUInt64();

    [Fact(Timeout = 60_000)]
    public async Task Bad_input_is_refused_before_anything_is_sent()
    {
        await Task.Yield();
        var (code, _, error) = Btcli("weights", "set", "--netuid", "1", "--uids", "1,2", "--weights", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("2 uids but 1 weights", error, StringComparison.Ordinal);

        var notSaved = Path.Combine(_sandbox.Home, "not-a-metagraph.json");
        File.WriteAllText(notSaved, "{\"format\": 1}");
        (code, _, error) = Btcli("subnets", "metagraph", "--load", notSaved);
        Assert.Equal(2, code);
        Assert.Contains("is not a saved metagraph", error, StringComparison.Ordinal);
        (code, _, error) = Btcli("subnets", "metagraph", "--load", Path.Combine(_sandbox.Home, "missing.json"));
        Assert.Equal(2, code);
        Assert.Contains("no such file", error, StringComparison.Ordinal);

        (code, _, error) = Btcli("sudo", "set", "--netuid", "1", "--param", "liquid_alpha_enabled", "--value", "true");
        Assert.Equal(2, code);
        Assert.Contains("no setter", error, StringComparison.Ordinal);

        (code, _, error) = Btcli("sudo", "set", "--netuid", "1", "--param", "kappa", "--value", "70000");
        Assert.Equal(2, code);
        Assert.Contains("0 to 65535", error, StringComparison.Ordinal);

        (code, _, error) = Btcli("sudo", "set", "--netuid", "1", "--param", "network_rate_limit", "--value", "0");
        Assert.Equal(2, code);
        Assert.Contains("chain-wide setting", error, StringComparison.Ordinal);

        (code, _, error) = Btcli("subnets", "hyperparameters", "--netuid", "9");
        Assert.Equal(1, code);
        Assert.Contains("subnet 9 does not exist", error, StringComparison.Ordinal);
    }
}
