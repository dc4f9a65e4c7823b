namespace Bittensor.Primitives.Tests;

/// <summary>Hex helpers for test vectors (an optional <c>0x</c> prefix, any case).</summary>
internal static class Hex
{
    public static byte[] Decode(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
