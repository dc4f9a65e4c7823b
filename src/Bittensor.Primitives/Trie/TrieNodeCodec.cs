using System.Numerics;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Trie;

/// <summary>
/// The one definition of how state-trie nodes are encoded and hashed; the node and the light-client verifier both use
/// it. A node is addressed by the Blake2b-256 of its encoding.
/// <code>
/// node    := 0x00                                        the empty trie (root only)
///          | 0x01 partial value                          leaf
///          | 0x02 partial bitmap hash{popcount(bitmap)}  branch without a value (at least two children)
///          | 0x03 partial value bitmap hash{popcount}    branch with a value (at least one child)
/// partial := compact(nibble count) ++ nibbles packed two per byte, high half first, a final odd nibble padded with 0
/// value   := compact(length) ++ bytes
/// bitmap  := u16 little-endian, bit i set when child slot i is occupied
/// hash    := 32 bytes, Blake2b-256 of the child's encoding (children are never inlined)
/// </code>
/// Values are always stored inline in their node, whatever their size: a proof of a key therefore carries its value,
/// and a large value costs hashing only when the node holding it is rewritten. Decoding is strict: every node has
/// exactly one accepted encoding (zero padding, canonical compacts, the child counts above, no trailing bytes).
/// </summary>
public static class TrieNodeCodec
{
    private const byte EmptyTag = 0x00;
    private const byte LeafTag = 0x01;
    private const byte BranchTag = 0x02;
    private const byte BranchWithValueTag = 0x03;

    /// <summary>The encoding of the empty trie.</summary>
    public static ReadOnlySpan<byte> EmptyNode => [EmptyTag];

    /// <summary>The root hash of the empty trie: the hash of <see cref="EmptyNode"/>.</summary>
    public static byte[] EmptyRoot() => Hash(EmptyNode);

    /// <summary>The address of an encoded node.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> encoded) => Hashes.Blake2b256(encoded);

    public static byte[] EncodeLeaf(ReadOnlySpan<byte> partialNibbles, ReadOnlySpan<byte> value)
    {
        var writer = new ScaleWriter(8 + (partialNibbles.Length / 2) + value.Length);
        writer.WriteU8(LeafTag);
        WritePartial(writer, partialNibbles);
        writer.WriteBytes(value);
        return writer.ToArray();
    }

    /// <summary>
    /// A branch; <paramref name="childHashes"/> has sixteen slots, null where there is no child. Throws when the
    /// children are too few for the kind of branch (fewer than two without a value, none with one).
    /// </summary>
    public static byte[] EncodeBranch(ReadOnlySpan<byte> partialNibbles, byte[]? value, IReadOnlyList<byte[]?> childHashes)
    {
        ArgumentNullException.ThrowIfNull(childHashes);
        if (childHashes.Count != 16)
        {
            throw new ArgumentException($"A branch has 16 child slots, got {childHashes.Count}.", nameof(childHashes));
        }

        ushort bitmap = 0;
        for (var i = 0; i < 16; i++)
        {
            if (childHashes[i] is { } h)
            {
                if (h.Length != 32)
                {
                    throw new ArgumentException($"Child {i}: a hash is 32 bytes, got {h.Length}.", nameof(childHashes));
                }

                bitmap |= (ushort)(1 << i);
            }
        }

        var count = BitOperations.PopCount(bitmap);
        if (count < (value is null ? 2 : 1))
        {
            throw new ArgumentException($"A branch {(value is null ? "without" : "with")} a value cannot have {count} child(ren).", nameof(childHashes));
        }

        var writer = new ScaleWriter(8 + (partialNibbles.Length / 2) + (value?.Length ?? 0) + (32 * count));
        writer.WriteU8(value is null ? BranchTag : BranchWithValueTag);
        WritePartial(writer, partialNibbles);
        if (value is not null)
        {
            writer.WriteBytes(value);
        }

        writer.WriteU16(bitmap);
        for (var i = 0; i < 16; i++)
        {
            if (childHashes[i] is { } h)
            {
                writer.WriteFixed(h);
            }
        }

        return writer.ToArray();
    }

    public static byte[] Encode(TrieNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Kind switch
        {
            TrieNodeKind.Empty => EmptyNode.ToArray(),
            TrieNodeKind.Leaf => EncodeLeaf(node.PartialKey.Span, node.Value!),
            _ => EncodeBranch(node.PartialKey.Span, node.Value, node.Children),
        };
    }

    /// <summary>Decodes a node, refusing anything but the one canonical encoding (<see cref="ScaleFormatException"/>).</summary>
    public static TrieNode Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var tag = reader.ReadU8("trie node tag");
        TrieNode node;
        switch (tag)
        {
            case EmptyTag:
                node = TrieNode.Empty;
                break;
            case LeafTag:
                {
                    var partial = ReadPartial(ref reader);
                    node = TrieNode.Leaf(partial, reader.ReadBytes("leaf value"));
                    break;
                }

            case BranchTag:
            case BranchWithValueTag:
                {
                    var partial = ReadPartial(ref reader);
                    var value = tag == BranchWithValueTag ? reader.ReadBytes("branch value") : null;
                    var bitmap = reader.ReadU16("branch bitmap");
                    var count = BitOperations.PopCount(bitmap);
                    if (count < (value is null ? 2 : 1))
                    {
                        throw new ScaleFormatException($"trie node: a branch {(value is null ? "without" : "with")} a value cannot have {count} child(ren).");
                    }

                    var children = new byte[]?[16];
                    for (var i = 0; i < 16; i++)
                    {
                        if ((bitmap & (1 << i)) != 0)
                        {
                            children[i] = reader.ReadFixed(32, "child hash").ToArray();
                        }
                    }

                    node = TrieNode.Branch(partial, value, children);
                    break;
                }

            default:
                throw new ScaleFormatException($"trie node: unknown tag 0x{tag:x2}.");
        }

        reader.EnsureEnd("trie node");
        return node;
    }

    private static void WritePartial(ScaleWriter writer, ReadOnlySpan<byte> nibbles)
    {
        writer.WriteCompact((ulong)nibbles.Length);
        for (var i = 0; i < nibbles.Length; i += 2)
        {
            var high = nibbles[i];
            var low = i + 1 < nibbles.Length ? nibbles[i + 1] : (byte)0;
            if (high > 15 || low > 15)
            {
                throw new ArgumentException("A nibble is between 0 and 15.", nameof(nibbles));
            }

            writer.WriteU8((byte)((high << 4) | low));
        }
    }

    private static byte[] ReadPartial(ref ScaleReader reader)
    {
        var count = reader.ReadCompact("partial key length");
        if (count > (ulong)reader.Remaining * 2)
        {
            throw new ScaleFormatException($"partial key: {count} nibbles cannot fit in the {reader.Remaining} byte(s) left.");
        }

        var nibbles = new byte[(int)count];
        var packed = reader.ReadFixed((nibbles.Length + 1) / 2, "partial key");
        for (var i = 0; i < nibbles.Length; i++)
        {
            var b = packed[i / 2];
            nibbles[i] = (byte)(i % 2 == 0 ? b >> 4 : b & 0x0F);
        }

        if (nibbles.Length % 2 == 1 && (packed[^1] & 0x0F) != 0)
        {
            throw new ScaleFormatException("partial key: the padding nibble is not zero.");
        }

        return nibbles;
    }
}
