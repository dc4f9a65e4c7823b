using Bittensor.Cli;
using Bittensor.Neurons.Miners;

namespace Bittensor.Neurons.Tests;

/// <summary><c>btcli miner run</c>'s options: a bad SPEC or axon address is refused with a message before anything else happens.</summary>
public sealed class MinerCommandTests
{
    [Theory]
    [InlineData("noise", MinerModelKind.Noise)]
    [InlineData("broken", MinerModelKind.Broken)]
    [InlineData("constant", MinerModelKind.Constant)]
    [InlineData("constant:/data/texts", MinerModelKind.Constant)]
    [InlineData("copycat:3", MinerModelKind.Copycat)]
    [InlineData("slow", MinerModelKind.Slow)]
    [InlineData("slow:copycat:2", MinerModelKind.Slow)]
    [InlineData("ngram:model.bin", MinerModelKind.NGram)]
    [InlineData("gpt:small.safetensors", MinerModelKind.Gpt)]
    [InlineData("openai:http://127.0.0.1:8000", MinerModelKind.OpenAi)]
    [InlineData("models/ngram.bin", MinerModelKind.File)]
    public void Parse_ReadsEveryKind(string text, MinerModelKind kind)
    {
        var spec = MinerModelSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(spec, MinerModelSpec.Parse(spec.ToString()));
    }

    [Fact]
    public void Parse_NestsSlowAroundItsInnerSpec()
    {
        var spec = MinerModelSpec.Parse("slow:copycat:2");
        Assert.Equal(MinerModelKind.Copycat, spec.Inner!.Kind);
        Assert.Equal(2, spec.Inner.Uid);
        Assert.Equal(MinerModelKind.Noise, MinerModelSpec.Parse("slow").Inner!.Kind);
    }

    [Theory]
    [InlineData("bogus:thing", "unknown kind 'bogus'")]
    [InlineData("copycat:x", "copycat needs the UID")]
    [InlineData("copycat:70000", "copycat needs the UID")]
    [InlineData("openai:not a url", "openai needs the completions server's URL")]
    [InlineData("ngram:", "ngram needs the model file's path")]
    [InlineData("noise:3", "noise takes no argument")]
    [InlineData("/no/such/model.bin", "the model file '/no/such/model.bin' does not exist")]
    [InlineData("slow:gpt:/no/such.safetensors", "the model file '/no/such.safetensors' does not exist")]
    public void Run_RefusesABadSpec_WithExitCode2AndTheReason(string spec, string reason)
    {
        var (code, output, error) = Run("--model", spec);
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Run_WithoutAModel_SaysWhatAModelMayBe()
    {
        var (code, _, error) = Run();
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("--model is required", error, StringComparison.Ordinal);
        Assert.Contains(MinerModelSpec.Syntax, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "the chain refuses")]
    [InlineData("0.0.0.0", "the chain refuses")]
    [InlineData("not-an-ip", "is not an IP address")]
    public void Run_RefusesAnAxonAddressTheChainWouldRefuse(string ip, string reason)
    {
        var (code, _, error) = Run("--model", "noise", "--axon.ip", ip);
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AgainstARemoteChain_NeedsAnAxonAddress()
    {
        var (code, _, error) = Run("--model", "noise", "--chain-endpoint", "ws://10.1.2.3:9944");
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("--axon.ip is required", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] extra)
    {
        var home = Directory.CreateTempSubdirectory("miner-cli-").FullName;
        try
        {
            using var stdin = new StringReader(string.Empty);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            string[] endpoint = extra.Contains("--chain-endpoint") ? [] : ["--chain-endpoint", "ws://127.0.0.1:1"];
            string[] args = ["miner", "run", "--wallet", "w", "--hotkey", "h", "--netuid", "1", "--wallet.path", home, "--no-prompt", .. endpoint, .. extra];
            var code = Btcli.Run(args, stdin, stdout, stderr, new Dictionary<string, string> { ["HOME"] = home });
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
