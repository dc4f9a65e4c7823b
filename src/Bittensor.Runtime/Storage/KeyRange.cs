namespace Bittensor.Runtime.Storage;

/// <summary>Helpers for prefix ranges over ordered byte keys.</summary>
public static class KeyRange
{
    /// <summary>The smallest key greater than every key starting with <paramref name="prefix"/>, or null if none exists.</summary>
    public static byte[]? PrefixEnd(ReadOnlySpan<byte> prefix)
    {
        var end = prefix.ToArray();
        for (var i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] != 0xFF)
            {
                end[i]++;
                return end[..(i + 1)];
            }
        }

        return null;
    }
}
