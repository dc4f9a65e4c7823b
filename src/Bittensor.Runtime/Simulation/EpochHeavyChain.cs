using Bittensor.Primitives.Accounts;

namespace Bittensor.Runtime.Simulation;

/// <summary>
/// Fills a runtime with a chain whose next block step runs the epoch of every subnet at once, for benchmarks of one block step:
/// <see cref="Populate"/> creates the subnets (each with a tempo chosen so that it fires at <see cref="EpochBlock"/>),
/// full neuron sets with stake, validator permits and weight rows, and leaves the chain one block before.
/// </summary>
public static class EpochHeavyChain
{
    /// <summary>The block whose step runs every subnet's epoch.</summary>
    public const ulong EpochBlock = 10;

    /// <summary>The hotkey of (netuid, uid): distinct for up to 65 535 subnets × 65 536 uids.</summary>
    public static AccountId Hotkey(ushort netuid, ushort uid) => Key(0x01, netuid, uid);

    /// <summary>The coldkey owning (netuid, uid)'s hotkey.</summary>
    public static AccountId Coldkey(ushort netuid, ushort uid) => Key(0x02, netuid, uid);

    /// <summary>
    /// Builds <paramref name="subnets"/> subnets (netuids 1..) of <paramref name="neurons"/> neurons each. The top
    /// <paramref name="validators"/> uids by stake hold permits and weight rows over <paramref name="weightsPerRow"/>
    /// targets. The chain is left at block <see cref="EpochBlock"/> − 1.
    /// </summary>
    public static void Populate(ChainRuntime runtime, int subnets = 32, int neurons = 256, int validators = 64, int weightsPerRow = 256)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subnets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neurons);
        var module = runtime.Subtensor;
        var s = module.S;
        runtime.System.Number.Set(EpochBlock - 1);
        for (var net = 1; net <= subnets; net++)
        {
            var netuid = (ushort)net;
            s.NetworksAdded.Set(netuid, true);
            s.TotalNetworks.Set((ushort)(s.TotalNetworks.Get() + 1));
            s.Tempo.Set(netuid, checked((ushort)(EpochBlock + netuid + 1)));
            s.MaxAllowedUids.Set(netuid, (ushort)Math.Min(neurons, ushort.MaxValue));
            s.MaxAllowedValidators.Set(netuid, (ushort)validators);
            s.EmissionValues.Set(netuid, 1_000_000);
            s.SubnetworkN.Set(netuid, (ushort)neurons);
            var permits = new bool[neurons];
            var lastUpdate = new ulong[neurons];
            for (var u = 0; u < neurons; u++)
            {
                var uid = (ushort)u;
                var hotkey = Hotkey(netuid, uid);
                var coldkey = Coldkey(netuid, uid);
                s.Keys.Set(netuid, uid, hotkey);
                s.Uids.Set(netuid, hotkey, uid);
                s.BlockAtRegistration.Set(netuid, uid, 0);
                s.IsNetworkMember.Set(hotkey, netuid, true);
                s.Owner.Set(hotkey, coldkey);
                var stake = 1_000_000_000UL * (ulong)(neurons - u);
                module.IncreaseStake(coldkey, hotkey, stake);
                s.TotalIssuance.Set(s.TotalIssuance.Get() + stake);
                permits[u] = u < validators;
                lastUpdate[u] = 1;
                if (u < validators)
                {
                    var row = new (ushort, ushort)[Math.Min(weightsPerRow, neurons)];
                    for (var k = 0; k < row.Length; k++)
                    {
                        var target = (ushort)((u + 1 + k) % neurons);
                        row[k] = (target, (ushort)(1 + (((u * 7919) + (target * 104_729)) % 65_535)));
                    }

                    s.Weights.Set(netuid, uid, row);
                }
            }

            s.Active.Set(netuid, Enumerable.Repeat(true, neurons).ToArray());
            s.LastUpdate.Set(netuid, lastUpdate);
            s.ValidatorPermit.Set(netuid, permits);
            foreach (var vector in new[] { s.Rank, s.Trust, s.Consensus, s.Incentive, s.Dividends, s.PruningScores, s.ValidatorTrust })
            {
                vector.Set(netuid, new ushort[neurons]);
            }

            s.Emission.Set(netuid, new ulong[neurons]);
        }
    }

    /// <summary>Runs the next block's step (the one in which every subnet's epoch fires).</summary>
    public static void RunNextBlockStep(ChainRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var next = runtime.System.Number.Get() + 1;
        runtime.System.Initialize(next, new byte[32], next * 12_000);
        runtime.Subtensor.BlockStep();
    }

    /// <summary>Runs the epoch block's step inside a storage layer and rolls it back, so it can be timed repeatedly.</summary>
    public static void RunEpochBlockAndRollBack(ChainRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var state = runtime.State;
        state.BeginTransaction();
        try
        {
            RunNextBlockStep(runtime);
        }
        finally
        {
            state.Rollback();
        }
    }

    private static AccountId Key(byte kind, ushort netuid, ushort uid)
    {
        var bytes = new byte[AccountId.Size];
        bytes[0] = (byte)uid;
        bytes[1] = (byte)(uid >> 8);
        bytes[2] = (byte)netuid;
        bytes[3] = (byte)(netuid >> 8);
        bytes[30] = kind;
        bytes[31] = 0xE7;
        return new AccountId(bytes);
    }
}
