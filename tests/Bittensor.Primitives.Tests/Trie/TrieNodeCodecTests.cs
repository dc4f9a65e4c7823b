using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;
using Bittensor.Primitives.Trie;

namespace Bittensor.Primitives.Tests.Trie;

/// <summary>The trie node format: hand-assembled encodings, round trips, and the strictness of decoding.</summary>
public sealed class TrieNodeCodecTests
{
    private static readonly byte[] HashA = Hashes.Blake2b256("a"u8);
    private static readonly byte[] HashB = Hashes.Blake2b256("b"u8);

    [Fact]
    public void Leaf_EncodesAsDocumented()
    {
        // tag 01, compact(3 nibbles) = 0c, nibbles 1 2 3 packed as 12 30, compact(1) = 04, value aa.
        Assert.Equal("010c123004aa", Hex.Encode(TrieNodeCodec.EncodeLeaf([1, 2, 3], [0xAA])));

        // Even nibble count, empty value.
        Assert.Equal("0108ab00", Hex.Encode(TrieNodeCodec.EncodeLeaf([0xA, 0xB], [])));

        // Empty partial key.
        Assert.Equal("010004ff", Hex.Encode(TrieNodeCodec.EncodeLeaf([], [0xFF])));
    }

    [Fact]
    public void Branch_EncodesAsDocumented()
    {
        var children = new byte[]?[16];
        children[0] = HashA;
        children[15] = HashB;

        // tag 02, empty partial, bitmap 0x8001 little-endian, then the child hashes in slot order.
        Assert.Equal("02000180" + Hex.Encode(HashA) + Hex.Encode(HashB), Hex.Encode(TrieNodeCodec.EncodeBranch([], null, children)));

        var one = new byte[]?[16];
        one[3] = HashB;

        // tag 03, compact(1) = 04, nibble a padded to a0, value 01 02, bitmap 0x0008.
        Assert.Equal("0304a00801020800" + Hex.Encode(HashB), Hex.Encode(TrieNodeCodec.EncodeBranch([0xA], [1, 2], one)));
    }

    [Fact]
    public void EmptyNode_AndEmptyRoot_KnownAnswer()
    {
        Assert.Equal("00", Hex.Encode(TrieNodeCodec.EmptyNode));
        Assert.Equal(Hex.Encode(Hashes.Blake2b256([0x00])), Hex.Encode(TrieNodeCodec.EmptyRoot()));
        Assert.Equal("03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314", Hex.Encode(TrieNodeCodec.EmptyRoot()));
        Assert.Equal(TrieNodeKind.Empty, TrieNodeCodec.Decode([0x00]).Kind);
    }

    [Fact]
    public void SmallTrieRoot_KnownAnswer()
    {
        // Pinned once: any change to the node format or the trie shape changes it.
        var entries = new Dictionary<byte[], byte[]>
        {
            [[]] = [],
            [[0x61]] = [0x31],
            [[0x61, 0x62]] = [0x32],
            [[0x62]] = [0x33],
            [[0x00, 0x00, 0x00]] = new byte[70],
            [[0xFF, 0x0F]] = [0x34, 0x35],
        };
        Assert.Equal("b7693e5386b1ae32854a003adc6bf3bd1d61169bcddab026454572407f99a813", Hex.Encode(TrieRoot.ComputeRoot(entries)));
    }

