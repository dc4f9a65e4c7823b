using Bittensor.Sdk.Wallets.Encryption;

namespace Bittensor.Sdk.Wallets;

/// <summary>
/// Keyfile encryption at rest (spec §1.6): detects the format by the first bytes, decrypts every format the Python
/// SDK ever wrote, and encrypts new files as <c>$NACL</c>.
/// </summary>
public static class KeyfileEncryption
{
    /// <summary>The format of a keyfile's bytes.</summary>
    public static KeyfileFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(NaclKeyfileCipher.Header))
        {
            return KeyfileFormat.Nacl;
        }

        if (data.StartsWith(AnsibleVault.Header))
        {
            return KeyfileFormat.AnsibleVault;
        }

        return data.StartsWith(LegacyFernet.Header) ? KeyfileFormat.LegacyFernet : KeyfileFormat.Plaintext;
    }

    /// <summary>Whether the bytes are encrypted in any known format.</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> data) => Detect(data) != KeyfileFormat.Plaintext;

    /// <summary>Encrypts a keyfile's plaintext as <c>$NACL</c> (Argon2i key, random nonce).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, string password) => NaclKeyfileCipher.Encrypt(plaintext, password);

    /// <summary>Decrypts a keyfile in any encrypted format; plaintext comes back as it is.</summary>
    /// <exception cref="InvalidPasswordException">The password does not decrypt the data.</exception>
    /// <exception cref="KeyfileException">Malformed encrypted data (<see cref="KeyfileError.Corrupt"/>).</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> data, string password) => Detect(data) switch
    {
        KeyfileFormat.Nacl => NaclKeyfileCipher.Decrypt(data, password),
        KeyfileFormat.AnsibleVault => AnsibleVault.Decrypt(data, password),
        KeyfileFormat.LegacyFernet => LegacyFernet.Decrypt(data, password),
        _ => data.ToArray(),
    };
}
