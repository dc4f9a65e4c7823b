namespace Bittensor.Sdk.Wallets;

/// <summary>
/// Where a keyfile's password comes from, in order: <see cref="Password"/>; the keyfile's <c>BT_COLD_PW_&lt;NAME&gt;</c>
/// variable (unless <see cref="UseEnvironment"/> is false); <see cref="Prompt"/>. When all are empty the operation
/// fails with <see cref="KeyfileError.PasswordRequired"/>. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class PasswordProvider
{
    /// <summary>Only the environment variable, no prompt.</summary>
    public static PasswordProvider EnvironmentOnly { get; } = new();

    /// <summary>An explicit password, used before anything else.</summary>
    public string? Password { get; init; }

    /// <summary>Whether to look for <c>BT_COLD_PW_&lt;NAME&gt;</c> (default true).</summary>
    public bool UseEnvironment { get; init; } = true;

    /// <summary>
    /// Asks the user; null means no answer. For <see cref="PasswordPurpose.Encrypt"/> the prompt should ask twice and
    /// may check <see cref="PasswordPolicy"/> itself; the wallet checks the rule again either way.
    /// </summary>
    public Func<PasswordRequest, string?>? Prompt { get; init; }

    public static PasswordProvider FromPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new PasswordProvider { Password = password };
    }

    public override string ToString() =>
        $"PasswordProvider(password {(Password is null ? "none" : "given")}, environment {(UseEnvironment ? "on" : "off")}, prompt {(Prompt is null ? "none" : "set")})";
}
