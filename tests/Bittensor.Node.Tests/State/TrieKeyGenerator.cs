namespace Bittensor.Node.Tests.State;

/// <summary>
/// Seeded random keys and values shaped to stress a Patricia trie: keys drawn from a few shared prefixes (the empty
/// key, one byte, a 32-byte storage-like prefix and prefixes of it) followed by short suffixes over a small alphabet,
/// so keys often share long prefixes, end inside another key's path, or equal a prefix outright; values of every
/// size from empty upwards.
/// </summary>
internal sealed class TrieKeyGenerator
{
    private static readonly byte[] Alphabet = [0x00, 0x01, 0x0F, 0x10, 0x11, 0xF0, 0xFF];
    private readonly Random _random;
    private readonly byte[][] _prefixes;

    public TrieKeyGenerator(int seed)
    {
        _random = new Random(seed);
        var storage = new byte[32];
        _random.NextBytes(storage);
        var other = (byte[])storage.Clone();
        other[31] ^= 0x01;
        _prefixes =
        [
            [],
            [0xAB],
            [0xAB, 0xCD],
            storage[..16],
            storage,
            other,
        ];
    }

    public Random Random => _random;

    public byte[] NextKey()
    {
        var prefix = _prefixes[_random.Next(_prefixes.Length)];
        var suffix = new byte[_random.Next(0, 4)];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[_random.Next(Alphabet.Length)];
        }

        return [.. prefix, .. suffix];
    }

    public byte[] NextValue()
    {
        var length = _random.Next(10) switch
        {
            0 => 0,
            1 => _random.Next(100, 300),
            _ => _random.Next(1, 40),
        };
        var value = new byte[length];
        _random.NextBytes(value);
        return value;
    }
}
