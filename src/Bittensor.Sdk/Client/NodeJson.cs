using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Sdk.Client;

/// <summary>
/// Reads and writes the node's JSON shapes: 0x-hex bytes and hashes, numbers as JSON numbers or hex strings, headers
/// with their SCALE encoding. Readers throw <see cref="FormatException"/> naming the field; the client turns it into
/// an <see cref="Rpc.RpcResponseException"/> naming the method.
/// </summary>
internal static class NodeJson
{
    public static JsonNode Hex(ReadOnlySpan<byte> bytes) => JsonValue.Create("0x" + Convert.ToHexStringLower(bytes));

    public static JsonNode Hex(Hash32 hash) => JsonValue.Create(hash.ToHex());

    public static JsonNode Hex(AccountId account) => JsonValue.Create(account.ToHex());

    public static JsonElement Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"the field '{name}' is missing.");

    public static bool IsNull(JsonElement e) => e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public static byte[] Bytes(JsonElement e, string what)
    {
        var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"{what} is not a string of 0x-hex.");
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0)
        {
            throw new FormatException($"{what} is not 0x-prefixed hex with an even number of digits.");
        }

        try
        {
            return Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException)
        {
            throw new FormatException($"{what} holds a character that is not a hex digit.");
        }
    }

    public static Hash32 Hash(JsonElement e, string what)
    {
        var bytes = Bytes(e, what);
        return bytes.Length == 32 ? new Hash32(bytes) : throw new FormatException($"{what} is {bytes.Length} bytes, not a 32-byte hash.");
    }

    public static string String(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"{what} is not a string.");

    public static bool Bool(JsonElement e, string what) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{what} is not true or false."),
    };

    /// <summary>An unsigned integer as a JSON number, a decimal string or a 0x-hex string.</summary>
    public static ulong UInt64(JsonElement e, string what)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out var n))
        {
            return n;
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            var s = e.GetString()!;
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h))
            {
                return h;
            }

            if (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            {
                return d;
            }
        }

        throw new FormatException($"{what} is not an unsigned 64-bit integer.");
    }

    public static int Int32(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw new FormatException($"{what} is not a 32-bit integer.");

    public static byte Byte(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetByte(out var v) ? v : throw new FormatException($"{what} is not a byte (0..255).");

    public static List<T> Array<T>(JsonElement e, string what, Func<JsonElement, int, T> read)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{what} is not an array.");
        }

        var list = new List<T>(e.GetArrayLength());
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            list.Add(read(item, i++));
        }

        return list;
    }

    /// <summary>A header from its SCALE encoding (<c>encoded</c>), checked against the hash the node announces (<c>hash</c>).</summary>
    public static BlockHeader Header(JsonElement e)
    {
        var header = BlockHeader.Decode(Bytes(Property(e, "encoded"), "header.encoded"));
        var announced = Hash(Property(e, "hash"), "header.hash");
        var hash = header.Hash();
        return hash == announced
            ? header
            : throw new FormatException($"the header's encoding hashes to {hash.ToHex()}, not to the announced {announced.ToHex()}.");
    }
}
