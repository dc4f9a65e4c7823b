namespace Bittensor.Sdk.Wallets;

/// <summary>
/// A keyfile could not be read, decrypted or written. <see cref="Error"/> says why; the message names the file and
/// what to do, and never contains a password, mnemonic or seed.
/// </summary>
public class KeyfileException : Exception
{
    public KeyfileException(KeyfileError error, string message)
        : base(message)
    {
        Error = error;
    }

    public KeyfileException(KeyfileError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    public KeyfileError Error { get; }
}
