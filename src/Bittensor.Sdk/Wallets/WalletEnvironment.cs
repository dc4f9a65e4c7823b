using System.Collections;

namespace Bittensor.Sdk.Wallets;

/// <summary>
/// The environment variables wallets read: <c>BT_WALLET_PATH</c>, <c>BT_WALLET_NAME</c>, <c>BT_WALLET_HOTKEY</c> and
/// the coldkey passwords <c>BT_COLD_PW_&lt;NAME&gt;</c>. <see cref="Process"/> reads the real environment each time;
/// tests and embedding programs pass their own variables instead of changing the process's.
/// </summary>
public sealed class WalletEnvironment
{
    public const string PathVariable = "BT_WALLET_PATH";
    public const string NameVariable = "BT_WALLET_NAME";
    public const string HotkeyVariable = "BT_WALLET_HOTKEY";
    public const string PasswordVariablePrefix = "BT_COLD_PW_";

    private readonly Func<IEnumerable<KeyValuePair<string, string>>> _variables;

    private WalletEnvironment(Func<IEnumerable<KeyValuePair<string, string>>> variables, string? home)
    {
        _variables = variables;
        HomeDirectory = home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    /// <summary>The process's environment, read when asked.</summary>
    public static WalletEnvironment Process { get; } = new(ReadProcessEnvironment, null);

    /// <summary>No variables at all.</summary>
    public static WalletEnvironment Empty { get; } = new(() => [], null);

    /// <summary>The user's home directory, for <c>~</c> and the default <c>~/.bittensor/wallets</c>.</summary>
    public string HomeDirectory { get; }

    /// <summary>An environment of exactly <paramref name="variables"/> (and the given home directory).</summary>
    public static WalletEnvironment FromVariables(IReadOnlyDictionary<string, string> variables, string? homeDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var copy = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        return new WalletEnvironment(() => copy, homeDirectory);
    }

    /// <summary>The value of <paramref name="name"/> (exact name), or null when unset or empty.</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in _variables())
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    /// <summary>
    /// The password in <c>BT_COLD_PW_&lt;NAME&gt;</c> for a keyfile whose parent directory is <paramref name="name"/>
    /// (spec §1.6): variable names and NAME are compared upper-cased, so <c>bt_cold_pw_Alice</c> counts.
    /// </summary>
    public string? ColdkeyPassword(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = PasswordVariablePrefix + name.ToUpperInvariant();
        foreach (var (key, value) in _variables())
        {
            if (string.Equals(key.ToUpperInvariant(), wanted, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Names of the variables only (never values).</summary>
    public override string ToString() => $"WalletEnvironment({_variables().Count()} variables)";

    private static IEnumerable<KeyValuePair<string, string>> ReadProcessEnvironment()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                yield return new KeyValuePair<string, string>(key, value);
            }
        }
    }
}
