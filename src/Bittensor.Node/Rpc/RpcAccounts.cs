using System.Text.Json.Nodes;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;

namespace Bittensor.Node.Rpc;

/// <summary>Reads account parameters: an SS58 address (prefix 42), a 0x-hex public key, or a JSON array of 32 bytes.</summary>
public static class RpcAccounts
{
    public static AccountId Required(RpcParams parameters, int index, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var node = parameters.Get(index, name) ?? throw parameters.Invalid(name, "is required");
        if (node is JsonArray array)
        {
            if (array.Count != AccountId.Size)
            {
                throw parameters.Invalid(name, $"must hold {AccountId.Size} bytes, not {array.Count}");
            }

            var bytes = new byte[AccountId.Size];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = array[i] is JsonValue v && v.TryGetValue<int>(out var b) && b is >= 0 and <= 255
                    ? (byte)b
                    : throw parameters.Invalid(name, "must be an array of bytes (0..255)");
            }

            return new AccountId(bytes);
        }

        var text = parameters.RequiredString(index, name);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var raw = parameters.RequiredHex(index, name);
            return raw.Length == AccountId.Size ? new AccountId(raw) : throw parameters.Invalid(name, $"must be {AccountId.Size} bytes of hex");
        }

        return Ss58.TryDecode(text, out var account) ? account : throw parameters.Invalid(name, "is not an SS58 address with prefix 42 or a 0x-hex public key");
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
