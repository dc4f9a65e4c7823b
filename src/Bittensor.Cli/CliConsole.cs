using System.Text;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli;

/// <summary>
/// The standard streams a command reads and writes, injected so tests can run commands in-process, and the
/// environment wallet commands read. Prompts go to <see cref="Error"/>, so <see cref="Out"/> carries only results.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>Environment variables for wallets (<c>BT_WALLET_*</c>, <c>BT_COLD_PW_*</c>).</summary>
    public WalletEnvironment Environment { get; init; } = WalletEnvironment.Process;

    /// <summary>True when <see cref="Out"/> is the user's terminal, so tables may use its width, colours and Unicode borders.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>True when <see cref="Error"/> is the user's terminal, so progress may be drawn as a live bar.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>True when <see cref="In"/> is the user's terminal, so secrets can be read without echo.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Asks <paramref name="prompt"/> and reads one line; null at the end of the input.</summary>
    public string? Ask(string prompt)
    {
        Error.Write(prompt);
        Error.Flush();
        return In.ReadLine();
    }

    /// <summary>
    /// Asks <paramref name="prompt"/> and reads one line without showing it when <see cref="IsTerminal"/>; null at the
    /// end of the input.
    /// </summary>
    public string? AskSecret(string prompt)
    {
        if (!IsTerminal)
        {
            return Ask(prompt);
        }

        Error.Write(prompt);
        Error.Flush();
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Error.WriteLine();
        var secret = text.ToString();
        text.Clear();
        return secret;
    }
}
