using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Trie;

/// <summary>
/// A read proof: the encoded trie nodes on the paths from a root to some keys, enough to show each key's value or its
/// absence. The nodes are kept sorted and without duplicates, so equal sets encode equally. SCALE: a vector of byte
/// vectors.
/// </summary>
public sealed class ReadProof
{
    private readonly byte[][] _nodes;

    public ReadProof(IEnumerable<byte[]> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var sorted = new List<byte[]>();
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node);
            sorted.Add(node);
        }

        sorted.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        var distinct = new List<byte[]>(sorted.Count);
        foreach (var node in sorted)
        {
            if (distinct.Count == 0 || !distinct[^1].AsSpan().SequenceEqual(node))
            {
                distinct.Add(node);
            }
        }

        _nodes = [.. distinct];
    }

    /// <summary>The encoded nodes, sorted bytewise.</summary>
    public IReadOnlyList<byte[]> Nodes => _nodes;

    public void Write(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteCompact((ulong)_nodes.Length);
        foreach (var node in _nodes)
        {
            writer.WriteBytes(node);
        }
    }

    public byte[] Encode()
    {
        var writer = new ScaleWriter();
        Write(writer);
        return writer.ToArray();
    }

    public static ReadProof Read(ref ScaleReader reader)
    {
        var count = reader.ReadLength(1, "proof nodes");
        var nodes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = reader.ReadBytes("proof node");
        }

        return new ReadProof(nodes);
    }

    public static ReadProof Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var proof = Read(ref reader);
        reader.EnsureEnd("read proof");
        return proof;
    }
}
