using System.Globalization;
using System.Text;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// The request signature of spec §2B: the caller's hotkey signs
/// <c>"{nonce}.{dendrite hotkey}.{axon hotkey}.{dendrite uuid}.{body hash}"</c> (UTF-8) and sends <c>0x</c> + hex.
/// Upstream signs with sr25519; this SDK signs and verifies Ed25519 only, because schnorrkel is not implemented in
/// Bittensor.Primitives. An upstream client can talk to our axon once it signs with an Ed25519 hotkey; an sr25519
/// signature is refused with 401.
/// </summary>
public static class SynapseSignature
{
    public static string Message(long nonce, string dendriteHotkey, string axonHotkey, string? uuid, string? bodyHash) =>
        string.Create(CultureInfo.InvariantCulture, $"{nonce}.{dendriteHotkey}.{axonHotkey}.{uuid ?? "None"}.{bodyHash ?? "None"}");

    /// <summary><c>0x</c> + 128 lower-case hex digits of the Ed25519 signature of <paramref name="message"/>.</summary>
    public static string Sign(Keypair hotkey, string message)
    {
        ArgumentNullException.ThrowIfNull(hotkey);
        return "0x" + Convert.ToHexStringLower(hotkey.Sign(Encoding.UTF8.GetBytes(message)).Bytes);
    }

    /// <summary>Whether <paramref name="signatureHex"/> (<c>0x</c> + 128 hex digits) is <paramref name="signer"/>'s Ed25519 signature of the message.</summary>
    public static bool Verify(AccountId signer, string message, string? signatureHex)
    {
        if (signatureHex is null || signatureHex.Length != 2 + (2 * Signature.Size) || !signatureHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[Signature.Size];
        if (Convert.FromHexString(signatureHex.AsSpan(2), signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != Signature.Size)
        {
            return false;
        }

        return Signatures.VerifyEd25519(signer.Bytes, Encoding.UTF8.GetBytes(message), signature);
    }
}
