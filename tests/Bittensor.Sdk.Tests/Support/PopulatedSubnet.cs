using System.Buffers.Binary;
using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Hosting;
using Bittensor.Node.Pool;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;

namespace Bittensor.Testing;

/// <summary>
/// A real development node whose subnet 1 is full: <see cref="Neurons"/> hotkeys registered by burn, each from its
/// own funded coldkey, every one serving an axon, the first few staked (different amounts), and
/// after two epochs the validators with a permit setting weights on every uid, so ranks, trust, incentive, bonds and
/// the rest are the runtime's own. Everything goes through signed transactions in the node's pool and authored
/// blocks, as on a live chain (only faster: blocks are sealed on demand).
/// </summary>
internal sealed class PopulatedSubnet : IAsyncDisposable
{
    public const ushort Netuid = 1;
    private const ulong Tao = 1_000_000_000;
    private const ushort Tempo = 4;

    private readonly string _dir;

    private PopulatedSubnet(string dir, NodeHost node, Ed25519KeyPair[] coldkeys, Ed25519KeyPair[] hotkeys)
    {
        _dir = dir;
        Node = node;
        Coldkeys = coldkeys;
        Hotkeys = hotkeys;
    }

    public NodeHost Node { get; }

    public IReadOnlyList<Ed25519KeyPair> Coldkeys { get; }

    public IReadOnlyList<Ed25519KeyPair> Hotkeys { get; }

    public int Neurons => Hotkeys.Count;

    public Uri WebSocketEndpoint => new($"ws://127.0.0.1:{Node.RpcPort}/");

    /// <summary>
    /// Starts a node in a temporary directory and fills subnet 1 with <paramref name="neurons"/> neurons, of which
    /// <paramref name="stakers"/> are staked and <paramref name="validators"/> may hold a permit.
    /// </summary>
    public static async Task<PopulatedSubnet> StartAsync(int neurons, int stakers, int validators)
    {
        if (neurons is < 2 or > ushort.MaxValue || stakers < 1 || stakers > neurons || validators < 1 || validators > neurons)
        {
            throw new ArgumentOutOfRangeException(nameof(neurons), $"need 2 ≤ neurons ≤ 65535 and 1 ≤ stakers, validators ≤ neurons (got {neurons}, {stakers}, {validators}).");
        }

        var coldkeys = Keys(neurons, 0xC0);
        var hotkeys = Keys(neurons, 0x40);
        var dev = ChainSpecPresets.Dev();
        var spec = dev with
        {
            Id = "populated",
            Genesis = dev.Genesis with
            {
                Balances = [.. dev.Genesis.Balances, .. coldkeys.Select(k => Fund(k, 1_000 * Tao)), .. hotkeys.Select(k => Fund(k, 10 * Tao))],
                Subnets =
                [
                    new GenesisSubnet
                    {
                        Netuid = Netuid,
                        Owner = Ss58.Encode(DevAccounts.Alice.PublicKey),
                        Hyperparameters = new Dictionary<string, ulong>
                        {
                            ["tempo"] = Tempo,
                            ["max_allowed_uids"] = (ulong)neurons,
                            ["max_allowed_validators"] = (ulong)validators,
                            ["max_regs_per_block"] = (ulong)Math.Min(neurons, ushort.MaxValue),
                            ["target_regs_per_interval"] = 21_845,
                            ["adjustment_interval"] = 1_000,
                            ["network_registration_allowed"] = 1,
                            ["burn"] = 1_000,
                            ["min_burn"] = 1_000,
                            ["immunity_period"] = 5_000,
                            ["weights_rate_limit"] = 0,
                            ["serving_rate_limit"] = 0,
                            ["min_allowed_weights"] = 1,
                            ["max_weights_limit"] = ushort.MaxValue,
                        },
                    },
                ],
            },
        };

        var dir = Directory.CreateTempSubdirectory("populated-subnet-").FullName;
        NodeHost? node = null;
        try
        {
            node = await NodeHost.StartAsync(new NodeOptions
            {
                Spec = spec,
                DataDirectory = dir,
                Rpc = new RpcServerOptions { Port = 0 },
                BlockTime = null,
                Author = DevAccounts.Alice,
                Pool = new PoolOptions(MaxTransactions: Math.Max(8192, 2 * neurons), MaxBytes: 256 << 20),
            });
            var subnet = new PopulatedSubnet(dir, node, coldkeys, hotkeys);
            subnet.Populate(stakers);
            return subnet;
        }
        catch
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }

            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Reads the node's state at its best block.</summary>
    public T Read<T>(Func<Bittensor.Runtime.ChainRuntime, T> query) => Node.Chain.Read(query);

