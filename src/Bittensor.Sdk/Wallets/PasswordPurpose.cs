namespace Bittensor.Sdk.Wallets;

/// <summary>Why a password is asked for.</summary>
public enum PasswordPurpose
{
    /// <summary>To decrypt an existing keyfile.</summary>
    Unlock = 0,

    /// <summary>To encrypt a new keyfile: a new password, which must meet <see cref="PasswordPolicy"/>.</summary>
    Encrypt = 1,
}
