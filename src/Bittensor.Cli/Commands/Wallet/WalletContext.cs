using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Wallets;
using SdkWallet = Bittensor.Sdk.Wallets.Wallet;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>One wallet command's invocation: the wallet it names, how it may ask the user, and how it prints.</summary>
internal sealed class WalletContext
{
    private const int PasswordAttempts = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public WalletContext(CliConsole console, ParseResult parseResult, WalletOptions options)
    {
        Console = console;
        NoPrompt = parseResult.GetValue(options.NoPrompt);
        Json = parseResult.GetValue(options.Json);
        try
        {
            Wallet = new SdkWallet(parseResult.GetValue(options.Name), parseResult.GetValue(options.Hotkey), parseResult.GetValue(options.Path), console.Environment);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    public CliConsole Console { get; }

    public SdkWallet Wallet { get; }

    public bool NoPrompt { get; }

    public bool Json { get; }

    /// <summary>Whether to encrypt, from <c>--use-password</c> / <c>--no-password</c> and the role's default.</summary>
    public static bool Encrypt(ParseResult parseResult, Option<bool> usePassword, Option<bool> noPassword, bool byDefault)
    {
        var use = parseResult.GetValue(usePassword);
        var no = parseResult.GetValue(noPassword);
        if (use && no)
        {
            throw new CliUsageException("--use-password and --no-password contradict each other; give one.");
        }

        return use || (!no && byDefault);
    }

    /// <summary>The mnemonic word count, checked.</summary>
    public static int Words(ParseResult parseResult, Option<int> option)
    {
        var words = parseResult.GetValue(option);
        return Mnemonic.WordCounts.Contains(words)
            ? words
            : throw new CliUsageException($"--n-words {words} is not a mnemonic length: use 12, 15, 18, 21 or 24.");
    }

    /// <summary>
    /// Passwords for a file about to be encrypted: <c>BT_COLD_PW_&lt;NAME&gt;</c>, else a prompt asking twice under the
    /// password rule. With <c>--no-prompt</c> the variable must be set.
    /// </summary>
    public PasswordProvider ForEncryption(Keyfile file)
    {
        RequirePasswordSource(file, "encrypt");
        return new PasswordProvider { Prompt = NoPrompt ? null : AskNewPassword };
    }

    /// <summary>Passwords for unlocking <paramref name="file"/>: <c>BT_COLD_PW_&lt;NAME&gt;</c>, else one prompt.</summary>
    public PasswordProvider ForUnlocking(Keyfile file)
    {
        RequirePasswordSource(file, "unlock");
        return new PasswordProvider { Prompt = NoPrompt ? null : request => Console.AskSecret($"Enter the password to unlock {request.KeyfilePath}: ") };
    }

    /// <summary>
    /// Whether existing files among <paramref name="files"/> may be replaced: yes with <c>--overwrite</c>; no (the
    /// wallet then refuses) with <c>--no-prompt</c>; otherwise the user is asked for each, and only <c>y</c> agrees.
    /// </summary>
    public bool MayOverwrite(bool overwriteFlag, params Keyfile[] files)
    {
        if (overwriteFlag)
        {
            return true;
        }

        var existing = files.Where(f => f.Exists).ToArray();
        if (existing.Length == 0 || NoPrompt)
        {
            return false;
        }

        foreach (var file in existing)
        {
            if (Console.Ask($"File {file.Path} already exists. Overwrite? (y/N) ") != "y")
            {
                throw new KeyfileException(KeyfileError.AlreadyExists, $"{file.Path} was left as it is (not overwritten).");
            }
        }

        return true;
    }

    /// <summary>Prints a new key: the mnemonic once, with a warning, on standard output only.</summary>
    public void ShowNewKey(string role, Keyfile file, GeneratedKey key, string regenerateCommand, JsonObject? json)
    {
        if (json is not null)
        {
            json[role] = new JsonObject
            {
                ["path"] = file.Path,
                ["ss58Address"] = key.Key.Ss58Address,
                ["publicKey"] = key.Key.PublicKey.ToHex(),
                ["encrypted"] = file.IsEncrypted,
                ["mnemonic"] = key.Mnemonic,
            };
            json["warning"] = "Each mnemonic is shown only now. Anyone who has it controls the key: store it offline.";
            return;
        }

        Console.Out.WriteLine($"New {role} {key.Key.Ss58Address} written to {file.Path}{(file.IsEncrypted ? " (encrypted)" : string.Empty)}.");
        Console.Out.WriteLine($"WARNING: this mnemonic is shown only now. Anyone who has it controls the {role}; write it down and keep it offline.");
        Console.Out.WriteLine();
        Console.Out.WriteLine($"    {key.Mnemonic}");
        Console.Out.WriteLine();
        Console.Out.WriteLine($"To restore the {role} from it: btcli wallet {regenerateCommand} --mnemonic <the words above>");
    }

    /// <summary>Writes <paramref name="json"/> indented on standard output.</summary>
    public void WriteJson(JsonNode json) => Console.Out.WriteLine(json.ToJsonString(Indented));

    private void RequirePasswordSource(Keyfile file, string verb)
    {
        if (NoPrompt && Console.Environment.ColdkeyPassword(PasswordName(file)) is null)
        {
            throw new CliUsageException($"--no-prompt leaves no way to {verb} {file.Path}: set {file.PasswordEnvironmentVariable}{(verb == "encrypt" ? ", or pass --no-password" : string.Empty)}.");
        }
    }

    private string? AskNewPassword(PasswordRequest request)
    {
        for (var attempt = 0; attempt < PasswordAttempts; attempt++)
        {
            var password = Console.AskSecret($"Choose a password to encrypt {request.KeyfilePath}: ");
            if (password is null)
            {
                return null;
            }

            if (!PasswordPolicy.IsAcceptable(password, out var problem))
            {
                Console.Error.WriteLine(problem);
                continue;
            }

            var again = Console.AskSecret("Retype the password: ");
            if (again is null)
            {
                return null;
            }

            if (again == password)
            {
                return password;
            }

            Console.Error.WriteLine("The passwords do not match.");
        }

        throw new KeyfileException(KeyfileError.PasswordRequired, $"No acceptable password was entered in {PasswordAttempts} attempts; {request.KeyfilePath} was not written.");
    }

    /// <summary>The NAME in <c>BT_COLD_PW_&lt;NAME&gt;</c>, as the keyfile itself computes it.</summary>
    private static string PasswordName(Keyfile file) => file.PasswordEnvironmentVariable[WalletEnvironment.PasswordVariablePrefix.Length..];
}
