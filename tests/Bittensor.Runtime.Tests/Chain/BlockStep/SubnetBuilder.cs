using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.BlockStep;

/// <summary>
/// Builds subnets, neurons and stake directly in storage (no calls), keeping the issuance counters consistent:
/// every stake created here is also added to <c>TotalIssuance</c>.
/// </summary>
public sealed class SubnetBuilder(TestChain chain)
{
    public TestChain Chain { get; } = chain;

    public SubtensorModule Module => Chain.Runtime.Subtensor;

    public SubtensorStorage S => Module.S;

    /// <summary>Creates netuid with the given tempo (and owner, if any) and permissive epoch parameters.</summary>
    public SubnetBuilder Network(ushort netuid, ushort tempo, AccountId? owner = null, ulong emissionPerBlock = 0)
    {
        S.NetworksAdded.Set(netuid, true);
        S.Tempo.Set(netuid, tempo);
        S.SubnetworkN.Set(netuid, S.SubnetworkN.Get(netuid));
        S.TotalNetworks.Set((ushort)(S.TotalNetworks.Get() + 1));
        S.MaxAllowedUids.Set(netuid, 4096);
        S.MaxAllowedValidators.Set(netuid, 64);
        S.NetworkRegisteredAt.Set(netuid, Chain.Block);
        S.EmissionValues.Set(netuid, emissionPerBlock);
        if (owner is { } o)
        {
            S.SubnetOwner.Set(netuid, o);
        }

        return this;
    }

    /// <summary>Registers <paramref name="hotkey"/> (owned by <paramref name="coldkey"/>) at the next uid with its owner's stake.</summary>
    public ushort Neuron(ushort netuid, AccountId hotkey, AccountId coldkey, ulong stake)
    {
        Module.CreateAccountIfNonExistent(coldkey, hotkey);
        var uid = Module.AppendNeuron(netuid, hotkey, Chain.Block);
        AddStake(coldkey, hotkey, stake);
        return uid;
    }

    /// <summary>Adds stake (and the same amount to the issuance, as if it came from a staked balance).</summary>
    public void AddStake(AccountId coldkey, AccountId hotkey, ulong stake)
    {
        Module.IncreaseStake(coldkey, hotkey, stake);
        S.TotalIssuance.Set(S.TotalIssuance.Get() + stake);
    }

    /// <summary>Stores a weight row for uid as <c>set_weights</c> would, with LastUpdate = the current block.</summary>
    public void Weights(ushort netuid, ushort uid, params (ushort Target, ushort Weight)[] row)
    {
        S.Weights.Set(netuid, uid, row);
        SubtensorModule.SetAt(S.LastUpdate, netuid, uid, Chain.Block);
    }

    public static AccountId Hot(int n) => TestChain.Account(1000 + n);

    public static AccountId Cold(int n) => TestChain.Account(2000 + n);
}
