using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Tests.Storage;

public sealed class OverlayTests
{
    private static byte[] K(params byte[] b) => b;

    [Fact]
    public void ScanMergesOverlayAndParentInKeyOrder()
    {
        var store = new InMemoryKeyValueStore();
        store.Set(K(1, 1), K(10));
        store.Set(K(1, 3), K(30));
        store.Set(K(1, 5), K(50));
        store.Set(K(2, 0), K(99));
        var overlay = new StateOverlay(store);
        overlay.Set(K(1, 2), K(20));
        overlay.Remove(K(1, 3));
        overlay.Set(K(1, 5), K(55));
        overlay.Set(K(1, 6), K(60));

        var scanned = overlay.Scan(K(1)).Select(kv => (kv.Key[1], kv.Value[0])).ToArray();

        Assert.Equal([((byte)1, (byte)10), (2, 20), (5, 55), (6, 60)], scanned);
        Assert.Null(overlay.Get(K(1, 3)));
        Assert.Equal(K(30), store.Get(K(1, 3)));
    }

    [Fact]
    public void CommitAppliesAndDiscardDropsChanges()
    {
        var store = new InMemoryKeyValueStore();
        store.Set(K(7), K(1));
        var overlay = new StateOverlay(store);
        overlay.Set(K(8), K(2));
        overlay.Remove(K(7));
        overlay.Discard();
        Assert.Equal(K(1), store.Get(K(7)));
        Assert.Null(store.Get(K(8)));

        overlay.Set(K(8), K(2));
        overlay.Remove(K(7));
        overlay.Commit();
        Assert.Null(store.Get(K(7)));
        Assert.Equal(K(2), store.Get(K(8)));
        Assert.Equal(0, overlay.ChangeCount);
    }

    [Fact]
    public void PrefixScanStopsAtThePrefixEndIncludingFFBytes()
    {
        var store = new InMemoryKeyValueStore();
        store.Set(K(0xFF, 0xFF), K(1));
        store.Set(K(0xFF), K(2));
        store.Set(K(0xFE, 0xFF, 0x00), K(3));
        store.Set(K(0xFF, 0x00), K(4));

        Assert.Equal([K(0xFF), K(0xFF, 0x00), K(0xFF, 0xFF)], store.Scan(K(0xFF)).Select(kv => kv.Key).ToArray());
        Assert.Equal([K(0xFE, 0xFF, 0x00)], store.Scan(K(0xFE, 0xFF)).Select(kv => kv.Key).ToArray());
        Assert.Empty(store.Scan(K(0xFE, 0xFF, 0x01)));
    }

    [Fact]
    public void NestedLayersRollBackWritesAndEvents()
    {
        var state = new StateAccess(new InMemoryKeyValueStore());
        var value = new StorageValue<ulong>(state, "Test", "Value", Codecs.U64, 5);
        state.BeginTransaction();
        value.Set(6);
        state.BeginTransaction();
        value.Set(7);
        Assert.Equal(7UL, value.Get());
        state.Rollback();
        Assert.Equal(6UL, value.Get());
        state.Commit();
        Assert.Equal(6UL, value.Get());
        Assert.Equal(0, state.Depth);
    }

    /// <summary>Random operations on an overlay over a store agree with the same operations on a plain sorted map.</summary>
    [Fact]
    public void RandomOperationsMatchAReferenceMap()
    {
        var random = new Random(42);
        var store = new InMemoryKeyValueStore();
        var reference = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var round = 0; round < 20; round++)
        {
            var overlay = new StateOverlay(store);
            var pending = new SortedDictionary<byte[], byte[]>(reference, ByteArrayComparer.Instance);
            for (var op = 0; op < 200; op++)
            {
                var key = new byte[] { (byte)random.Next(4), (byte)random.Next(8) };
                if (random.Next(3) == 0)
                {
                    overlay.Remove(key);
                    pending.Remove(key);
                }
                else
                {
                    var v = new[] { (byte)random.Next(256) };
                    overlay.Set(key, v);
                    pending[key] = v;
                }

                var prefix = new[] { (byte)random.Next(4) };
                var expected = pending.Where(kv => kv.Key[0] == prefix[0]).Select(kv => Convert.ToHexString(kv.Key) + Convert.ToHexString(kv.Value));
                var actual = overlay.Scan(prefix).Select(kv => Convert.ToHexString(kv.Key) + Convert.ToHexString(kv.Value));
                Assert.Equal(expected, actual);
            }

            if (random.Next(2) == 0)
            {
                overlay.Commit();
                reference = pending;
            }
            else
            {
                overlay.Discard();
            }

            Assert.Equal(
                reference.Select(kv => Convert.ToHexString(kv.Key) + Convert.ToHexString(kv.Value)),
                store.All().Select(kv => Convert.ToHexString(kv.Key) + Convert.ToHexString(kv.Value)));
        }
    }
}
