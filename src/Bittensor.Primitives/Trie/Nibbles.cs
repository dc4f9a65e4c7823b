namespace Bittensor.Primitives.Trie;

/// <summary>Keys as the trie walks them: one nibble (0 to 15) per byte, high half of each key byte first.</summary>
public static class Nibbles
{
    public static byte[] FromBytes(ReadOnlySpan<byte> key)
    {
        var nibbles = new byte[key.Length * 2];
        for (var i = 0; i < key.Length; i++)
        {
            nibbles[2 * i] = (byte)(key[i] >> 4);
            nibbles[(2 * i) + 1] = (byte)(key[i] & 0x0F);
        }

        return nibbles;
    }

    /// <summary>The length of the longest common prefix of two nibble sequences.</summary>
    public static int CommonPrefix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.CommonPrefixLength(b);
}
