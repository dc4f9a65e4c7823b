using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Root;

/// <summary>Shared setup for root-network and governance tests: a chain with the root network and helpers.</summary>
public static class RootFixture
{
    /// <summary>A chain at block 1 with the root network created as genesis does.</summary>
    public static TestChain NewChain()
    {
        var chain = new TestChain();
        chain.SetBlock(1);
        chain.Runtime.Subtensor.InitRootNetwork();
        return chain;
    }

    /// <summary>Lets root registrations and subnet creations happen back to back.</summary>
    public static void LiftLimits(TestChain chain)
    {
        var s = chain.Runtime.Subtensor.S;
        s.MaxRegistrationsPerBlock.Set(0, 1000);
        s.TargetRegistrationsPerInterval.Set(0, 1000);
        s.NetworkRateLimit.Set(0);
        s.SubnetLimit.Set(100);
    }

    /// <summary>Funds <paramref name="owner"/> and creates a subnet through register_network; returns its netuid.</summary>
    public static ushort AddSubnet(TestChain chain, AccountId owner)
    {
        chain.Fund(owner, chain.Runtime.Subtensor.NetworkLockCost() + 1_000_000);
        Assert.Null(chain.Signed(owner, new SubtensorCall.RegisterNetwork()));
        return chain.Events.OfType<SubtensorEvent.NetworkAdded>().Last().Netuid;
    }

    /// <summary>Gives <paramref name="hotkey"/> (owned by <paramref name="coldkey"/>) stake directly.</summary>
    public static void Stake(TestChain chain, AccountId coldkey, AccountId hotkey, ulong amount)
    {
        var m = chain.Runtime.Subtensor;
        m.CreateAccountIfNonExistent(coldkey, hotkey);
        m.IncreaseStake(coldkey, hotkey, amount);
    }

    /// <summary>Every key and value of the store, for before/after comparisons.</summary>
    public static List<(string Key, string Value)> Snapshot(TestChain chain) =>
        chain.Store.All().Select(kv => (Convert.ToHexString(kv.Key), Convert.ToHexString(kv.Value))).ToList();

    /// <summary>Runs a call that must fail with <paramref name="error"/> and checks it changed no state and left no event.</summary>
    public static void AssertFailsUnchanged(TestChain chain, Func<Framework.DispatchError?> call, string error)
    {
        ArgumentNullException.ThrowIfNull(call);
        var before = Snapshot(chain);
        var events = chain.Events.Count;
        var result = call();
        Assert.NotNull(result);
        Assert.Equal(error, result!.Name);
        Assert.Equal(before, Snapshot(chain));
        Assert.Equal(events, chain.Events.Count);
    }

    public static T[] EventsOf<T>(TestChain chain) => chain.Events.OfType<T>().ToArray();

    public static SubtensorModule M(TestChain chain) => chain.Runtime.Subtensor;
}
