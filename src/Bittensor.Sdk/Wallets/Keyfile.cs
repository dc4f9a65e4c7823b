using System.Security.Cryptography;
using Bittensor.Sdk.Wallets.Encryption;

namespace Bittensor.Sdk.Wallets;

/// <summary>
/// One keyfile on disk: a coldkey, a <c>coldkeypub.txt</c> or a hotkey. Reads every format of spec §1.6, writes
/// plaintext JSON or <c>$NACL</c>. Writes are atomic (a new file in the same directory, then renamed over the
/// target) and the file is created with mode 0600; missing directories are created with mode 0700. Nothing is
/// replaced unless the caller says so.
/// </summary>
public sealed class Keyfile
{
    /// <summary>Larger files are refused unread: a keyfile is well under a kilobyte.</summary>
    public const int MaxSize = 64 * 1024;

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    private readonly WalletEnvironment _environment;

    public Keyfile(string path, WalletEnvironment? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _environment = environment ?? WalletEnvironment.Process;
    }

    /// <summary>The full path.</summary>
    public string Path { get; }

    public bool Exists => File.Exists(Path);

    /// <summary>
    /// <c>BT_COLD_PW_</c> and the upper-cased name of the file's directory without its last extension (spec §1.6):
    /// the wallet's name for a coldkey, <c>HOTKEYS</c> for a hotkey.
    /// </summary>
    public string PasswordEnvironmentVariable => WalletEnvironment.PasswordVariablePrefix + Stem(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(Path)) ?? string.Empty).ToUpperInvariant();

    /// <summary>The stored format, read from the file's first bytes.</summary>
    /// <exception cref="KeyfileException">The file is missing or unreadable.</exception>
    public KeyfileFormat Format => KeyfileEncryption.Detect(ReadBytes());

    /// <summary>Whether the file is encrypted in any format.</summary>
    /// <exception cref="KeyfileException">The file is missing or unreadable.</exception>
    public bool IsEncrypted => Format != KeyfileFormat.Plaintext;

    /// <summary>The file's bytes.</summary>
    /// <exception cref="KeyfileException"><see cref="KeyfileError.NotFound"/>, <see cref="KeyfileError.Io"/>, or <see cref="KeyfileError.Corrupt"/> for an oversized file.</exception>
    public byte[] ReadBytes()
    {
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxSize)
            {
                throw new KeyfileException(KeyfileError.Corrupt, $"{Path} is {stream.Length} bytes, too large to be a keyfile.");
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyfileException(KeyfileError.NotFound, $"The keyfile {Path} does not exist.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeyfileException(KeyfileError.Io, $"The keyfile {Path} cannot be read: permission denied.", e);
        }
        catch (IOException e)
        {
            throw new KeyfileException(KeyfileError.Io, $"The keyfile {Path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The key in the file, decrypting it first when it is encrypted.</summary>
    /// <exception cref="InvalidPasswordException">The password does not decrypt the file.</exception>
    /// <exception cref="KeyfileException">Missing, unreadable, malformed, no password available, or an unsupported key type.</exception>
    public Keypair Load(PasswordProvider? password = null)
    {
        var plaintext = ReadPlaintext(password);
        try
        {
            return WithPath(() => KeyfileJson.Deserialize(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// The public part of an unencrypted file without touching its secrets' type (so an Sr25519 hotkey still shows
    /// its address); null when the file is encrypted.
    /// </summary>
    /// <exception cref="KeyfileException">Missing, unreadable or malformed.</exception>
    public Keypair? LoadPublic()
    {
        var bytes = ReadBytes();
        try
        {
            if (KeyfileEncryption.IsEncrypted(bytes))
            {
                return null;
            }

            return WithPath(() =>
            {
                var fields = KeyfileJson.Parse(bytes);
                var stated = fields.Ss58Address ?? fields.PublicKey ?? fields.AccountId;
                return stated is null
                    ? KeyfileJson.ToKeypair(fields).ToPublic()
                    : KeyfileJson.ToKeypair(new KeyfileFields { AccountId = fields.AccountId, PublicKey = fields.PublicKey, Ss58Address = fields.Ss58Address, CryptoType = fields.CryptoType });
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Writes <paramref name="key"/>: all its fields, encrypted as <c>$NACL</c> when <paramref name="encryptionPassword"/> is given.</summary>
    /// <exception cref="KeyfileException"><see cref="KeyfileError.AlreadyExists"/> without <paramref name="overwrite"/>, or <see cref="KeyfileError.Io"/>.</exception>
    public void Save(Keypair key, string? encryptionPassword, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!overwrite)
        {
            RequireAbsent();
        }

        var plaintext = KeyfileJson.Serialize(key);
        try
        {
            var data = encryptionPassword is null ? plaintext : KeyfileEncryption.Encrypt(plaintext, encryptionPassword);
            WriteBytes(data, overwrite);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Writes <paramref name="data"/> atomically with mode 0600.</summary>
    /// <exception cref="KeyfileException"><see cref="KeyfileError.AlreadyExists"/> without <paramref name="overwrite"/>, or <see cref="KeyfileError.Io"/>.</exception>
    public void WriteBytes(ReadOnlySpan<byte> data, bool overwrite)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            CreateDirectory(directory);
            if (!overwrite)
            {
                RequireAbsent();
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerReadWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask can only remove bits from 0600; this makes the mode exact whatever it is.
                File.SetUnixFileMode(temporary, OwnerReadWrite);
            }

            File.Move(temporary, Path, overwrite);
        }
        catch (IOException e) when (!overwrite && File.Exists(Path))
        {
            throw AlreadyExists(e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeyfileException(KeyfileError.Io, $"The keyfile {Path} cannot be written: permission denied.", e);
        }
        catch (IOException e)
        {
            throw new KeyfileException(KeyfileError.Io, $"The keyfile {Path} cannot be written: {e.Message}", e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Re-encrypts an Ansible Vault or legacy Fernet file as <c>$NACL</c> with the same password (the Python SDK's
    /// <c>wallet update</c>). False, and nothing written, when the file is already <c>$NACL</c> or not encrypted.
    /// </summary>
    /// <exception cref="InvalidPasswordException">The password does not decrypt the file.</exception>
    public bool UpdateEncryption(PasswordProvider? password = null)
    {
        var data = ReadBytes();
        if (KeyfileEncryption.Detect(data) is KeyfileFormat.Nacl or KeyfileFormat.Plaintext)
        {
            return false;
        }

        var secret = ResolvePassword(PasswordPurpose.Unlock, password);
        var plaintext = WithPath(() => KeyfileEncryption.Decrypt(data, secret));
        try
        {
            // Refuse to convert a file whose content is not a keyfile: the old file stays as it is.
            WithPath(() => KeyfileJson.Parse(plaintext));
            WriteBytes(NaclKeyfileCipher.Encrypt(plaintext, secret), overwrite: true);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// The password for <paramref name="purpose"/>: the provider's explicit one, then this file's
    /// <see cref="PasswordEnvironmentVariable"/>, then the provider's prompt. New passwords must meet
    /// <see cref="PasswordPolicy"/>.
    /// </summary>
    /// <exception cref="KeyfileException"><see cref="KeyfileError.PasswordRequired"/> or <see cref="KeyfileError.WeakPassword"/>.</exception>
    public string ResolvePassword(PasswordPurpose purpose, PasswordProvider? provider)
    {
        provider ??= PasswordProvider.EnvironmentOnly;
        var password = provider.Password
            ?? (provider.UseEnvironment ? _environment.ColdkeyPassword(Stem(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(Path)) ?? string.Empty)) : null)
            ?? provider.Prompt?.Invoke(new PasswordRequest(purpose, Path, PasswordEnvironmentVariable));
        if (password is null)
        {
            throw new KeyfileException(
                KeyfileError.PasswordRequired,
                purpose == PasswordPurpose.Unlock
                    ? $"{Path} is encrypted and no password was given: pass one, set {PasswordEnvironmentVariable}, or answer the prompt."
                    : $"A password is needed to encrypt {Path}: pass one, set {PasswordEnvironmentVariable}, answer the prompt, or choose not to encrypt.");
        }

        if (purpose == PasswordPurpose.Encrypt)
        {
            PasswordPolicy.Require(password);
        }

        return password;
    }

    public override string ToString() => Path;

    /// <summary>Throws unless the file is absent.</summary>
    /// <exception cref="KeyfileException"><see cref="KeyfileError.AlreadyExists"/>.</exception>
    public void RequireAbsent()
    {
        if (File.Exists(Path))
        {
            throw AlreadyExists(null);
        }
    }

    private byte[] ReadPlaintext(PasswordProvider? password)
    {
        var data = ReadBytes();
        if (!KeyfileEncryption.IsEncrypted(data))
        {
            return data;
        }

        var secret = ResolvePassword(PasswordPurpose.Unlock, password);
        return WithPath(() => KeyfileEncryption.Decrypt(data, secret));
    }

    private T WithPath<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (InvalidPasswordException e)
        {
            throw new InvalidPasswordException($"{Path}: {e.Message}");
        }
        catch (KeyfileException e)
        {
            throw new KeyfileException(e.Error, $"{Path}: {e.Message}", e);
        }
    }

    private KeyfileException AlreadyExists(Exception? inner)
    {
        var message = $"The keyfile {Path} already exists and was left as it is.";
        return inner is null ? new KeyfileException(KeyfileError.AlreadyExists, message) : new KeyfileException(KeyfileError.AlreadyExists, message, inner);
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temporary file holds nothing the target does not.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Python's <c>Path.stem</c>: the name without its last extension (a leading dot is not one).</summary>
    private static string Stem(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && dot < name.Length - 1 ? name[..dot] : name;
    }
}
