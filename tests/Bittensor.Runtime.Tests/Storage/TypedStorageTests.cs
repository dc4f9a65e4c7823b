using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Tests.Storage;

public sealed class TypedStorageTests
{
    private static AccountId Acc(byte b)
    {
        var bytes = new byte[32];
        bytes[0] = b;
        return new AccountId(bytes);
    }

    [Fact]
    public void MapsReturnDefaultsAndIterateInEncodedKeyOrder()
    {
        var state = new StateAccess(new InMemoryKeyValueStore());
        var map = new StorageMap<ushort, ulong>(state, "Test", "Map", Codecs.U16, Codecs.U64, 9);
        Assert.Equal(9UL, map.Get(3));
        Assert.False(map.Contains(3));
        foreach (ushort k in new ushort[] { 256, 1, 0, 2 })
        {
            map.Set(k, k * 10UL);
        }

        // Little-endian u16 keys iterate by (low byte, high byte): 0, 256, 1, 2 (chain spec §0.4).
        Assert.Equal([(ushort)0, 256, 1, 2], map.Keys());
        map.Remove(256);
        Assert.Equal([(ushort)0, 1, 2], map.Keys());
    }

    [Fact]
    public void DoubleMapWalksAndClearsByFirstKey()
    {
        var state = new StateAccess(new InMemoryKeyValueStore());
        var map = new StorageDoubleMap<AccountId, ushort, bool>(state, "Test", "Double", Codecs.Account, Codecs.U16, Codecs.Bool, false);
        map.Set(Acc(2), 5, true);
        map.Set(Acc(1), 7, true);
        map.Set(Acc(1), 3, false);
        Assert.Equal([((ushort)3, false), (7, true)], map.Entries(Acc(1)));
        Assert.Equal(3, map.All().Count);
        map.RemovePrefix(Acc(1));
        Assert.Empty(map.Entries(Acc(1)));
        Assert.True(map.Get(Acc(2), 5));
    }

    [Fact]
    public void ItemsWithSimilarNamesDoNotShareKeys()
    {
        var state = new StateAccess(new InMemoryKeyValueStore());
        var a = new StorageMap<ushort, ushort>(state, "M", "Stake", Codecs.U16, Codecs.U16, 0);
        var b = new StorageMap<ushort, ushort>(state, "M", "StakeX", Codecs.U16, Codecs.U16, 0);
        a.Set(1, 1);
        b.Set(1, 2);
        Assert.Single(a.Entries());
        Assert.Equal((ushort)1, a.Get(1));
    }

    [Fact]
    public void CorruptValuesAreReportedNotMisread()
    {
        var store = new InMemoryKeyValueStore();
        var state = new StateAccess(store);
        var value = new StorageValue<ulong>(state, "Test", "V", Codecs.U64, 0);
        store.Set(value.Key, [1, 2, 3]);
        Assert.Throws<Primitives.Scale.ScaleFormatException>(() => value.Get());
    }
}
