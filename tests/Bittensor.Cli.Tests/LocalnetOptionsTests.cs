using Bittensor.Cli.Commands.Localnet;

namespace Bittensor.Cli.Tests;

/// <summary>The options of <c>btcli localnet</c> and <c>btcli query</c>: defaults, and bad values refused with exit 2 before anything runs.</summary>
public sealed class LocalnetOptionsTests : IDisposable
{
    private readonly WalletSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("--miners", "0", "--miners 0: give 1 to 8")]
    [InlineData("--miners", "9", "--miners 9")]
    [InlineData("--validators", "5", "--validators 5: give 1 to 4")]
    [InlineData("--block-time", "0.1", "--block-time 0.1: give the seconds between blocks")]
    [InlineData("--duration", "-5", "--duration -5")]
    [InlineData("--tempo", "1", "--tempo 1: give 2 to 1000")]
    [InlineData("--dataset", "/no/such/folder", "--dataset '/no/such/folder' is neither")]
    [InlineData("--miners", "many", "many")]
    public void Bad_localnet_options_are_refused_with_exit_2_and_a_message_naming_them(string option, string value, string message)
    {
        var (code, output, error) = _sandbox.Run(["localnet", option, value, "--dir", Path.Combine(_sandbox.Home, "net")]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.False(Directory.Exists(Path.Combine(_sandbox.Home, "net")), "a refused run created its directory");
    }

    [Fact]
    public void A_directory_given_as_the_summary_or_a_file_as_the_directory_is_refused()
    {
        var file = Path.Combine(_sandbox.Home, "a-file");
        File.WriteAllText(file, "x");
        Assert.Contains("--dir", Assert.Throws<CliUsageException>(() => LocalnetOptions.Create(4, 2, false, 1, 0, 10, file, null, null, _sandbox.Home)).Message, StringComparison.Ordinal);
        Assert.Contains("--json-summary", Assert.Throws<CliUsageException>(() => LocalnetOptions.Create(4, 2, false, 1, 0, 10, null, _sandbox.Home, null, _sandbox.Home)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_give_many_epochs_in_ten_minutes_under_the_bittensor_home()
    {
        var options = LocalnetOptions.Create(4, 2, false, 1, 0, 10, null, "summary.json", null, _sandbox.Home);
        Assert.Equal(Path.Combine(_sandbox.Home, "localnet"), options.Directory);
        Assert.Equal(Path.Combine(_sandbox.Home, "localnet", "logs"), options.LogsDirectory);
        Assert.Null(options.Duration);
        Assert.Equal("dotnet-docs", options.Dataset);
        Assert.True(Path.IsPathRooted(options.JsonSummary));
        Assert.True(600 / (options.BlockTime.TotalSeconds * (options.Tempo + 1)) >= 50, "fewer than 50 epochs in ten minutes");
        Assert.Equal(TimeSpan.FromSeconds(600), LocalnetOptions.Create(4, 2, false, 1, 600, 10, null, null, null, _sandbox.Home).Duration);
    }

    [Fact]
    public void The_default_lineup_has_graded_ngram_miners_the_five_test_miners_and_two_validators_with_different_stakes()
    {
        var lineup = LocalnetLineup.Create(4, 2);
        var miners = lineup.Where(p => p.Role == NeuronRole.Miner).ToList();
        Assert.Equal(4, miners.Count);
        Assert.Equal([2, 3, 4, 5], miners.Select(m => m.Order));
        Assert.Equal([0.1, 0.4, 0.7, 1.0], miners.Select(m => m.TrainFraction));
        Assert.Equal(miners.Count, miners.Select(m => m.ModelFile).Distinct().Count());
        Assert.Equal(["noise", "constant", "copycat", "slow", "broken"], lineup.Where(p => p.Role == NeuronRole.TestMiner).Select(p => p.Name));
        Assert.Equal([1000 * LocalnetLineup.Tao, 300 * LocalnetLineup.Tao], lineup.Where(p => p.Role == NeuronRole.Validator).Select(p => p.StakeRao));
        Assert.Equal(lineup.Count, lineup.Select(p => p.Name).Distinct().Count());
        Assert.All(lineup.Where(p => p.CopyOf is not null), p => Assert.Equal(miners[^1].Name, p.CopyOf));

        var uids = lineup.Select((p, i) => (p.Name, Uid: (ushort)i)).ToDictionary(x => x.Name, x => x.Uid);
        Assert.Equal("copycat:3", LocalnetLineup.ModelSpec(lineup.Single(p => p.Name == "copycat"), lineup, "/m", uids));
        Assert.Equal("slow:ngram:" + Path.Combine("/m", miners[^1].ModelFile!), LocalnetLineup.ModelSpec(lineup.Single(p => p.Name == "slow"), lineup, "/m", uids));
        Assert.Equal("noise", LocalnetLineup.ModelSpec(lineup.Single(p => p.Name == "noise"), lineup, "/m", uids));
        Assert.Single(LocalnetLineup.Create(1, 1, testMiners: false), p => p.IsMiner);
    }

    [Theory]
    [InlineData(new[] { "query", "--prompt", "hi" }, "--netuid is required")]
    [InlineData(new[] { "query", "--netuid", "2" }, "--prompt is required")]
    [InlineData(new[] { "query", "--netuid", "2", "--prompt", "hi", "--top", "0" }, "--top 0")]
    [InlineData(new[] { "query", "--netuid", "2", "--prompt", "hi", "--max-tokens", "5000" }, "--max-tokens 5000")]
    [InlineData(new[] { "query", "--netuid", "2", "--prompt", "hi", "--axon-timeout", "0" }, "--axon-timeout 0")]
    public void Bad_query_options_are_refused_with_exit_2(string[] args, string message)
    {
        var (code, _, error) = _sandbox.Run([.. args, "--chain-endpoint", "ws://127.0.0.1:1"]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_query_without_a_node_says_so_with_exit_1()
    {
        var (code, _, error) = await Task.Run(() => _sandbox.Run(["query", "--netuid", "2", "--prompt", "hi", "--chain-endpoint", "ws://127.0.0.1:1", "--timeout", "5"]));
        Assert.Equal(1, code);
        Assert.Contains("cannot connect to the node", error, StringComparison.Ordinal);
    }
}
