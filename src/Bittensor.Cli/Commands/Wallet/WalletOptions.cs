using System.CommandLine;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>
/// The options wallet commands share, under the 2024 btcli names (<c>--wallet.name</c>) with the dashed and
/// underscored spellings beside them.
/// </summary>
internal sealed class WalletOptions
{
    public Option<string?> Name { get; } = new("--wallet.name", "--wallet", "--wallet-name", "--wallet_name", "--name")
    {
        Description = "Wallet name: its directory under the wallet path. Default: $BT_WALLET_NAME or 'default'.",
    };

    public Option<string?> Hotkey { get; } = new("--wallet.hotkey", "--wallet-hotkey", "--wallet_hotkey", "--hotkey")
    {
        Description = "Hotkey name: its file under <wallet>/hotkeys. Default: $BT_WALLET_HOTKEY or 'default'.",
    };

    public Option<string?> Path { get; } = new("--wallet.path", "--wallet-path", "--wallet_path")
    {
        Description = "Directory that holds the wallets. Default: $BT_WALLET_PATH or ~/.bittensor/wallets.",
    };

    public Option<bool> NoPrompt { get; } = new("--no-prompt", "--no_prompt")
    {
        Description = "Never ask: refuse to overwrite files, and take passwords only from BT_COLD_PW_<NAME>.",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON.",
    };

    public static Option<int> Words() => new("--n-words", "--n_words")
    {
        Description = "Words in the new mnemonic: 12, 15, 18, 21 or 24.",
        DefaultValueFactory = _ => 12,
    };

    public static Option<bool> NoPassword() => new("--no-password", "--no_password")
    {
        Description = "Do not encrypt the key file.",
    };

    public static Option<bool> UsePassword() => new("--use-password", "--use_password")
    {
        Description = "Encrypt the key file with a password.",
    };

    /// <summary><c>--overwrite</c> and its per-file spellings.</summary>
    public static Option<bool> Overwrite(string description, params string[] aliases) => new("--overwrite", aliases)
    {
        Description = description,
    };

    /// <summary>Adds the name, path and output options (and the hotkey option when <paramref name="hotkey"/>) to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool hotkey = true)
    {
        command.Options.Add(Name);
        if (hotkey)
        {
            command.Options.Add(Hotkey);
        }

        command.Options.Add(Path);
        command.Options.Add(NoPrompt);
        command.Options.Add(Json);
    }
}
