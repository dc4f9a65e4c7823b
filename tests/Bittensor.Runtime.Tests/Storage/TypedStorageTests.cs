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
    public void KeysAndValuesEncodedInsideOtherEncodingsKeepTheirOwnBytes()
    {
        var state = new StateAccess(new InMemoryKeyValueStore());
        var names = new StorageMap<ushort, byte[]>(state, "Test", "Names", Codecs.U16, Codecs.Bytes, []);
        names.Set(1, [0xAA, 0xBB]);
        names.Set(2, [0xCC]);
        // A key codec that reads storage while the key is being written, and a value codec that encodes a whole
        // inner value (as a nested codec may): both use a writer while the outer one is half written.
        var keyCodec = new Nested<ushort>((w, k) =>
        {
            w.WriteU16(k);
            w.WriteBytes(names.Get(k));
        });
        var valueCodec = new Nested<ulong>((w, v) =>
        {
            w.WriteU64(v);
            w.WriteBytes(Codecs.Encode(Codecs.Bytes, new byte[(int)(v % 5000)]));
        });
        var map = new StorageMap<ushort, ulong>(state, "Test", "Outer", keyCodec, valueCodec, 0);
        map.Set(1, 4999);
        map.Set(2, 7);
        Assert.True(map.Contains(1));
        Assert.True(map.Contains(2));
        Assert.False(map.Contains(3));
        var expectedKey = new Bittensor.Primitives.Scale.ScaleWriter();
        expectedKey.WriteFixed(map.Prefix);
        expectedKey.WriteU16(1);
        expectedKey.WriteBytes([0xAA, 0xBB]);
        Assert.Equal(expectedKey.ToArray(), map.KeyOf(1));
        var stored = state.Store.Get(map.KeyOf(1))!;
        Assert.Equal(8 + 2 + 2 + 4999, stored.Length);
        Assert.Equal(4999UL, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(stored));
        Assert.Equal([0xCC], names.Get(2));
    }

    private sealed class Nested<T>(Action<Bittensor.Primitives.Scale.ScaleWriter, T> encode) : IScaleCodec<T>
    {
        public void Encode(Bittensor.Primitives.Scale.ScaleWriter writer, T value) => encode(writer, value);

        public T Decode(ref Bittensor.Primitives.Scale.ScaleReader reader) => throw new NotSupportedException("write-only test codec");
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
