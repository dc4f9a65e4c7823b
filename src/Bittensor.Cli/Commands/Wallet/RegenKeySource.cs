using System.CommandLine;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>The <c>--mnemonic</c> / <c>--seed</c> pair of the regenerate commands, and the key they name.</summary>
internal sealed class RegenKeySource
{
    public Option<string[]> Mnemonic { get; } = new("--mnemonic")
    {
        Description = "The mnemonic's words (one quoted argument, or the words one after another).",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string?> Seed { get; } = new("--seed")
    {
        Description = "The 32-byte secret seed as 0x and 64 hex digits.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Mnemonic);
        command.Options.Add(Seed);
    }

    /// <summary>The key from <c>--mnemonic</c> or <c>--seed</c>, or asked for (without echo) when neither is given.</summary>
    public Keypair Key(ParseResult parseResult, WalletContext context, string role)
    {
        var words = parseResult.GetValue(Mnemonic);
        var seed = parseResult.GetValue(Seed);
        if (words is { Length: > 0 } && seed is not null)
        {
            throw new CliUsageException("Give --mnemonic or --seed, not both.");
        }

        if (words is { Length: > 0 })
        {
            return Parse(() => Keypair.FromMnemonic(string.Join(' ', words)), "--mnemonic");
        }

        if (seed is not null)
        {
            return Parse(() => Keypair.FromSeedHex(seed), "--seed");
        }

        if (context.NoPrompt)
        {
            throw new CliUsageException($"Give the {role}'s --mnemonic or --seed (--no-prompt forbids asking for it).");
        }

        var answer = context.Console.AskSecret($"Enter the {role}'s mnemonic, or its seed as 0x and 64 hex digits: ")?.Trim();
        if (string.IsNullOrEmpty(answer))
        {
            throw new CliUsageException($"No mnemonic or seed was entered for the {role}.");
        }

        return answer.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? Parse(() => Keypair.FromSeedHex(answer), "the seed")
            : Parse(() => Keypair.FromMnemonic(answer), "the mnemonic");
    }

    private static Keypair Parse(Func<Keypair> parse, string what)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"{what}: {e.Message}");
        }
    }
}
