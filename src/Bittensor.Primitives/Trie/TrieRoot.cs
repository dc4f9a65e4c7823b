namespace Bittensor.Primitives.Trie;

/// <summary>
/// Builds a trie root from a complete list of entries in one recursive pass over them sorted, independently of any
/// incremental update (the node's state trie is checked against it): the common prefix of a sorted range is the
/// common prefix of its first and last key; the key equal to it (if any) is the branch value; the rest split by their
/// next nibble.
/// </summary>
public static class TrieRoot
{
    /// <summary>The root of a trie holding exactly <paramref name="allEntries"/>; throws on a repeated key.</summary>
    public static byte[] ComputeRoot(IEnumerable<KeyValuePair<byte[], byte[]>> allEntries)
    {
        ArgumentNullException.ThrowIfNull(allEntries);
        var entries = new List<(byte[] Path, byte[] Value)>();
        foreach (var (key, value) in allEntries)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            entries.Add((Nibbles.FromBytes(key), value));
        }

        entries.Sort((a, b) => a.Path.AsSpan().SequenceCompareTo(b.Path));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i - 1].Path.AsSpan().SequenceEqual(entries[i].Path))
            {
                throw new ArgumentException("A key appears twice among the entries.", nameof(allEntries));
            }
        }

        return entries.Count == 0 ? TrieNodeCodec.EmptyRoot() : Build(entries, 0, entries.Count, 0);
    }

    /// <summary>
    /// The root of an ordered list (a block's transactions): the trie whose keys are the SCALE compact encodings of
    /// the indexes 0, 1, 2, … and whose values are the items.
    /// </summary>
    public static byte[] OrderedRoot(IReadOnlyList<byte[]> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var entries = new KeyValuePair<byte[], byte[]>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var key = new Scale.ScaleWriter(5);
            key.WriteCompact((ulong)i);
            entries[i] = new(key.ToArray(), items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items)));
        }

        return ComputeRoot(entries);
    }

    private static byte[] Build(List<(byte[] Path, byte[] Value)> entries, int from, int to, int depth)
    {
        if (to - from == 1)
        {
            return Hash(TrieNodeCodec.EncodeLeaf(entries[from].Path.AsSpan(depth), entries[from].Value));
        }

        var first = entries[from].Path.AsSpan(depth);
        var last = entries[to - 1].Path.AsSpan(depth);
        var common = Nibbles.CommonPrefix(first, last);
        var split = depth + common;
        byte[]? value = null;
        var start = from;
        if (entries[from].Path.Length == split)
        {
            value = entries[from].Value;
            start++;
        }

        var children = new byte[]?[16];
        while (start < to)
        {
            var nibble = entries[start].Path[split];
            var end = start + 1;
            while (end < to && entries[end].Path[split] == nibble)
            {
                end++;
            }

            children[nibble] = Build(entries, start, end, split + 1);
            start = end;
        }

        return Hash(TrieNodeCodec.EncodeBranch(first[..common], value, children));
    }

    private static byte[] Hash(byte[] encoded) => TrieNodeCodec.Hash(encoded);
}
