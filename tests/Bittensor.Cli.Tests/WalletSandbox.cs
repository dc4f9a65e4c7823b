namespace Bittensor.Cli.Tests;

/// <summary>
/// A throw-away home directory for wallet commands: <c>btcli</c> runs in-process with this directory as <c>HOME</c>,
/// its own environment variables (never the process's) and the given standard input.
/// </summary>
internal sealed class WalletSandbox : IDisposable
{
    public WalletSandbox()
    {
        Home = Directory.CreateTempSubdirectory("btcli-wallet-test-").FullName;
        Environment["HOME"] = Home;
    }

    public string Home { get; }

    /// <summary>Where wallets live by default: <c>~/.bittensor/wallets</c>.</summary>
    public string WalletsPath => Path.Combine(Home, ".bittensor", "wallets");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string WalletFile(params string[] parts) => Path.Combine([WalletsPath, .. parts]);

    public (int Code, string Output, string Error) Run(string[] args, string input = "")
    {
        using var stdin = new StringReader(input);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Btcli.Run(args, stdin, stdout, stderr, Environment);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