    private void Populate(int stakers)
    {
        var n = Neurons;

        // Registration, one block.
        Include(Enumerable.Range(0, n).Select(i => (Coldkeys[i], (RuntimeCall)new SubtensorCall.BurnedRegister(Netuid, Hotkeys[i].PublicKey), 0UL)));
        var registered = Read(r => r.Subtensor.S.SubnetworkN.Get(Netuid));
        if (registered != n)
        {
            throw new InvalidOperationException($"only {registered} of {n} registrations went through.");
        }

        // Stake on the first hotkeys (different amounts, so the permits have an order) and an axon on every hotkey.
        Include(Enumerable.Range(0, stakers).Select(i => (Coldkeys[i], (RuntimeCall)new SubtensorCall.AddStake(Hotkeys[i].PublicKey, Tao + ((ulong)(stakers - i) * Tao / 10)), 1UL))
            .Concat(Enumerable.Range(0, n).Select(i => (Hotkeys[i], (RuntimeCall)new SubtensorCall.ServeAxon(
                Netuid, 7_003_001, (UInt128)(0x0A000000u + (uint)i + 1), (ushort)(8091 + (i % 1000)), 4, 4, 0, 0), 0UL))));

        // The next epoch hands out permits by stake; the permitted set weights over every uid; two more epochs make
        // ranks, trust, incentive, dividends and bonds from them.
        SealEpochs(1);
        var uids = Read(r => Enumerable.Range(0, n).Select(i => r.Subtensor.S.Uids.Get(Netuid, Hotkeys[i].PublicKey)).ToArray());
        var permit = Read(r => r.Subtensor.S.ValidatorPermit.Get(Netuid).ToArray());
        var dests = Enumerable.Range(0, n).Select(u => (ushort)u).ToArray();
        Include(Enumerable.Range(0, n).Where(i => uids[i] < permit.Length && permit[uids[i]]).Select(i =>
            (Hotkeys[i], (RuntimeCall)new SubtensorCall.SetWeights(Netuid, dests, [.. dests.Select(d => (ushort)(1 + ((d * 7919) + (i * 104729)) % 65_000))], 0), 1UL)));
        SealEpochs(2);
    }

    /// <summary>Authors blocks until the subnet's epoch has run <paramref name="count"/> more times.</summary>
    private void SealEpochs(int count)
    {
        var last = Read(r => r.Subtensor.S.LastMechanismStepBlock.Get(Netuid));
        for (var blocks = 0; count > 0; blocks++)
        {
            if (blocks > 2 * (Tempo + 1))
            {
                throw new InvalidOperationException("the subnet's epoch did not run.");
            }

            Node.SealNow();
            var now = Read(r => r.Subtensor.S.LastMechanismStepBlock.Get(Netuid));
            count -= now != last ? 1 : 0;
            last = now;
        }
    }

    private void Include(IEnumerable<(Ed25519KeyPair Signer, RuntimeCall Call, ulong Nonce)> transactions)
    {
        var identity = Node.Chain.Identity;
        var encoded = transactions.ToArray().AsParallel().AsOrdered()
            .Select(t => SignedTransaction.SignImmortal(t.Signer, t.Call, t.Nonce, identity).Encode()).ToArray();
        foreach (var body in encoded)
        {
            Node.Pool.Submit(body, Node.Validator);
        }

        for (var guard = 0; Node.Pool.Count > 0; guard++)
        {
            if (guard > 100)
            {
                throw new InvalidOperationException($"{Node.Pool.Count} transactions are still pending after 100 blocks.");
            }

            var block = Node.SealNow();
            if (block.Rejected.Count > 0)
            {
                throw new InvalidOperationException($"{block.Rejected.Count} transactions failed, the first: {block.Rejected[0]}");
            }
        }
    }

    private static GenesisBalance Fund(Ed25519KeyPair key, ulong rao) => new(Ss58.Encode(key.PublicKey), rao);

    /// <summary>Deterministic keys from seeds (no mnemonic derivation: thousands are needed).</summary>
    private static Ed25519KeyPair[] Keys(int count, byte tag) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var seed = new byte[Ed25519KeyPair.SeedSize];
            seed[0] = tag;
            BinaryPrimitives.WriteInt32LittleEndian(seed.AsSpan(1), i);
            return new Ed25519KeyPair(seed);
        })];
}
