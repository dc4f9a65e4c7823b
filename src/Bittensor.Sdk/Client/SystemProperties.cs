using System.Text.Json;

namespace Bittensor.Sdk.Client;

/// <summary>
/// The chain's properties (<c>system_properties</c>): the SS58 prefix of its addresses, the token's decimals and
/// symbol (9 and TAO: 1 TAO = 10⁹ rao), and the consensus engine's name.
/// </summary>
public sealed record SystemProperties(ushort Ss58Format, int TokenDecimals, string TokenSymbol, string Consensus)
{
    internal static SystemProperties Read(JsonElement e)
    {
        var prefix = NodeJson.UInt64(NodeJson.Property(e, "ss58Format"), "ss58Format");
        return new(
            prefix <= ushort.MaxValue ? (ushort)prefix : throw new FormatException($"ss58Format {prefix} does not fit in 16 bits."),
            NodeJson.Int32(NodeJson.Property(e, "tokenDecimals"), "tokenDecimals"),
            NodeJson.String(NodeJson.Property(e, "tokenSymbol"), "tokenSymbol"),
            e.TryGetProperty("consensus", out var c) ? NodeJson.String(c, "consensus") : "");
    }
}
