namespace Bittensor.Sdk.Wallets;

/// <summary>What a password prompt is asked for: the purpose, the keyfile, and the variable that could have held it.</summary>
/// <param name="Purpose">Unlock an existing file, or choose a password for a new one.</param>
/// <param name="KeyfilePath">The keyfile's full path.</param>
/// <param name="EnvironmentVariable">The <c>BT_COLD_PW_&lt;NAME&gt;</c> variable for this keyfile.</param>
public sealed record PasswordRequest(PasswordPurpose Purpose, string KeyfilePath, string EnvironmentVariable);
