using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;
using Bittensor.Primitives.Trie;

namespace Bittensor.Primitives.Blocks;

/// <summary>
/// A block: its header and its transactions, each as the exact bytes that were signed and submitted. SCALE: the
/// header, then a vector of byte vectors. The header's extrinsics root commits to the transactions
/// (<see cref="ExtrinsicsRoot"/>).
/// </summary>
public sealed record Block(BlockHeader Header, IReadOnlyList<byte[]> Transactions)
{
    /// <summary>The block hash (the header's hash).</summary>
    public Hash32 Hash() => Header.Hash();

    /// <summary>The commitment to an ordered list of transactions: the trie root of index (compact) → bytes.</summary>
    public static Hash32 ExtrinsicsRoot(IReadOnlyList<byte[]> transactions) => new(TrieRoot.OrderedRoot(transactions));

    /// <summary>Whether the header's extrinsics root matches the transactions.</summary>
    public bool HasValidExtrinsicsRoot() => Header.ExtrinsicsRoot == ExtrinsicsRoot(Transactions);

    public byte[] Encode()
    {
        var w = new ScaleWriter(256 + Transactions.Sum(t => t.Length + 5));
        Header.Write(w);
        w.WriteCompact((ulong)Transactions.Count);
        foreach (var tx in Transactions)
        {
            w.WriteBytes(tx);
        }

        return w.ToArray();
    }

    public static Block Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var header = BlockHeader.Read(ref reader);
        var count = reader.ReadLength(1, "transactions");
        var transactions = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            transactions[i] = reader.ReadBytes("transaction");
        }

        reader.EnsureEnd("block");
        return new Block(header, transactions);
    }
}
