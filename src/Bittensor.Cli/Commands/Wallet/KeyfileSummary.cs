using System.Text.Json.Nodes;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>What can be told about a keyfile without a password: its format and, unless it is encrypted, its address.</summary>
internal sealed record KeyfileSummary(string Format, Keypair? PublicKey, string? Problem)
{
    public static KeyfileSummary Of(Keyfile file)
    {
        if (!file.Exists)
        {
            return new KeyfileSummary("missing", null, null);
        }

        try
        {
            var format = FormatName(file.Format);
            return new KeyfileSummary(format, file.LoadPublic(), null);
        }
        catch (KeyfileException e)
        {
            return new KeyfileSummary("unreadable", null, e.Message);
        }
    }

    public static string FormatName(KeyfileFormat format) => format switch
    {
        KeyfileFormat.Plaintext => "plaintext",
        KeyfileFormat.Nacl => "nacl",
        KeyfileFormat.AnsibleVault => "ansible-vault",
        KeyfileFormat.LegacyFernet => "legacy-fernet",
        _ => format.ToString(),
    };

    /// <summary>The address, or a short reason there is none.</summary>
    public string AddressText => PublicKey?.Ss58Address ?? Format switch
    {
        "missing" => "(missing)",
        "unreadable" => "(unreadable)",
        _ => "(encrypted)",
    };

    public JsonObject ToJson(string? name = null)
    {
        var json = new JsonObject();
        if (name is not null)
        {
            json["name"] = name;
        }

        json["format"] = Format;
        json["ss58Address"] = PublicKey?.Ss58Address;
        json["publicKey"] = PublicKey?.PublicKey.ToHex();
        json["keyType"] = PublicKey is null ? null : KeyfileJson.TypeName(PublicKey.Type);
        if (Problem is not null)
        {
            json["error"] = Problem;
        }

        return json;
    }
}
