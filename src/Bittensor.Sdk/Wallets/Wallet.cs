namespace Bittensor.Sdk.Wallets;

/// <summary>
/// A wallet on disk (spec §1.4): <c>&lt;path&gt;/&lt;name&gt;/coldkey</c> (encrypted by default),
/// <c>coldkeypub.txt</c> (its public part, never encrypted) and <c>hotkeys/&lt;hotkey&gt;</c> (unencrypted by default).
/// The path defaults to <c>BT_WALLET_PATH</c> or <c>~/.bittensor/wallets</c>, the name to <c>BT_WALLET_NAME</c> or
/// <c>default</c>, the hotkey to <c>BT_WALLET_HOTKEY</c> or <c>default</c>.
/// </summary>
/// <remarks>
/// Nothing is overwritten unless the call says so; a coldkey is written only when neither <c>coldkey</c> nor
/// <c>coldkeypub.txt</c> stands in the way. Passwords come from a <see cref="PasswordProvider"/>: explicit, then
/// <c>BT_COLD_PW_&lt;NAME&gt;</c>, then a prompt; new ones must meet <see cref="PasswordPolicy"/>.
/// </remarks>
public sealed class Wallet
{
    public const string DefaultName = "default";
    public const string DefaultHotkeyName = "default";
    public const string ColdkeyFileName = "coldkey";
    public const string ColdkeyPubFileName = "coldkeypub.txt";
    public const string HotkeysDirectoryName = "hotkeys";

    public Wallet(string? name = null, string? hotkey = null, string? path = null, WalletEnvironment? environment = null)
    {
        Environment = environment ?? WalletEnvironment.Process;
        Name = RequireFileName(name ?? Environment.Get(WalletEnvironment.NameVariable) ?? DefaultName, "wallet name");
        HotkeyName = RequireFileName(hotkey ?? Environment.Get(WalletEnvironment.HotkeyVariable) ?? DefaultHotkeyName, "hotkey name");
        Path = ResolveRoot(path, Environment);
    }

    /// <summary>The wallet's name: its directory under <see cref="Path"/>.</summary>
    public string Name { get; }

    /// <summary>The selected hotkey's name.</summary>
    public string HotkeyName { get; }

    /// <summary>The directory that holds all wallets.</summary>
    public string Path { get; }

    public WalletEnvironment Environment { get; }

    /// <summary>This wallet's directory.</summary>
    public string Directory => System.IO.Path.Combine(Path, Name);

    public Keyfile Coldkey => new(System.IO.Path.Combine(Directory, ColdkeyFileName), Environment);

    public Keyfile ColdkeyPub => new(System.IO.Path.Combine(Directory, ColdkeyPubFileName), Environment);

    /// <summary>The selected hotkey's file.</summary>
    public Keyfile Hotkey => HotkeyFile(HotkeyName);

    /// <summary>Whether the wallet's directory exists.</summary>
    public bool Exists => System.IO.Directory.Exists(Directory);

    /// <summary>The directory holding all wallets: <paramref name="path"/> (with <c>~</c> expanded), else <c>BT_WALLET_PATH</c>, else <c>~/.bittensor/wallets</c>.</summary>
    public static string ResolveRoot(string? path, WalletEnvironment? environment = null)
    {
        environment ??= WalletEnvironment.Process;
        var chosen = path ?? environment.Get(WalletEnvironment.PathVariable) ?? System.IO.Path.Combine("~", ".bittensor", "wallets");
        if (chosen == "~" || chosen.StartsWith("~/", StringComparison.Ordinal) || chosen.StartsWith("~" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            chosen = System.IO.Path.Combine(environment.HomeDirectory, chosen.Length > 2 ? chosen[2..] : string.Empty);
        }

        return System.IO.Path.GetFullPath(chosen);
    }

    /// <summary>The names of the wallets under <paramref name="path"/> (directories), sorted; empty when there is none.</summary>
    public static IReadOnlyList<string> List(string? path = null, WalletEnvironment? environment = null)
    {
        var root = ResolveRoot(path, environment);
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateDirectories(root).Select(System.IO.Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)];
    }

    /// <summary>The file of hotkey <paramref name="name"/> of this wallet.</summary>
    public Keyfile HotkeyFile(string name) => new(System.IO.Path.Combine(Directory, HotkeysDirectoryName, RequireFileName(name, "hotkey name")), Environment);

