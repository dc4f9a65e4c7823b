namespace Bittensor.Sdk.Wallets;

/// <summary>
/// The fields of a keyfile's plaintext JSON (spec §1.5), as text: <c>0x</c> hex for keys and seeds, the words of
/// the mnemonic, the SS58 address. A null field is JSON <c>null</c> (or absent, when read). <see cref="ToString"/>
/// says which fields are present and shows none of the secret ones.
/// </summary>
public sealed class KeyfileFields
{
    /// <summary><c>"0x"</c> + hex public key (the same as <see cref="PublicKey"/>).</summary>
    public string? AccountId { get; init; }

    /// <summary><c>"0x"</c> + 64 hex digits.</summary>
    public string? PublicKey { get; init; }

    /// <summary>
    /// <c>"0x"</c> + 128 hex digits. For Ed25519 (this project): seed ‖ public key, libsodium's secret key. For
    /// Sr25519 (the Python SDK): schnorrkel's scalar ‖ nonce.
    /// </summary>
    public string? PrivateKey { get; init; }

    /// <summary>The mnemonic's words, single-spaced. Secret.</summary>
    public string? SecretPhrase { get; init; }

    /// <summary><c>"0x"</c> + 64 hex digits: the mini-secret, which is the Ed25519 seed. Secret.</summary>
    public string? SecretSeed { get; init; }

    /// <summary>The SS58 address (prefix 42).</summary>
    public string? Ss58Address { get; init; }

    /// <summary>
    /// The key type, written as <c>"cryptoType"</c> for anything but Sr25519. Null when the file does not say,
    /// which is every file of the Python SDK: those keys are Sr25519.
    /// </summary>
    public KeyType? CryptoType { get; init; }

    /// <summary>Which fields are present; no values of secret fields.</summary>
    public override string ToString() =>
        $"KeyfileFields(publicKey {PublicKey ?? "null"}, ss58Address {Ss58Address ?? "null"}, privateKey {Presence(PrivateKey)}, secretPhrase {Presence(SecretPhrase)}, secretSeed {Presence(SecretSeed)}, cryptoType {CryptoType?.ToString() ?? "unrecorded"})";

    private static string Presence(string? value) => value is null ? "null" : "hidden";
}
