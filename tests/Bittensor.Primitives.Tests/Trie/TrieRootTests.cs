using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Trie;

namespace Bittensor.Primitives.Tests.Trie;

/// <summary>The from-scratch root and the ordered root of a list, against tries assembled node by node.</summary>
public sealed class TrieRootTests
{
    [Fact]
    public void ComputeRoot_OneEntry_IsALeafWithTheWholePath()
    {
        var expected = Hashes.Blake2b256(TrieNodeCodec.EncodeLeaf([0x1, 0x2, 0x3, 0x4], [9]));
        Assert.Equal(expected, TrieRoot.ComputeRoot([new([0x12, 0x34], [9])]));
    }

    [Fact]
    public void ComputeRoot_PrefixKeyAndSiblings_IsTheHandBuiltTrie()
    {
        // 12 -> a, 1234 -> b, 1256 -> c: a branch at nibbles 1 2 holding a, children 3 (leaf "4") and 5 (leaf "6").
        var children = new byte[]?[16];
        children[3] = Hashes.Blake2b256(TrieNodeCodec.EncodeLeaf([4], [0xB]));
        children[5] = Hashes.Blake2b256(TrieNodeCodec.EncodeLeaf([6], [0xC]));
        var expected = Hashes.Blake2b256(TrieNodeCodec.EncodeBranch([1, 2], [0xA], children));
        Assert.Equal(expected, TrieRoot.ComputeRoot([new([0x12, 0x56], [0xC]), new([0x12], [0xA]), new([0x12, 0x34], [0xB])]));
    }

    [Fact]
    public void OrderedRoot_IsTheTrieOfCompactIndexes()
    {
        Assert.Equal(TrieNodeCodec.EmptyRoot(), TrieRoot.OrderedRoot([]));

        // compact(0) = 00: one leaf over nibbles 0 0.
        Assert.Equal(Hashes.Blake2b256(TrieNodeCodec.EncodeLeaf([0, 0], [7, 7])), TrieRoot.OrderedRoot([[7, 7]]));

        // Past 63 the index takes two bytes: compact(i) = (i << 2 | 1) as u16 little-endian.
        var items = Enumerable.Range(0, 300).Select(i => new[] { (byte)i, (byte)(i >> 8) }).ToList();
        var entries = items.Select((item, i) => new KeyValuePair<byte[], byte[]>(
            i < 64 ? [(byte)(i << 2)] : [(byte)((i << 2) | 1), (byte)(i >> 6)],
            item));
        Assert.Equal(TrieRoot.ComputeRoot(entries), TrieRoot.OrderedRoot(items));

        // Order matters, and so does every item.
        var swapped = items.ToList();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        Assert.NotEqual(TrieRoot.OrderedRoot(items), TrieRoot.OrderedRoot(swapped));
        Assert.NotEqual(TrieRoot.OrderedRoot(items), TrieRoot.OrderedRoot(items.Take(299).ToList()));
        Assert.NotEqual(TrieRoot.OrderedRoot([[1], []]), TrieRoot.OrderedRoot([[1]]));
        Assert.Throws<ArgumentException>(() => TrieRoot.OrderedRoot([[1], null!]));
    }

    [Fact]
    public void ComputeRoot_RejectsDuplicatesAndNulls()
    {
        Assert.Throws<ArgumentException>(() => TrieRoot.ComputeRoot([new([], [1]), new([], [1])]));
        Assert.Throws<ArgumentNullException>(() => TrieRoot.ComputeRoot([new([1], null!)]));
    }
}
