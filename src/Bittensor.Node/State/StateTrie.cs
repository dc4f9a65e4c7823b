using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Trie;

namespace Bittensor.Node.State;

/// <summary>
/// The state root: a base-16 Patricia trie over all state entries (raw key bytes, walked nibble by nibble, to value
/// bytes), with path compression (leaves and branches carry a partial key; there are no separate extension nodes).
/// Node encoding and hashing are defined once in <see cref="TrieNodeCodec"/>; values are always inline in their node.
/// <para>
/// <see cref="Apply"/> loads only the nodes on the paths of the changed keys, rewrites those, and writes only the new
/// nodes to the store, so a block costs O(changed keys × depth) hashes. Old nodes stay in the store (nothing is
/// pruned), so an older root stays readable. The root depends only on the set of entries, not on the order or
/// batching of the changes that produced it.
/// </para>
/// </summary>
public sealed class StateTrie
{
    private static readonly byte[] EmptyNodeEncoding = TrieNodeCodec.EmptyNode.ToArray();
    private readonly ITrieNodeStore _store;

    public StateTrie(ITrieNodeStore store, Hash32 root)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        Root = root;
    }

    /// <summary>The root of the empty trie.</summary>
    public static Hash32 EmptyRoot { get; } = new(TrieNodeCodec.EmptyRoot());

    public Hash32 Root { get; private set; }

    /// <summary>
    /// Applies changes (a null value deletes the key; a later change to the same key wins), writes the new nodes and
    /// returns the new root. When a node the walk needs is missing from the store, throws and leaves
    /// <see cref="Root"/> as it was.
    /// </summary>
    public Hash32 Apply(IEnumerable<KeyValuePair<byte[], byte[]?>> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var root = Root == EmptyRoot ? null : WorkingNode.Stub(Root);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(key);
            var path = Nibbles.FromBytes(key);
            root = value is null ? Delete(root, path, 0) : Insert(root, path, 0, value);
        }

        Root = root is null ? EmptyRoot : Commit(root);
        return Root;
    }

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key) => TrieLookup.Lookup(Root.Bytes, key, Fetch).Value;

    /// <summary>A proof of the values (or absence) of <paramref name="keys"/> under <see cref="Root"/>.</summary>
    public ReadProof Prove(IEnumerable<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var nodes = new List<byte[]>();
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            TrieLookup.Lookup(Root.Bytes, key, Fetch, nodes.Add);
        }

        if (nodes.Count == 0)
        {
            nodes.Add(EmptyNodeEncoding);
        }

        return new ReadProof(nodes);
    }

    /// <summary>
    /// The root of a trie holding exactly <paramref name="allEntries"/>, built from scratch by a separate recursive
    /// construction over the sorted entries (it writes nothing); the check against which incremental roots are held.
    /// Throws on a repeated key.
    /// </summary>
    public static Hash32 ComputeRoot(IEnumerable<KeyValuePair<byte[], byte[]>> allEntries) =>
        new(TrieRoot.ComputeRoot(allEntries));

    private byte[] Fetch(byte[] hash)
    {
        var h = new Hash32(hash);
        if (h == EmptyRoot)
        {
            return EmptyNodeEncoding;
        }

        return _store.Get(h) ?? throw new InvalidOperationException($"State trie node {h} is missing from the store.");
    }

    private void Resolve(WorkingNode node)
    {
        if (node.Loaded)
        {
            return;
        }

        var decoded = TrieNodeCodec.Decode(Fetch(node.Hash!.Value.ToArray()));
        if (decoded.Kind == TrieNodeKind.Empty)
        {
            throw new InvalidOperationException($"State trie node {node.Hash} is the empty node below the root.");
        }

        node.Partial = decoded.PartialKey.ToArray();
        node.Value = decoded.Value;
        if (decoded.Kind == TrieNodeKind.Branch)
        {
            node.Children = new WorkingNode?[16];
            for (var i = 0; i < 16; i++)
            {
                if (decoded.Children[i] is { } child)
                {
                    node.Children[i] = WorkingNode.Stub(new Hash32(child));
                }
            }
        }

        node.Loaded = true;
    }

    private WorkingNode Insert(WorkingNode? node, byte[] path, int position, byte[] value)
    {
        if (node is null)
        {
            return WorkingNode.NewLeaf(path[position..], value);
        }

        Resolve(node);
        var rest = path.AsSpan(position);
        var partial = node.Partial;
        var common = Nibbles.CommonPrefix(partial, rest);
        if (common < partial.Length)
        {
            // The key leaves this node's partial key: a new branch takes the common part, the node moves below it.
            var branch = WorkingNode.NewBranch(partial[..common]);
            branch.Children![partial[common]] = node;
            node.Partial = partial[(common + 1)..];
            node.Hash = null;
            if (common == rest.Length)
            {
                branch.Value = value;
            }
            else
            {
                branch.Children[rest[common]] = WorkingNode.NewLeaf(rest[(common + 1)..].ToArray(), value);
            }

            return branch;
        }

        if (rest.Length == common)
        {
            if (node.Value is not null && node.Value.AsSpan().SequenceEqual(value))
            {
                return node;
            }

            node.Value = value;
            node.Hash = null;
            return node;
        }

        var index = rest[common];
        var children = node.Children ??= new WorkingNode?[16];
        var child = children[index];
        var updated = Insert(child, path, position + common + 1, value);
        if (ReferenceEquals(child, updated) && !updated.IsDirty)
        {
            return node;
        }

        children[index] = updated;
        node.Hash = null;
        return node;
    }

    private WorkingNode? Delete(WorkingNode? node, byte[] path, int position)
    {
        if (node is null)
        {
            return null;
        }

        Resolve(node);
        var rest = path.AsSpan(position);
        var partial = node.Partial;
        if (!rest.StartsWith(partial))
        {
            return node;
        }

        if (rest.Length == partial.Length)
        {
            if (node.Value is null)
            {
                return node;
            }

            node.Value = null;
            node.Hash = null;
            return Normalize(node);
        }

        var index = rest[partial.Length];
        if (node.Children?[index] is not { } child)
        {
            return node;
        }

        var updated = Delete(child, path, position + partial.Length + 1);
        if (ReferenceEquals(child, updated) && !updated.IsDirty)
        {
            return node;
        }

        node.Children[index] = updated;
        node.Hash = null;
        return Normalize(node);
    }

    /// <summary>
    /// Restores the shape rules after a removal: a node with neither value nor children disappears, one with a value
    /// and no children is a leaf, and a branch without a value and with one child merges into that child.
    /// </summary>
    private WorkingNode? Normalize(WorkingNode node)
    {
        var count = 0;
        var only = -1;
        if (node.Children is { } children)
        {
            for (var i = 0; i < 16; i++)
            {
                if (children[i] is not null)
                {
                    count++;
                    only = i;
                }
            }
        }

        if (count == 0)
        {
            node.Children = null;
            return node.Value is null ? null : node;
        }

        if (count > 1 || node.Value is not null)
        {
            return node;
        }

        var child = node.Children![only]!;
        Resolve(child);
        child.Partial = [.. node.Partial, (byte)only, .. child.Partial];
        child.Hash = null;
        return child;
    }

    private Hash32 Commit(WorkingNode node)
    {
        if (node.Hash is { } known)
        {
            return known;
        }

        byte[] encoded;
        if (node.Children is null)
        {
            encoded = TrieNodeCodec.EncodeLeaf(node.Partial, node.Value!);
        }
        else
        {
            var hashes = new byte[]?[16];
            for (var i = 0; i < 16; i++)
            {
                if (node.Children[i] is { } child)
                {
                    hashes[i] = Commit(child).ToArray();
                }
            }

            encoded = TrieNodeCodec.EncodeBranch(node.Partial, node.Value, hashes);
        }

        var hash = Hash32.Of(encoded);
        _store.Put(hash, encoded);
        node.Hash = hash;
        return hash;
    }
}
