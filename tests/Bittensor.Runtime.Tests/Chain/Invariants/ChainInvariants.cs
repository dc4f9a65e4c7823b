using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Tests.Chain.Invariants;

/// <summary>The bookkeeping laws every state must keep (chain spec §1.3–1.4, §2.2).</summary>
public static class ChainInvariants
{
    public static void Check(ChainRuntime runtime)
    {
        var s = runtime.Subtensor.S;
        var free = UInt128.Zero;
        foreach (var (_, info) in runtime.System.Account.Entries())
        {
            Assert.True(info.Free == 0 || info.Free >= Balances.BalancesModule.ExistentialDeposit, $"an account holds {info.Free} rao, below the existential deposit");
            free += info.Free;
        }

        Assert.Equal(free, (UInt128)runtime.Balances.TotalIssuance.Get());

        var stake = UInt128.Zero;
        var perHotkey = new SortedDictionary<string, UInt128>(StringComparer.Ordinal);
        var perColdkey = new SortedDictionary<string, UInt128>(StringComparer.Ordinal);
        foreach (var (hotkey, coldkey, amount) in s.Stake.All())
        {
            stake += amount;
            perHotkey[hotkey.ToHex()] = perHotkey.GetValueOrDefault(hotkey.ToHex()) + amount;
            perColdkey[coldkey.ToHex()] = perColdkey.GetValueOrDefault(coldkey.ToHex()) + amount;
        }

        Assert.Equal(stake, (UInt128)s.TotalStake.Get());
        foreach (var (hotkey, total) in s.TotalHotkeyStake.Entries())
        {
            Assert.Equal(perHotkey.GetValueOrDefault(hotkey.ToHex()), (UInt128)total);
        }

        foreach (var (coldkey, total) in s.TotalColdkeyStake.Entries())
        {
            Assert.Equal(perColdkey.GetValueOrDefault(coldkey.ToHex()), (UInt128)total);
        }

        var locked = UInt128.Zero;
        foreach (var (_, amount) in s.SubnetLocked.Entries())
        {
            locked += amount;
        }

        Assert.Equal(free + stake + locked, (UInt128)s.TotalIssuance.Get());
        Assert.True(s.TotalIssuance.Get() <= Runtime.Subtensor.EmissionSchedule.TotalSupply);
    }

    /// <summary>Every state entry, in key order, as text (to compare states).</summary>
    public static string Snapshot(InMemoryKeyValueStore store) =>
        string.Join(';', store.All().Select(kv => Convert.ToHexString(kv.Key) + "=" + Convert.ToHexString(kv.Value)));
}
