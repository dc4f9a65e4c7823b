namespace Bittensor.Sdk.Wallets;

/// <summary>
/// The signature scheme of a wallet key. The numbers are the <c>crypto_type</c> values of the Python SDK's keypairs.
/// </summary>
public enum KeyType
{
    /// <summary>Ed25519 (RFC 8032): the scheme this project's chain verifies, and the one new keys use.</summary>
    Ed25519 = 0,

    /// <summary>
    /// Sr25519 (schnorrkel), the Python SDK's default. Public-only keys of this type load (an address is an address);
    /// secrets do not, until schnorrkel is implemented.
    /// </summary>
    Sr25519 = 1,
}