    /// <summary>The names of this wallet's hotkeys (files under <c>hotkeys/</c>), sorted.</summary>
    public IReadOnlyList<string> ListHotkeys()
    {
        var directory = System.IO.Path.Combine(Directory, HotkeysDirectoryName);
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(directory).Select(System.IO.Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)];
    }

    /// <summary>The coldkey with its secret (decrypting it).</summary>
    public Keypair UnlockColdkey(PasswordProvider? password = null) => Coldkey.Load(password);

    /// <summary>The coldkey's public key from <c>coldkeypub.txt</c>; no password needed.</summary>
    public Keypair GetColdkeyPub() => ColdkeyPub.Load();

    /// <summary>The selected hotkey with its secret (decrypting it if it is encrypted).</summary>
    public Keypair UnlockHotkey(PasswordProvider? password = null) => Hotkey.Load(password);

    /// <summary>A new coldkey from a new mnemonic, written with its <c>coldkeypub.txt</c>.</summary>
    /// <exception cref="KeyfileException">A file exists (without <paramref name="overwrite"/>), no acceptable password, or I/O.</exception>
    public GeneratedKey CreateNewColdkey(int words = 12, bool usePassword = true, bool overwrite = false, PasswordProvider? password = null)
    {
        PrepareColdkey(usePassword, overwrite, password, out var secret);
        var generated = new GeneratedKey(Keypair.Generate(words));
        WriteColdkey(generated.Key, secret, overwrite);
        return generated;
    }

    /// <summary>A new hotkey (the selected one) from a new mnemonic.</summary>
    public GeneratedKey CreateNewHotkey(int words = 12, bool usePassword = false, bool overwrite = false, PasswordProvider? password = null)
    {
        var file = Hotkey;
        var secret = PrepareKeyfile(file, usePassword, overwrite, password);
        var generated = new GeneratedKey(Keypair.Generate(words));
        file.Save(generated.Key, secret, overwrite);
        return generated;
    }

    /// <summary>Writes <paramref name="key"/> (from a mnemonic or seed) as the coldkey, with its <c>coldkeypub.txt</c>.</summary>
    public void RegenerateColdkey(Keypair key, bool usePassword = true, bool overwrite = false, PasswordProvider? password = null)
    {
        RequireSecret(key, "coldkey");
        PrepareColdkey(usePassword, overwrite, password, out var secret);
        WriteColdkey(key, secret, overwrite);
    }

    /// <summary>Writes <c>coldkeypub.txt</c> for a public key (or the public part of any key).</summary>
    public void RegenerateColdkeyPub(Keypair key, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ColdkeyPub.Save(key.ToPublic(), encryptionPassword: null, overwrite);
    }

    /// <summary>Writes <paramref name="key"/> (from a mnemonic or seed) as the selected hotkey.</summary>
    public void RegenerateHotkey(Keypair key, bool usePassword = false, bool overwrite = false, PasswordProvider? password = null)
    {
        RequireSecret(key, "hotkey");
        var file = Hotkey;
        var secret = PrepareKeyfile(file, usePassword, overwrite, password);
        file.Save(key, secret, overwrite);
    }

    /// <summary>
    /// Creates what is missing: a coldkey when neither <c>coldkey</c> nor <c>coldkeypub.txt</c> exists, and the
    /// selected hotkey when its file does not. Existing keys are left alone.
    /// </summary>
    public WalletCreation Create(int words = 12, bool coldkeyUsePassword = true, bool hotkeyUsePassword = false, PasswordProvider? password = null)
    {
        var coldkey = Coldkey.Exists || ColdkeyPub.Exists ? null : CreateNewColdkey(words, coldkeyUsePassword, overwrite: false, password);
        var hotkey = Hotkey.Exists ? null : CreateNewHotkey(words, hotkeyUsePassword, overwrite: false, password);
        return new WalletCreation(coldkey, hotkey);
    }

    public override string ToString() => $"Wallet(name {Name}, hotkey {HotkeyName}, path {Path})";

    private void PrepareColdkey(bool usePassword, bool overwrite, PasswordProvider? password, out string? secret)
    {
        if (!overwrite)
        {
            ColdkeyPub.RequireAbsent();
        }

        secret = PrepareKeyfile(Coldkey, usePassword, overwrite, password);
    }

    private void WriteColdkey(Keypair key, string? secret, bool overwrite)
    {
        Coldkey.Save(key, secret, overwrite);
        ColdkeyPub.Save(key.ToPublic(), encryptionPassword: null, overwrite);
    }

    private static string? PrepareKeyfile(Keyfile file, bool usePassword, bool overwrite, PasswordProvider? password)
    {
        if (!overwrite)
        {
            file.RequireAbsent();
        }

        return usePassword ? file.ResolvePassword(PasswordPurpose.Encrypt, password) : null;
    }

    private static void RequireSecret(Keypair key, string role)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.HasPrivateKey)
        {
            throw new ArgumentException($"A {role} needs a secret key; {key.Ss58Address} is public only.", nameof(key));
        }
    }

    private static string RequireFileName(string name, string what)
    {
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny([.. System.IO.Path.GetInvalidFileNameChars(), '/', '\\']) >= 0)
        {
            throw new ArgumentException($"The {what} '{name}' cannot be a file name: use letters, digits, '-', '_' or '.', without slashes.");
        }

        return name;
    }
}
