using System.IO.Compression;
using System.Text.Json;
using Bittensor.Runtime.Epoch;

namespace Bittensor.Benchmarks.Epoch;

/// <summary>The reference's timing inputs (bench/data), with their expected results for a correctness check.</summary>
public static class BenchInputs
{
    public static (EpochInput Input, string ExpectedJson) Load(int n)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", $"bench_n{n}_seed1.json.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        var expected = JsonSerializer.Serialize(document.RootElement.GetProperty("expected"));
        return (EpochScenario.Parse(document.RootElement), expected);
    }

    /// <summary>Throws unless <paramref name="output"/> is the vector's expected result, bit for bit.</summary>
    public static void Verify(EpochOutput output, string expectedJson, string what)
    {
        using var actual = JsonDocument.Parse(EpochResultJson.Write(output, indented: false));
        if (JsonSerializer.Serialize(actual.RootElement) != expectedJson)
        {
            throw new InvalidOperationException($"{what} does not reproduce the reference result; refusing to time it.");
        }
    }
}
