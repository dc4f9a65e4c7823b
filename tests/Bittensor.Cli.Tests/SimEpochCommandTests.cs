using System.Diagnostics;
using System.Text.Json;
using Bittensor.TestKit;

namespace Bittensor.Cli.Tests;

/// <summary><c>btcli sim epoch</c>: results, error reporting and exit codes.</summary>
public sealed class SimEpochCommandTests
{
    private static readonly string VectorPath = TestData.Path("conformance", "epoch", "test_bonds__e1.json");

    [Fact]
    public void Input_PrintsTheExpectedResult()
    {
        var (code, output, error) = Run(["sim", "epoch", "--input", VectorPath]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        AssertMatchesExpected(VectorPath, output);
    }

    [Fact]
    public void Dense_PrintsTheSameResult()
    {
        var (code, output, _) = Run(["sim", "epoch", "--input", VectorPath, "--dense"]);
        Assert.Equal(0, code);
        AssertMatchesExpected(VectorPath, output);
    }

    [Fact]
    public void StandardInput_IsReadWhenNoFileIsGiven()
    {
        var (code, output, _) = Run(["sim", "epoch"], File.ReadAllText(VectorPath));
        Assert.Equal(0, code);
        AssertMatchesExpected(VectorPath, output);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"block": 1}""", "missing field 'rao_emission'")]
    [InlineData("""{"block": 1, "rao_emission": 5, "params": {"kappa": 70000, "bonds_moving_average": 1, "activity_cutoff": 1, "max_allowed_validators": 1}, "neurons": []}""", "params: 'kappa' is 70000")]
    [InlineData("""{"block": 1, "rao_emission": 5, "params": {"kappa": 1, "bonds_moving_average": 1000001, "activity_cutoff": 1, "max_allowed_validators": 1}, "neurons": []}""", "bonds_moving_average is 1000001")]
    [InlineData("""{"block": -1, "rao_emission": 5}""", "must be a non-negative integer")]
    public void InvalidScenario_IsRejectedWithExitCode2(string json, string message)
    {
        var (code, output, error) = Run(["sim", "epoch"], json);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"uid": 2}]""", "uid 2 is out of range")]
    [InlineData("""[{"uid": 0, "stake": 1, "last_update": 0, "block_at_registration": 0, "validator_permit": true, "weights": [], "bonds": []}, {"uid": 0}]""", "duplicate uid 0")]
    [InlineData("""[{"uid": 0, "stake": 1, "last_update": 0, "block_at_registration": 0, "validator_permit": true, "weights": [[5, 10]], "bonds": []}]""", "weights on uid 5, which does not exist")]
    [InlineData("""[{"uid": 0, "stake": 1, "last_update": 0, "block_at_registration": 0, "validator_permit": true, "weights": [[0, 10], [0, 11]], "bonds": []}]""", "weights lists uid 0 twice")]
    [InlineData("""[{"uid": 0, "stake": 1, "last_update": 0, "block_at_registration": 0, "validator_permit": true, "weights": [[0, 65536]], "bonds": []}]""", "the largest allowed value is 65535")]
    [InlineData("""[{"uid": 0, "stake": 1, "last_update": 0, "block_at_registration": 0, "validator_permit": "yes", "weights": [], "bonds": []}]""", "'validator_permit' must be true or false")]
    [InlineData("""[{"uid": 0, "stake": 9223372036854775807, "last_update": 0, "block_at_registration": 0, "validator_permit": true, "weights": [], "bonds": []}, {"uid": 1, "stake": 1, "last_update": 0, "block_at_registration": 0, "validator_permit": true, "weights": [], "bonds": []}]""", "Total stake")]
    public void InconsistentNeurons_AreRejectedWithExitCode2(string neurons, string message)
    {
        var json = """{"block": 1, "rao_emission": 5, "params": {"kappa": 1, "bonds_moving_average": 1, "activity_cutoff": 1, "max_allowed_validators": 1}, "neurons": """ + neurons + "}";
        var (code, output, error) = Run(["sim", "epoch"], json);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsRejectedWithExitCode2()
    {
        var (code, _, error) = Run(["sim", "epoch", "--input", Path.Combine(Path.GetTempPath(), "no-such-scenario.json")]);
        Assert.Equal(2, code);
        Assert.Contains("Cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_IsRejectedWithExitCode2()
    {
        var (code, _, error) = Run(["sim", "epoch", "--frobnicate"]);
        Assert.Equal(2, code);
        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_ReportsMedianAndAllocations()
    {
        var (code, output, _) = Run(["sim", "epoch", "--bench", "64", "--iterations", "3"]);
        Assert.Equal(0, code);
        Assert.Contains("epoch bench: n = 64", output, StringComparison.Ordinal);
        Assert.Matches(@"sparse epoch: median \d+\.\d{3} ms over 3 runs .*; 0 bytes allocated per epoch", output);
    }

    [Fact]
    public void Bench_OnAFile_UsesThatScenario()
    {
        var (code, output, _) = Run(["sim", "epoch", "--bench", "1", "--iterations", "2", "--input", VectorPath]);
        Assert.Equal(0, code);
        Assert.Contains("n = 8 (test_bonds__e1.json)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_RejectsNonPositiveSizes()
    {
        var (code, _, error) = Run(["sim", "epoch", "--bench", "0"]);
        Assert.Equal(2, code);
        Assert.Contains("--bench must be a positive number", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Executable_ReadsStdinAndExitsWithStatus()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "btcli.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "sim", "epoch"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(VectorPath));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        AssertMatchesExpected(VectorPath, output);

        using var bad = Process.Start(start)!;
        await bad.StandardInput.WriteAsync("{\"scenario\": 5}");
        bad.StandardInput.Close();
        var error = await bad.StandardError.ReadToEndAsync();
        await bad.WaitForExitAsync();
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'scenario' must be a JSON object", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(string[] args, string input = "")
    {
        using var stdin = new StringReader(input);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Btcli.Run(args, stdin, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertMatchesExpected(string vectorPath, string output)
    {
        using var vector = JsonDocument.Parse(File.ReadAllText(vectorPath));
        using var actual = JsonDocument.Parse(output);
        var expected = vector.RootElement.GetProperty("expected");
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual.RootElement));
    }
}
