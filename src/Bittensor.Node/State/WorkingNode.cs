using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.State;

/// <summary>
/// A trie node while a batch of changes is applied. It starts as a stub that only knows its hash and is decoded from
/// the store when the walk reaches it; a node that a change touched loses its hash (dirty) until the batch is
/// committed. <see cref="Children"/> is null for a leaf.
/// </summary>
internal sealed class WorkingNode
{
    private WorkingNode(Hash32? hash, bool loaded, byte[] partial, byte[]? value, WorkingNode?[]? children)
    {
        Hash = hash;
        Loaded = loaded;
        Partial = partial;
        Value = value;
        Children = children;
    }

    /// <summary>The hash of the node's encoding; null while the node differs from what the store holds.</summary>
    public Hash32? Hash { get; set; }

    public bool Loaded { get; set; }

    /// <summary>The partial key, one nibble per byte.</summary>
    public byte[] Partial { get; set; }

    public byte[]? Value { get; set; }

    public WorkingNode?[]? Children { get; set; }

    public bool IsDirty => Hash is null;

    public static WorkingNode Stub(Hash32 hash) => new(hash, false, [], null, null);

    public static WorkingNode NewLeaf(byte[] partial, byte[] value) => new(null, true, partial, value, null);

    public static WorkingNode NewBranch(byte[] partial) => new(null, true, partial, null, new WorkingNode?[16]);
}
