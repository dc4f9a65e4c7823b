using System.Text.Json.Nodes;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>What the regenerate commands print: the key's address and where it was written.</summary>
internal static class KeyReport
{
    public static void Print(WalletContext context, string role, Keyfile file, Keypair key)
    {
        if (context.Json)
        {
            context.WriteJson(new JsonObject
            {
                [role] = new JsonObject
                {
                    ["path"] = file.Path,
                    ["ss58Address"] = key.Ss58Address,
                    ["publicKey"] = key.PublicKey.ToHex(),
                    ["encrypted"] = file.IsEncrypted,
                },
            });
            return;
        }

        context.Console.Out.WriteLine($"{char.ToUpperInvariant(role[0])}{role[1..]} {key.Ss58Address} written to {file.Path}{(file.IsEncrypted ? " (encrypted)" : string.Empty)}.");
    }
}
