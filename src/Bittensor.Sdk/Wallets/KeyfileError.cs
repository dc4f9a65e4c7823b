namespace Bittensor.Sdk.Wallets;

/// <summary>Why a keyfile operation failed. The names are stable: programs may switch on them.</summary>
public enum KeyfileError
{
    /// <summary>The keyfile does not exist.</summary>
    NotFound = 1,

    /// <summary>The file is not a keyfile in any known format, or its content is inconsistent.</summary>
    Corrupt = 2,

    /// <summary>The password does not decrypt the file (every format reports this one way).</summary>
    InvalidPassword = 3,

    /// <summary>The file exists and overwriting was not allowed.</summary>
    AlreadyExists = 4,

    /// <summary>The file is encrypted and no password was given, found in the environment or entered.</summary>
    PasswordRequired = 5,

    /// <summary>A new password does not meet the password rule.</summary>
    WeakPassword = 6,

    /// <summary>The key is of a type (Sr25519) whose secrets this version cannot use.</summary>
    UnsupportedKeyType = 7,

    /// <summary>Reading or writing the file failed (permissions, disk).</summary>
    Io = 8,
}