    [Fact]
    public void RoundTrip_EveryShape()
    {
        var random = new Random(5);
        for (var n = 0; n < 500; n++)
        {
            var partial = new byte[random.Next(0, 70)];
            for (var i = 0; i < partial.Length; i++)
            {
                partial[i] = (byte)random.Next(16);
            }

            var value = new byte[random.Next(0, 3) == 0 ? random.Next(64, 20_000) : random.Next(0, 5)];
            random.NextBytes(value);
            byte[] encoded;
            TrieNode node;
            var shape = random.Next(3);
            if (shape == 0)
            {
                encoded = TrieNodeCodec.EncodeLeaf(partial, value);
                node = TrieNodeCodec.Decode(encoded);
                Assert.Equal(TrieNodeKind.Leaf, node.Kind);
                Assert.Empty(node.Children);
            }
            else
            {
                var children = new byte[]?[16];
                var withValue = shape == 2;
                var count = random.Next(withValue ? 1 : 2, 17);
                foreach (var slot in Enumerable.Range(0, 16).OrderBy(_ => random.Next()).Take(count))
                {
                    children[slot] = new byte[32];
                    random.NextBytes(children[slot]!);
                }

                encoded = TrieNodeCodec.EncodeBranch(partial, withValue ? value : null, children);
                node = TrieNodeCodec.Decode(encoded);
                Assert.Equal(TrieNodeKind.Branch, node.Kind);
                Assert.Equal(children, node.Children);
                Assert.Equal(withValue ? value : null, node.Value);
            }

            Assert.Equal(partial, node.PartialKey.ToArray());
            if (shape != 1)
            {
                Assert.Equal(value, node.Value);
            }

            Assert.Equal(encoded, TrieNodeCodec.Encode(node));
        }
    }

    [Theory]
    [InlineData("", "no tag")]
    [InlineData("04", "unknown tag")]
    [InlineData("ff0000", "unknown tag")]
    [InlineData("0004aa00", "trailing bytes after the empty node")]
    [InlineData("010c123104aa", "non-zero padding nibble")]
    [InlineData("0104a100", "non-zero padding nibble")]
    [InlineData("0101000400", "non-canonical compact partial length (0 in two bytes)")]
    [InlineData("01000100", "non-canonical compact value length (0 in two bytes)")]
    [InlineData("0100020000000000", "non-canonical compact value length (0 in four bytes)")]
    [InlineData("010c123004aa00", "trailing byte after a leaf")]
    [InlineData("010c1230", "leaf without its value")]
    [InlineData("01fc00", "partial key longer than the bytes left")]
    [InlineData("010c12", "partial key truncated")]
    [InlineData("010008aa", "value truncated")]
    [InlineData("02000000", "branch without a value and no child")]
    [InlineData("030000000000", "branch with a value and no child")]
    [InlineData("0200030000", "child hashes truncated")]
    public void Decode_RejectsNonCanonicalOrMalformed(string hex, string why)
    {
        var ex = Assert.Throws<ScaleFormatException>(() => TrieNodeCodec.Decode(Hex.Decode(hex)));
        Assert.False(string.IsNullOrEmpty(why + ex.Message));
    }

    [Fact]
    public void Decode_RejectsBranchWithTooFewChildren_AndTrailingBytesAfterABranch()
    {
        // One child without a value.
        var one = "020001" + "00" + Hex.Encode(HashA);
        Assert.Throws<ScaleFormatException>(() => TrieNodeCodec.Decode(Hex.Decode(one)));

        // The same with a value is fine; with a byte more it is not.
        var withValue = "03000401" + "0100" + Hex.Encode(HashA);
        Assert.Equal(TrieNodeKind.Branch, TrieNodeCodec.Decode(Hex.Decode(withValue)).Kind);
        Assert.Throws<ScaleFormatException>(() => TrieNodeCodec.Decode(Hex.Decode(withValue + "00")));

        // Two children named by the bitmap, one hash present.
        var short2 = "02000300" + Hex.Encode(HashA);
        Assert.Throws<ScaleFormatException>(() => TrieNodeCodec.Decode(Hex.Decode(short2)));
    }

    [Fact]
    public void Encode_RejectsShapesThatCannotBeDecoded()
    {
        var one = new byte[]?[16];
        one[1] = HashA;
        Assert.Throws<ArgumentException>(() => TrieNodeCodec.EncodeBranch([], null, one));
        Assert.Throws<ArgumentException>(() => TrieNodeCodec.EncodeBranch([], [1], new byte[]?[16]));
        Assert.Throws<ArgumentException>(() => TrieNodeCodec.EncodeBranch([], [1], new byte[]?[15]));
        var bad = new byte[]?[16];
        bad[0] = new byte[31];
        Assert.Throws<ArgumentException>(() => TrieNodeCodec.EncodeBranch([], [1], bad));
        Assert.Throws<ArgumentException>(() => TrieNodeCodec.EncodeLeaf([16], [1]));
    }
}
