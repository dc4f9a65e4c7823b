using Bittensor.Cli.Commands.Localnet;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Tests;

/// <summary>
/// The local network's set-up against a real development node in the test process (blocks as soon as a transaction
/// is ready): wallets, funding, the subnet and its hyperparameters, every neuron registered, the validators staked, and
/// the root vote that sends the emission to the new subnet. No miner or validator is started.
/// </summary>
public sealed class LocalnetSetupTests : IAsyncLifetime
{
    private readonly ChainNode _node = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("localnet-setup-").FullName;

    public Task InitializeAsync() => _node.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_setup_makes_wallets_a_configured_subnet_registered_neurons_and_staked_validators()
    {
        var lineup = LocalnetLineup.Create(miners: 2, validators: 2);
        var wallets = Path.Combine(_dir, "wallets");
        var log = new List<string>();
        await using var client = await _node.ConnectAsync();
        var network = await new LocalnetSetup(client, wallets, log.Add).RunAsync(lineup, new LocalnetChainSettings { Tempo = 7 }, CancellationToken.None);

        Assert.Equal(2, network.Netuid);
        Assert.Equal(lineup.Select(p => p.Name), network.Neurons.Select(n => n.Plan.Name));
        Assert.Equal(lineup.Count, network.Neurons.Select(n => n.Uid).Distinct().Count());
        foreach (var neuron in network.Neurons)
        {
            var wallet = new Wallet(neuron.WalletName, "default", wallets, WalletEnvironment.Empty);
            Assert.False(wallet.Coldkey.IsEncrypted, $"{neuron.WalletName}'s coldkey is encrypted");
            Assert.Equal(neuron.Coldkey, wallet.GetColdkeyPub().PublicKey);
            Assert.Equal(neuron.Hotkey, wallet.UnlockHotkey().PublicKey);
        }

        var hyper = (await client.GetSubnetHyperparamsAsync(network.Netuid))!;
        Assert.Equal(7, hyper.Tempo);
        Assert.True(hyper.RegistrationAllowed);
        Assert.Equal(0UL, hyper.WeightsRateLimit);
        Assert.Equal(ushort.MaxValue, hyper.MaxWeightsLimit);
        Assert.Equal(1, hyper.MinAllowedWeights);
        Assert.Equal(2, hyper.MaxValidators);
        Assert.True(hyper.MaxRegsPerBlock >= lineup.Count);
        var subnet = (await client.GetSubnetInfoAsync(network.Netuid))!;
        Assert.Equal(Ss58.Encode(DevAccounts.Alice.PublicKey), Ss58.Encode(subnet.Owner));

        var metagraph = (await client.GetMetagraphAsync(network.Netuid))!;
        Assert.Equal(lineup.Count, metagraph.N);
        foreach (var neuron in network.Neurons)
        {
            Assert.Equal(neuron.Hotkey, metagraph.Hotkeys[neuron.Uid]);
            Assert.Equal(neuron.Coldkey, metagraph.Coldkeys[neuron.Uid]);
            var stake = metagraph.Stake[neuron.Uid];
            if (neuron.Plan.Role == NeuronRole.Validator)
            {
                Assert.Equal(neuron.Plan.StakeRao, stake);
            }
            else
            {
                Assert.Equal(0UL, stake);
                Assert.True(await client.GetBalanceAsync(neuron.Coldkey) > 0, $"{neuron.Plan.Name} has nothing left for fees");
            }
        }

        var validators = network.Neurons.Where(n => n.Plan.Role == NeuronRole.Validator).ToList();
        Assert.Equal([1000 * LocalnetLineup.Tao, 300 * LocalnetLineup.Tao], validators.Select(v => metagraph.Stake[v.Uid]));
        var copycat = network.Neurons.Single(n => n.Plan.Kind == "copycat");
        Assert.Equal(lineup.Where(p => p.Role == NeuronRole.Miner).Last().Name, copycat.Plan.CopyOf);

        // The first validator sits on the root network and votes everything to the new subnet.
        var root = (await client.GetMetagraphAsync(0, withWeightsAndBonds: true))!;
        var rootUid = root.UidOf(validators[0].Hotkey);
        Assert.NotNull(rootUid);
        Assert.Equal([(network.Netuid, ushort.MaxValue)], root.Weights![rootUid.Value]);
        Assert.Contains(log, l => l.Contains("votes all emission", StringComparison.Ordinal));

        // The children's command lines: each miner's model spec points at the uids the set-up assigned.
        var options = LocalnetOptions.Create(2, 2, false, 1, 0, 7, _dir, null, null, _dir);
        var copycatArgs = LocalnetCommand.ChildArguments(copycat, network, lineup, options, "ws://127.0.0.1:1");
        var copied = network.Neurons.Single(n => n.Plan.Name == copycat.Plan.CopyOf);
        Assert.Equal(["miner", "run"], copycatArgs.Take(2));
        Assert.Equal($"copycat:{copied.Uid}", copycatArgs[copycatArgs.ToList().IndexOf("--model") + 1]);
        var validatorArgs = LocalnetCommand.ChildArguments(validators[1], network, lineup, options, "ws://127.0.0.1:1");
        Assert.Equal(["validator", "run", "--wallet", "validator2", "--hotkey", "default", "--netuid", "2"], validatorArgs.Take(8));
        Assert.Contains("--no-prompt", validatorArgs);

        // Running it again on the same chain reuses the wallets (same keys) but cannot register them twice.
        var again = new LocalnetSetup(client, wallets, _ => { });
        await Assert.ThrowsAsync<InvalidOperationException>(() => again.RunAsync(lineup, new LocalnetChainSettings(), CancellationToken.None));
    }
}
