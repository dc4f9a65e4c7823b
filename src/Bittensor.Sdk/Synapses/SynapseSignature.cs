using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
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
/// <remarks>
/// The overloads that take the message's parts write its UTF-8 bytes straight into a stack (or pooled) buffer, so a
/// signature costs the Ed25519 operation and the hex text, nothing else; they sign and verify exactly the bytes of
/// <see cref="Message"/>.
/// </remarks>
public static class SynapseSignature
{
    private const int StackLimit = 512;

    public static string Message(long nonce, string dendriteHotkey, string axonHotkey, string? uuid, string? bodyHash) =>
        string.Create(CultureInfo.InvariantCulture, $"{nonce}.{dendriteHotkey}.{axonHotkey}.{uuid ?? "None"}.{bodyHash ?? "None"}");

    /// <summary><c>0x</c> + 128 lower-case hex digits of the Ed25519 signature of <paramref name="message"/>.</summary>
    public static string Sign(Keypair hotkey, string message)
    {
        ArgumentNullException.ThrowIfNull(hotkey);
        ArgumentNullException.ThrowIfNull(message);
        var rented = message.Length * 3 > StackLimit ? ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(message.Length)) : null;
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            var length = Encoding.UTF8.GetBytes(message, buffer);
            return SignBytes(hotkey, buffer[..length]);
        }
        finally
        {
            ReturnIfRented(rented);
        }
    }

    /// <summary>The signature of <see cref="Message"/> of these parts, without building the message text.</summary>
    public static string Sign(Keypair hotkey, long nonce, string dendriteHotkey, string axonHotkey, string? uuid, string? bodyHash)
    {
        ArgumentNullException.ThrowIfNull(hotkey);
        var rented = RentFor(dendriteHotkey, axonHotkey, uuid, bodyHash);
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            return SignBytes(hotkey, Write(buffer, nonce, dendriteHotkey, axonHotkey, uuid, bodyHash));
        }
        finally
        {
            ReturnIfRented(rented);
        }
    }

    /// <summary>Whether <paramref name="signatureHex"/> (<c>0x</c> + 128 hex digits) is <paramref name="signer"/>'s Ed25519 signature of the message.</summary>
    public static bool Verify(AccountId signer, string message, string? signatureHex)
    {
        ArgumentNullException.ThrowIfNull(message);
        var rented = message.Length * 3 > StackLimit ? ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(message.Length)) : null;
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            var length = Encoding.UTF8.GetBytes(message, buffer);
            return VerifyBytes(signer, buffer[..length], signatureHex);
        }
        finally
        {
            ReturnIfRented(rented);
        }
    }

    /// <summary>Whether <paramref name="signatureHex"/> is <paramref name="signer"/>'s signature of <see cref="Message"/> of these parts.</summary>
    public static bool Verify(AccountId signer, long nonce, string dendriteHotkey, string axonHotkey, string? uuid, string? bodyHash, string? signatureHex)
    {
        var rented = RentFor(dendriteHotkey, axonHotkey, uuid, bodyHash);
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            return VerifyBytes(signer, Write(buffer, nonce, dendriteHotkey, axonHotkey, uuid, bodyHash), signatureHex);
        }
        finally
        {
            ReturnIfRented(rented);
        }
    }

    private static string SignBytes(Keypair hotkey, ReadOnlySpan<byte> message)
    {
        Span<byte> signature = stackalloc byte[Signature.Size];
        hotkey.Ed25519.Sign(message, signature);
        return string.Create(2 + (2 * Signature.Size), signature, static (chars, s) =>
        {
            chars[0] = '0';
            chars[1] = 'x';
            Convert.TryToHexStringLower(s, chars[2..], out _);
        });
    }

    private static bool VerifyBytes(AccountId signer, ReadOnlySpan<byte> message, string? signatureHex)
    {
        if (signatureHex is null || signatureHex.Length != 2 + (2 * Signature.Size) || !signatureHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[Signature.Size];
        if (Convert.FromHexString(signatureHex.AsSpan(2), signature, out _, out var written) != OperationStatus.Done || written != Signature.Size)
        {
            return false;
        }

        return Signatures.VerifyEd25519(signer.Bytes, message, signature);
    }

    /// <summary>A pooled buffer when the message may not fit the stack buffer (a long uuid or hash from a caller), else null.</summary>
    private static byte[]? RentFor(string dendriteHotkey, string axonHotkey, string? uuid, string? bodyHash)
    {
        ArgumentNullException.ThrowIfNull(dendriteHotkey);
        ArgumentNullException.ThrowIfNull(axonHotkey);
        var chars = 24 + dendriteHotkey.Length + axonHotkey.Length + (uuid?.Length ?? 4) + (bodyHash?.Length ?? 4);
        return chars * 3 > StackLimit ? ArrayPool<byte>.Shared.Rent(chars * 3) : null;
    }

    private static ReadOnlySpan<byte> Write(Span<byte> buffer, long nonce, string dendriteHotkey, string axonHotkey, string? uuid, string? bodyHash)
    {
        if (!Utf8.TryWrite(buffer, CultureInfo.InvariantCulture, $"{nonce}.{dendriteHotkey}.{axonHotkey}.{uuid ?? "None"}.{bodyHash ?? "None"}", out var written))
        {
            throw new InvalidOperationException("The signed message did not fit its buffer.");
        }

        return buffer[..written];
    }

    private static void ReturnIfRented(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
