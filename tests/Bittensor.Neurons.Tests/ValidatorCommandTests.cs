using Bittensor.Cli;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary><c>btcli validator run</c> and <c>manifest</c>: bad input is refused before anything starts, naming the problem.</summary>
public sealed class ValidatorCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("neurons-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(new[] { "--wallet", "w", "--hotkey", "h" }, 2, "--netuid is required")]
    [InlineData(new[] { "--wallet", "w", "--hotkey", "h", "--netuid", "1", "--sample-size", "0" }, 2, "sample size 0")]
    [InlineData(new[] { "--wallet", "w", "--hotkey", "h", "--netuid", "1", "--timeout", "-1" }, 2, "--timeout -1")]
    [InlineData(new[] { "--wallet", "w", "--hotkey", "missing", "--netuid", "1" }, 1, "has no hotkey 'missing'")]
    [InlineData(new[] { "--wallet", "w", "--hotkey", "h", "--netuid", "1", "--dataset", "/nonexistent/folder" }, 2, "--dataset: The corpus '/nonexistent/folder' does not exist")]
    public void Run_RefusesBadInput(string[] arguments, int expectedCode, string message)
    {
        var wallets = Path.Combine(_root, "wallets");
        var wallet = new Wallet("w", "h", wallets);
        if (!wallet.Hotkey.Exists)
        {
            wallet.CreateNewHotkey(usePassword: false);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Btcli.Run(["validator", "run", "--wallet.path", wallets, "--chain-endpoint", "ws://127.0.0.1:1", .. arguments], TextReader.Null, output, error);

        Assert.True(code == expectedCode, $"exit {code}: {error}");
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_WritesOneThatTheDatasetVerifies()
    {
        var folder = Path.Combine(_root, "data");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.txt"), "Some text.\n\nMore text.\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, Btcli.Run(["validator", "manifest", folder], TextReader.Null, output, error));
        var manifest = Dataset.ShardManifest.Load(Path.Combine(folder, Dataset.ShardManifest.FileName));
        Assert.Equal("data", manifest.Name);
        Assert.Equal("a.txt", manifest.Files.Single().Path);
        manifest.Verify(folder);
        Assert.Equal(2, Btcli.Run(["validator", "manifest", Path.Combine(_root, "nothing")], TextReader.Null, output, error));
    }
}
