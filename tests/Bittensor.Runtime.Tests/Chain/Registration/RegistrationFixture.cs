using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;
using Bittensor.Runtime.Subtensor.Registration;

namespace Bittensor.Runtime.Tests.Chain.Registration;

/// <summary>
/// A test chain with subnets created directly through storage, blocks advanced without the block step (only the
/// per-block registration counter is reset, as §4.7's last line does), and helpers to build seals and to check
/// that a failing call leaves state untouched.
/// </summary>
internal sealed class RegistrationFixture
{
    public RegistrationFixture(ulong startBlock = 100)
    {
        Chain = new TestChain();
        while (Chain.Block < startBlock)
        {
            Advance();
        }
    }

    public TestChain Chain { get; }

    public SubtensorModule M => Chain.Runtime.Subtensor;

    public SubtensorStorage S => M.S;

    public ulong Block => Chain.Block;

    /// <summary>The hash the fixture records for block <paramref name="n"/> (known once block n+1 starts).</summary>
    public static byte[] HashOfBlock(ulong n)
    {
        var h = new byte[32];
        BitConverter.TryWriteBytes(h, n);
        h[30] = 0x5E;
        h[31] = 0xA1;
        return h;
    }

    /// <summary>Starts the next block: records the parent hash and resets every subnet's per-block registration count.</summary>
    public void Advance()
    {
        var next = Chain.Block + 1;
        Chain.Runtime.State.ClearEvents();
        Chain.Runtime.System.Initialize(next, HashOfBlock(next - 1), next * 12_000);
        foreach (var netuid in Chain.Runtime.Subtensor.S.RegistrationsThisBlock.Keys())
        {
            Chain.Runtime.Subtensor.S.RegistrationsThisBlock.Set(netuid, 0);
        }
    }

    /// <summary>
    /// Creates subnet <paramref name="netuid"/> through storage with both registration paths enabled, difficulty 1
    /// (every seal passes the difficulty test), burn 1 TAO and room for <paramref name="maxUids"/> neurons.
    /// </summary>
    public void AddSubnet(ushort netuid, ushort maxUids = 4096, AccountId? owner = null)
    {
        S.NetworksAdded.Set(netuid, true);
        S.SubnetworkN.Set(netuid, 0);
        S.Tempo.Set(netuid, 99);
        S.MaxAllowedUids.Set(netuid, maxUids);
        S.NetworkPowRegistrationAllowed.Set(netuid, true);
        S.NetworkRegistrationAllowed.Set(netuid, true);
        S.Difficulty.Set(netuid, 1);
        S.MinDifficulty.Set(netuid, 1);
        S.MaxDifficulty.Set(netuid, 1);
        S.TargetRegistrationsPerInterval.Set(netuid, 2);
        S.MaxRegistrationsPerBlock.Set(netuid, 1);
        S.RegistrationsThisBlock.Set(netuid, 0);
        S.ImmunityPeriod.Set(netuid, 4096);
        S.TotalNetworks.Set((ushort)(S.TotalNetworks.Get() + 1));
        if (owner is { } o)
        {
            S.SubnetOwner.Set(netuid, o);
        }
    }

    /// <summary>The seal of <paramref name="nonce"/> for <paramref name="key"/> on a block whose hash is <paramref name="hash"/>.</summary>
    public static byte[] Seal(byte[] hash, ulong nonce, AccountId key) => RegistrationSeal.Create(hash, nonce, key);

    /// <summary>A register call with a valid seal computed on <paramref name="workBlock"/> (default: b−1).</summary>
    public SubtensorCall.Register RegisterCall(ushort netuid, AccountId hotkey, AccountId coldkey, ulong? workBlock = null, ulong nonce = 7)
    {
        var wb = workBlock ?? Block - 1;
        var hash = wb == Block ? new byte[32] : HashOfBlock(wb);
        return new SubtensorCall.Register(netuid, wb, nonce, Seal(hash, nonce, hotkey), hotkey, coldkey);
    }

    public DispatchError? Register(ushort netuid, AccountId hotkey, AccountId coldkey) =>
        Chain.Signed(hotkey, RegisterCall(netuid, hotkey, coldkey));

    public DispatchError? BurnedRegister(ushort netuid, AccountId hotkey, AccountId coldkey) =>
        Chain.Signed(coldkey, new SubtensorCall.BurnedRegister(netuid, hotkey));

    /// <summary>Burned registration on subnet 1 by a freshly funded coldkey (account 21, 10 TAO).</summary>
    public DispatchError? BurnedRegisterFunded(AccountId hotkey)
    {
        var coldkey = TestChain.Account(21);
        Chain.Fund(coldkey, 10_000_000_000);
        return BurnedRegister(1, hotkey, coldkey);
    }

    /// <summary>Dispatches <paramref name="call"/>, expects the named error, and checks that state and events are unchanged.</summary>
    public void AssertFailsUnchanged(Origin origin, RuntimeCall call, string module, string error)
    {
        var before = Snapshot();
        var events = Chain.Events.Count;
        var result = Chain.Dispatch(origin, call);
        Assert.NotNull(result);
        Assert.Equal((module, error), (result.Module, result.Name));
        Assert.Equal(before, Snapshot());
        Assert.Equal(events, Chain.Events.Count);
    }

    public void AssertSubtensorError(Origin origin, RuntimeCall call, SubtensorError error) =>
        AssertFailsUnchanged(origin, call, SubtensorModule.Module, error.ToString());

    public List<string> Snapshot() =>
        Chain.Store.All().Select(kv => Convert.ToHexString(kv.Key) + "=" + Convert.ToHexString(kv.Value)).ToList();

    public List<SubtensorEvent> SubtensorEvents() => Chain.Events.OfType<SubtensorEvent>().ToList();
}
