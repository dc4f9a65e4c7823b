using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Staking;

/// <summary>
/// Builds subnets, hotkeys and neurons straight through storage (the registration and network calls are tested
/// elsewhere), and checks that a failing call leaves the state as it was.
/// </summary>
internal static class ChainSetup
{
    /// <summary>Marks <paramref name="netuid"/> as existing with the weight parameters a new subnet gets (root: those of §7.1).</summary>
    public static void AddNetwork(TestChain chain, ushort netuid)
    {
        var s = chain.Runtime.Subtensor.S;
        s.NetworksAdded.Set(netuid, true);
        s.TotalNetworks.Set((ushort)(s.TotalNetworks.Get() + 1));
        s.MinAllowedWeights.Set(netuid, netuid == 0 ? (ushort)0 : (ushort)1);
        s.MaxWeightsLimit.Set(netuid, ushort.MaxValue);
    }

    /// <summary>Makes <paramref name="coldkey"/> the owner of <paramref name="hotkey"/> without registering it anywhere.</summary>
    public static void OwnHotkey(TestChain chain, AccountId coldkey, AccountId hotkey) =>
        chain.Runtime.Subtensor.CreateAccountIfNonExistent(coldkey, hotkey);

    /// <summary>Appends <paramref name="hotkey"/> (owned by <paramref name="coldkey"/>) to the subnet at the current block.</summary>
    public static ushort Register(TestChain chain, ushort netuid, AccountId hotkey, AccountId coldkey)
    {
        OwnHotkey(chain, coldkey, hotkey);
        return chain.Runtime.Subtensor.AppendNeuron(netuid, hotkey, chain.Block);
    }

    public static DispatchError Err(SubtensorError error) =>
        new(ModuleIndex.Subtensor, (byte)error, SubtensorModule.Module, error.ToString());

    /// <summary>Every key and value of the store, hex encoded, in key order.</summary>
    public static List<string> Snapshot(TestChain chain) =>
        [.. chain.Store.All().Select(kv => Convert.ToHexString(kv.Key) + "=" + Convert.ToHexString(kv.Value))];

    /// <summary>Dispatches <paramref name="call"/>, expects <paramref name="error"/>, and that neither state nor events changed.</summary>
    public static void AssertFails(TestChain chain, AccountId signer, RuntimeCall call, SubtensorError error)
    {
        var before = Snapshot(chain);
        var events = chain.Events.Count;
        Assert.Equal(Err(error), chain.Signed(signer, call));
        Assert.Equal(before, Snapshot(chain));
        Assert.Equal(events, chain.Events.Count);
    }

    public static void AssertOk(TestChain chain, AccountId signer, RuntimeCall call) => Assert.Null(chain.Signed(signer, call));
}
