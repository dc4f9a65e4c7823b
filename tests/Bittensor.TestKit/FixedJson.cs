using System.Globalization;
using System.Text.Json;
using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Linear;

namespace Bittensor.TestKit;

/// <summary>Reads the conformance vectors' encodings: I32F32 as raw integers, 128-bit types as decimal strings of raw bits.</summary>
public static class FixedJson
{
    public static I32F32 I32(JsonElement e) => I32F32.FromRaw(e.GetInt64());

    public static Int128 Raw128(JsonElement e) => Int128.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    public static I64F64 I64(JsonElement e) => I64F64.FromRaw(Raw128(e));

    public static I96F32 I96(JsonElement e) => I96F32.FromRaw(Raw128(e));

    public static I32F32[] Vector(JsonElement e) => [.. e.EnumerateArray().Select(I32)];

    public static I32F32[][] Dense(JsonElement e) => [.. e.EnumerateArray().Select(Vector)];

    public static SparseEntry[][] Sparse(JsonElement e) =>
        [.. e.EnumerateArray().Select(row => row.EnumerateArray()
            .Select(pair => new SparseEntry(pair[0].GetInt32(), I32(pair[1])))
            .ToArray())];

    public static long[] Raw(IEnumerable<I32F32> values) => [.. values.Select(v => v.Raw)];

    public static long[][] Raw(I32F32[][] values) => [.. values.Select(row => Raw(row))];

    public static (int Column, long Raw)[][] Raw(SparseEntry[][] values) =>
        [.. values.Select(row => row.Select(e => (e.Column, e.Value.Raw)).ToArray())];

    public static (int Column, long Raw)[][] ExpectedSparse(JsonElement e) =>
        [.. e.EnumerateArray().Select(row => row.EnumerateArray()
            .Select(pair => (pair[0].GetInt32(), pair[1].GetInt64()))
            .ToArray())];

    public static bool IsPanic(JsonElement expected) =>
        expected.ValueKind == JsonValueKind.Object && expected.TryGetProperty("panic", out _);
}
