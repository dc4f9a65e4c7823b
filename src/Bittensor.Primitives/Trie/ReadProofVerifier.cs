using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Trie;

/// <summary>Checks a <see cref="ReadProof"/> against a state root, without the state.</summary>
public static class ReadProofVerifier
{
    /// <summary>
    /// Whether <paramref name="proof"/> shows, under <paramref name="root"/> (32 bytes), the value of
    /// <paramref name="key"/> (<c>Value</c>) or its absence (<c>Value</c> null). <c>Ok</c> is false when a node on
    /// the key's path is missing from the proof (a node whose bytes were altered no longer has the hash its parent
    /// names, so it counts as missing) or a node is malformed; <c>Value</c> is then null. Nodes of the proof off the
    /// key's path are ignored, so one proof can serve several keys.
    /// </summary>
    public static (bool Ok, byte[]? Value) Verify(ReadOnlySpan<byte> root, ReadProof proof, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (root.Length != 32)
        {
            return (false, null);
        }

        var byHash = new Dictionary<string, byte[]>(proof.Nodes.Count, StringComparer.Ordinal);
        foreach (var node in proof.Nodes)
        {
            byHash[Convert.ToHexString(TrieNodeCodec.Hash(node))] = node;
        }

        try
        {
            var (complete, value) = TrieLookup.Lookup(
                root,
                key,
                hash => byHash.TryGetValue(Convert.ToHexString(hash), out var encoded) ? encoded : null);
            return complete ? (true, value) : (false, null);
        }
        catch (ScaleFormatException)
        {
            return (false, null);
        }
    }
}
