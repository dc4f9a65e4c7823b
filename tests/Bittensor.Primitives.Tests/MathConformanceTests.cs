using System.Text.Json;
using Bittensor.TestKit;

namespace Bittensor.Primitives.Tests;

/// <summary>
/// Every case of the upstream <c>math.rs</c> vectors (<c>data/conformance/math</c>): the function of the same name must
/// give the expected bits, or overflow where the reference panics.
/// </summary>
public sealed class MathConformanceTests
{
    private static readonly Lazy<Dictionary<string, JsonElement[]>> Cases = new(LoadCases);

    public static TheoryData<string, int, string> AllCases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var (file, cases) in Cases.Value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            for (var i = 0; i < cases.Length; i++)
            {
                data.Add(file, i, cases[i].GetProperty("fn").GetString()!);
            }
        }

        return data;
    }

    [Fact]
    public void Vectors_AreAllPresent() =>
        Assert.Equal(463, Cases.Value.Values.Sum(c => c.Length));

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Case_MatchesReference(string file, int index, string fn)
    {
        var testCase = Cases.Value[file][index];
        var args = testCase.GetProperty("args");
        var expected = testCase.GetProperty("expected");
        if (FixedJson.IsPanic(expected))
        {
            Assert.Throws<OverflowException>(() => MathCaseRunner.Run(fn, args));
            return;
        }

        var actual = MathCaseRunner.Run(fn, args);
        var expectedText = MathCaseRunner.Canonical(fn, expected);
        Assert.Equal(expectedText, actual);
    }

    private static Dictionary<string, JsonElement[]> LoadCases()
    {
        var result = new Dictionary<string, JsonElement[]>(StringComparer.Ordinal);
        foreach (var path in TestData.Files(Path.Combine("conformance", "math")))
        {
            using var document = TestData.Load(path);
            result[Path.GetFileName(path)] = [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
        }

        return result;
    }
}
