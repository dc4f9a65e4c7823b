using System.Collections.Concurrent;
using System.Text.Json;
using Bittensor.Benchmarks.Epoch;
using Bittensor.Runtime.Epoch;
using Bittensor.TestKit;

namespace Bittensor.Runtime.Tests;

/// <summary>
/// Every epoch vector of the reference (64 replays of upstream's epoch tests, 26 random and edge cases, and the n = 256
/// and n = 1024 benchmark inputs): the sparse and the dense epoch must reproduce every output field bit for bit.
/// </summary>
public sealed class EpochConformanceTests
{
    private static readonly ConcurrentDictionary<string, EpochVector> Vectors = new(StringComparer.Ordinal);

    public static TheoryData<string> VectorFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in TestData.Files(Path.Combine("conformance", "epoch")))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    public static TheoryData<string> BenchFiles() => ["bench_n256_seed1.json.gz", "bench_n1024_seed1.json.gz", "bench_n4096_seed1.json.gz"];

    [Fact]
    public void Vectors_AreAllPresent() => Assert.Equal(90, TestData.Files(Path.Combine("conformance", "epoch")).Count());

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Sparse_MatchesReference(string file) => AssertMatches(Load("epoch", file), YumaEpoch.Compute);

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Dense_MatchesReference(string file) => AssertMatches(Load("epoch", file), DenseEpoch.Compute);

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void UpstreamShaped_MatchesReference(string file) => AssertMatches(Load("epoch", file), UpstreamShapedEpoch.Compute);

    [Theory]
    [MemberData(nameof(BenchFiles))]
    public void Sparse_MatchesReference_OnBenchmarkInputs(string file) => AssertMatches(Load("bench", file), YumaEpoch.Compute);

    [Fact]
    public void Dense_MatchesReference_OnBenchmarkInput() => AssertMatches(Load("bench", "bench_n256_seed1.json.gz"), DenseEpoch.Compute);

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void UpstreamAssertions_Hold(string file)
    {
        var vector = Load("epoch", file);
        if (!vector.Root.TryGetProperty("upstream_checks", out var checks))
        {
            return;
        }

        var output = YumaEpoch.Compute(EpochScenario.Parse(vector.Root));
        foreach (var check in checks.EnumerateArray())
        {
            var uid = check.GetProperty("uid").GetInt32();
            var field = check.GetProperty("field").GetString()!;
            var expected = check.GetProperty("expected");
            var context = $"{vector.Name}: uid {uid} {field}";
            switch (field)
            {
                case "validator_permit":
                    Assert.True(expected.GetBoolean() == output.ValidatorPermit[uid], context);
                    break;
                case "bonds":
                    var column = check.GetProperty("col").GetInt32();
                    var columns = output.BondRowColumns(uid);
                    var index = columns.IndexOf((ushort)column);
                    var actualBond = index < 0 ? 0 : output.BondRowValues(uid)[index];
                    Assert.True(expected.GetInt64() == actualBond, $"{context} col {column}: expected {expected.GetInt64()}, got {actualBond}");
                    break;
                default:
                    var actual = Field(output, uid, field);
                    Assert.True(expected.GetDecimal() == actual, $"{context}: expected {expected}, got {actual}");
                    break;
            }
        }
    }

    [Fact]
    public void RepeatedRuns_OnOneInstance_GiveIdenticalResults()
    {
        var epoch = new YumaEpoch();
        var big = EpochScenario.Parse(Load("bench", "bench_n256_seed1.json.gz").Root);
        var small = EpochScenario.Parse(Load("epoch", "test_bonds__e3.json").Root);
        var first = new EpochOutput(big.Count);
        epoch.Run(big, first);
        var between = new EpochOutput(small.Count);
        epoch.Run(small, between);
        var second = new EpochOutput(big.Count);
        epoch.Run(big, second);
        Assert.Equal(EpochResultJson.Write(first), EpochResultJson.Write(second));
        Assert.Equal(EpochResultJson.Write(YumaEpoch.Compute(small)), EpochResultJson.Write(between));
    }

    internal static EpochVector Load(string folder, string file) =>
        Vectors.GetOrAdd(folder + "/" + file, _ => EpochVector.Load(TestData.Path("conformance", folder, file)));

    private static void AssertMatches(EpochVector vector, Func<EpochInput, EpochOutput> epoch)
    {
        var input = EpochScenario.Parse(vector.Root);
        var output = epoch(input);
        using var actual = JsonDocument.Parse(EpochResultJson.Write(output, indented: false));
        var expectedNeurons = vector.Expected.GetProperty("neurons").EnumerateArray().ToArray();
        var actualNeurons = actual.RootElement.GetProperty("neurons").EnumerateArray().ToArray();
        Assert.Equal(expectedNeurons.Length, actualNeurons.Length);
        for (var uid = 0; uid < expectedNeurons.Length; uid++)
        {
            foreach (var property in expectedNeurons[uid].EnumerateObject())
            {
                var expectedText = property.Value.GetRawText();
                var actualText = actualNeurons[uid].GetProperty(property.Name).GetRawText();
                if (expectedText != actualText)
                {
                    Assert.Fail($"{vector.Name}: uid {uid} field '{property.Name}': expected {Shorten(expectedText)}, got {Shorten(actualText)}");
                }
            }
        }
    }

    private static decimal Field(EpochOutput output, int uid, string field) => field switch
    {
        "rank" => output.Rank[uid],
        "trust" => output.Trust[uid],
        "consensus" => output.Consensus[uid],
        "incentive" => output.Incentive[uid],
        "dividends" => output.Dividends[uid],
        "emission" => output.Emission[uid],
        _ => throw new NotSupportedException(field),
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
