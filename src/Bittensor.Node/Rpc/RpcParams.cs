using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bittensor.Node.Rpc;

/// <summary>
/// The parameters of one call: positional (a JSON array, as Substrate clients send them) or named (an object).
/// Accessors throw <see cref="RpcException"/> with <see cref="RpcErrorCodes.InvalidParams"/> naming the parameter.
/// </summary>
public sealed class RpcParams(string method, JsonNode? raw)
{
    public JsonNode? Raw { get; } = raw;

    public int Count => Raw switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        _ => 0,
    };

    /// <summary>The parameter at <paramref name="index"/> (positional) or named <paramref name="name"/>, or null when absent.</summary>
    public JsonNode? Get(int index, string name) => Raw switch
    {
        JsonArray a => index < a.Count ? a[index] : null,
        JsonObject o => o.TryGetPropertyValue(name, out var v) ? v : null,
        _ => null,
    };

    public string RequiredString(int index, string name) =>
        OptionalString(index, name) ?? throw Invalid(name, "is required");

    public string? OptionalString(int index, string name)
    {
        var node = Get(index, name);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Invalid(name, "must be a string");
    }

    /// <summary>An unsigned integer given as a JSON number or a decimal or 0x-hex string (as Substrate accepts block numbers).</summary>
    public ulong? OptionalUInt64(int index, string name)
    {
        var node = Get(index, name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v)
        {
            if (v.TryGetValue<ulong>(out var u))
            {
                return u;
            }

            if (v.TryGetValue<long>(out var l) && l >= 0)
            {
                return (ulong)l;
            }

            if (v.TryGetValue<string>(out var s))
            {
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
        }

        throw Invalid(name, "must be an unsigned integer (number, decimal string or 0x-hex string)");
    }

    public ulong RequiredUInt64(int index, string name) => OptionalUInt64(index, name) ?? throw Invalid(name, "is required");

    public bool OptionalBool(int index, string name, bool fallback)
    {
        var node = Get(index, name);
        if (node is null)
        {
            return fallback;
        }

        return node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw Invalid(name, "must be true or false");
    }

    /// <summary>Bytes given as a 0x-prefixed hex string.</summary>
    public byte[]? OptionalHex(int index, string name)
    {
        // A string straight from the request without escapes is decoded from its UTF-8 bytes, with no text in between.
        if (Get(index, name) is JsonValue value && value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String)
        {
            var raw = JsonMarshal.GetRawUtf8Value(element);
            if (raw.IndexOf((byte)'\\') < 0)
            {
                return DecodeHex(raw[1..^1], name);
            }
        }

        var s = OptionalString(index, name);
        if (s is null)
        {
            return null;
        }

        if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || s.Length % 2 != 0)
        {
            throw Invalid(name, "must be a 0x-prefixed hex string with an even number of digits");
        }

        try
        {
            return Convert.FromHexString(s.AsSpan(2));
        }
        catch (FormatException)
        {
            throw Invalid(name, "must be a 0x-prefixed hex string");
        }
    }

    private byte[] DecodeHex(ReadOnlySpan<byte> utf8, string name)
    {
        if (utf8.Length < 2 || utf8[0] != (byte)'0' || (utf8[1] | 0x20) != (byte)'x' || utf8.Length % 2 != 0)
        {
            throw Invalid(name, "must be a 0x-prefixed hex string with an even number of digits");
        }

        var bytes = new byte[(utf8.Length - 2) / 2];
        return Convert.FromHexString(utf8[2..], bytes, out _, out _) == OperationStatus.Done
            ? bytes
            : throw Invalid(name, "must be a 0x-prefixed hex string");
    }

    public byte[] RequiredHex(int index, string name) => OptionalHex(index, name) ?? throw Invalid(name, "is required");

    public RpcException Invalid(string name, string problem) =>
        new(RpcErrorCodes.InvalidParams, $"{method}: parameter '{name}' {problem}.");
}
