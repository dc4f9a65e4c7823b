using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Key;

/// <summary>A key printed the way <c>subkey inspect</c> prints one, as text or as JSON with subkey's field names.</summary>
internal static class KeyDescription
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(TextWriter output, Keypair key, string? secretPhrase, bool json)
    {
        var seed = key.ExportSeed();
        var seedHex = seed is null ? null : "0x" + Convert.ToHexStringLower(seed);
        var publicHex = key.PublicKey.ToHex();
        if (json)
        {
            var document = new JsonObject();
            if (secretPhrase is not null)
            {
                document["secretPhrase"] = secretPhrase;
            }

            document["keyType"] = KeyfileJson.TypeName(key.Type);
            document["networkId"] = Ss58.BittensorPrefix;
            document["secretSeed"] = seedHex;
            document["publicKey"] = publicHex;
            document["ss58PublicKey"] = key.Ss58Address;
            document["accountId"] = publicHex;
            document["ss58Address"] = key.Ss58Address;
            output.WriteLine(document.ToJsonString(Indented));
            return;
        }

        if (secretPhrase is not null)
        {
            output.WriteLine($"Secret phrase:       {secretPhrase}");
        }

        output.WriteLine($"  Key type:          {KeyfileJson.TypeName(key.Type)}");
        output.WriteLine($"  Network ID:        {Ss58.BittensorPrefix}");
        if (seedHex is not null)
        {
            output.WriteLine($"  Secret seed:       {seedHex}");
        }

        output.WriteLine($"  Public key (hex):  {publicHex}");
        output.WriteLine($"  Account ID:        {publicHex}");
        output.WriteLine($"  Public key (SS58): {key.Ss58Address}");
        output.WriteLine($"  SS58 Address:      {key.Ss58Address}");
    }
}
