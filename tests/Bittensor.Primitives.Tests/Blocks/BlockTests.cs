using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Scale;
using Bittensor.Primitives.Trie;

namespace Bittensor.Primitives.Tests.Blocks;

/// <summary>A block: round trip, its hash, and the extrinsics root that binds the transactions to the header.</summary>
public sealed class BlockTests
{
    private static readonly byte[][] Transactions = [[1, 2, 3], [], [.. Enumerable.Repeat((byte)0x5A, 300)], [4]];

    private static Block Make(IReadOnlyList<byte[]> transactions) =>
        new(
            (BlockHeaderTests.Unsigned() with { ExtrinsicsRoot = Block.ExtrinsicsRoot(transactions) }).SignedBy(DevAccounts.Alice),
            transactions);

    [Fact]
    public void EncodeDecode_RoundTrips()
    {
        foreach (var transactions in new[] { Transactions, [] })
        {
            var block = Make(transactions);
            var encoded = block.Encode();
            var decoded = Block.Decode(encoded);
            Assert.Equal(block.Header, decoded.Header);
            Assert.Equal(block.Transactions, decoded.Transactions);
            Assert.Equal(encoded, decoded.Encode());
            Assert.Equal(block.Header.Encode(), encoded[..block.Header.Encode().Length]);
            Assert.True(decoded.HasValidExtrinsicsRoot());
            Assert.True(decoded.Header.HasValidSignature());
            Assert.Throws<ScaleFormatException>(() => Block.Decode([.. encoded, 0]));
            Assert.Throws<ScaleFormatException>(() => Block.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        }
    }

    [Fact]
    public void Hash_IsTheHeaderHash()
    {
        var block = Make(Transactions);
        Assert.Equal(block.Header.Hash(), block.Hash());
    }

    [Fact]
    public void ExtrinsicsRoot_IsTheOrderedRoot_AndBindsEveryTransaction()
    {
        Assert.Equal(TrieRoot.OrderedRoot(Transactions), Block.ExtrinsicsRoot(Transactions).ToArray());
        Assert.Equal(TrieNodeCodec.EmptyRoot(), Block.ExtrinsicsRoot([]).ToArray());

        var block = Make(Transactions);
        Assert.True(block.HasValidExtrinsicsRoot());

        var changed = Transactions.Select(t => (byte[])t.Clone()).ToArray();
        changed[2][150] ^= 1;
        var dropped = Transactions[..^1];
        var added = (byte[][])[.. Transactions, []];
        var reordered = (byte[][])[Transactions[1], Transactions[0], Transactions[2], Transactions[3]];
        foreach (var other in new[] { changed, dropped, added, reordered })
        {
            Assert.False((block with { Transactions = other }).HasValidExtrinsicsRoot());
        }

        // A header committing to other transactions.
        Assert.False(new Block(BlockHeaderTests.Unsigned(), Transactions).HasValidExtrinsicsRoot());
    }
}
