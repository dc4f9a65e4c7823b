namespace Bittensor.Primitives.Trie;

/// <summary>
/// The walk from a root to a key, shared by the node (nodes from its store) and the proof verifier (nodes from a
/// proof), so both read the trie the same way.
/// </summary>
public static class TrieLookup
{
    /// <summary>
    /// Follows <paramref name="key"/> from <paramref name="root"/>. <paramref name="fetch"/> gives the encoding of the
    /// node with a hash, or null when it is not at hand; <paramref name="visit"/> sees each encoding used, in path
    /// order. <c>Complete</c> is false when a node on the path was not at hand; otherwise <c>Value</c> is the value
    /// (null when the key is absent). A malformed node throws <see cref="Scale.ScaleFormatException"/>.
    /// </summary>
    public static (bool Complete, byte[]? Value) Lookup(
        ReadOnlySpan<byte> root,
        ReadOnlySpan<byte> key,
        Func<byte[], byte[]?> fetch,
        Action<byte[]>? visit = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (root.Length != 32)
        {
            throw new ArgumentException($"A root is 32 bytes, got {root.Length}.", nameof(root));
        }

        var path = Nibbles.FromBytes(key);
        var position = 0;
        var hash = root.ToArray();
        while (true)
        {
            var encoded = fetch(hash);
            if (encoded is null)
            {
                return (false, null);
            }

            visit?.Invoke(encoded);
            var node = TrieNodeCodec.Decode(encoded);
            if (node.Kind == TrieNodeKind.Empty)
            {
                return (true, null);
            }

            var rest = path.AsSpan(position);
            var partial = node.PartialKey.Span;
            if (!rest.StartsWith(partial))
            {
                return (true, null);
            }

            if (rest.Length == partial.Length)
            {
                return (true, node.Value);
            }

            if (node.Kind == TrieNodeKind.Leaf || node.Children[rest[partial.Length]] is not { } child)
            {
                return (true, null);
            }

            position += partial.Length + 1;
            hash = child;
        }
    }
}
