namespace Bittensor.Primitives.Trie;

/// <summary>
/// A decoded state-trie node. <see cref="PartialKey"/> holds nibbles (one per byte); <see cref="Children"/> has
/// sixteen slots for a branch (null where no child; otherwise the 32-byte hash of the child's encoding) and none for
/// the other kinds.
/// </summary>
public sealed class TrieNode
{
    private static readonly byte[]?[] NoChildren = [];

    private TrieNode(TrieNodeKind kind, byte[] partialKey, byte[]? value, byte[]?[] children)
    {
        Kind = kind;
        PartialKey = partialKey;
        Value = value;
        Children = children;
    }

    public static TrieNode Empty { get; } = new(TrieNodeKind.Empty, [], null, NoChildren);

    public TrieNodeKind Kind { get; }

    public ReadOnlyMemory<byte> PartialKey { get; }

    public byte[]? Value { get; }

    public IReadOnlyList<byte[]?> Children { get; }

    public static TrieNode Leaf(byte[] partialKey, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(partialKey);
        ArgumentNullException.ThrowIfNull(value);
        return new(TrieNodeKind.Leaf, partialKey, value, NoChildren);
    }

    public static TrieNode Branch(byte[] partialKey, byte[]? value, byte[]?[] children)
    {
        ArgumentNullException.ThrowIfNull(partialKey);
        ArgumentNullException.ThrowIfNull(children);
        if (children.Length != 16)
        {
            throw new ArgumentException($"A branch has 16 child slots, got {children.Length}.", nameof(children));
        }

        return new(TrieNodeKind.Branch, partialKey, value, children);
    }
}
