namespace Bittensor.Sdk.Wallets;

/// <summary>
/// The password does not decrypt the keyfile. Raised for every encrypted format alike (<c>$NACL</c>, Ansible Vault,
/// legacy Fernet), where the Python SDK lets PyNaCl's own error escape for the first.
/// </summary>
public sealed class InvalidPasswordException : KeyfileException
{
    public InvalidPasswordException(string message)
        : base(KeyfileError.InvalidPassword, message)
    {
    }
}
