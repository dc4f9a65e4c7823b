using System.Globalization;
using System.Text.Json;
using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Linear;
using Bittensor.TestKit;
using static Bittensor.TestKit.FixedJson;

namespace Bittensor.Primitives.Tests;

/// <summary>
/// Maps an upstream <c>math.rs</c> function name and its JSON arguments onto our implementation and renders the result
/// in the vectors' JSON encoding, so results and expectations compare as canonical text.
/// </summary>
internal static class MathCaseRunner
{
    public static string Run(string fn, JsonElement a) => fn switch
    {
        "I32F32_mul" => Json((I32(a.GetProperty("a")) * I32(a.GetProperty("b"))).Raw),
        "I32F32_div" => Json((I32(a.GetProperty("a")) / I32(a.GetProperty("b"))).Raw),
        "kappa_float" => Json(I32F32.FromU16Proportion(a.GetProperty("kappa").GetUInt16()).Raw),
        "I64F64_div_to_I32F32" or "u64_ratio" => U64Ratio(a),
        "I96F32_emission" => Json((I96F32.From(I32(a.GetProperty("normalized"))) * I96F32.FromUInt(a.GetProperty("rao_emission").GetUInt64())).ToU64()),
        "I32F32_from_f32" => Json(FloatBits.ToI32F32FromSingle(a.GetProperty("f32_bits").GetUInt32()).Raw),
        "I32F32_from_f64" => Json(FloatBits.ToI32F32FromDouble(a.GetProperty("f64_bits").GetUInt64()).Raw),
        "check_vec_max_limited" => Json(VectorMath.CheckMaxLimited(U16s(a.GetProperty("vec")), a.GetProperty("max_limit").GetUInt16())),
        "checked_sum_u64" => Json(VectorMath.CheckedSum(a.GetProperty("x").EnumerateArray().Select(e => e.GetUInt64()).ToArray().AsSpan())),
        "checked_sum_u16" => Json(VectorMath.CheckedSum(U16s(a.GetProperty("x")).AsSpan())),
        "clip" => Json(DenseMatrixMath.Clip(Dense(a.GetProperty("x")), I32(a.GetProperty("threshold")), I32(a.GetProperty("upper")), I32(a.GetProperty("lower")))),
        "inplace_clip" => InPlace(Dense(a.GetProperty("x")), x => DenseMatrixMath.ClipInPlace(x, I32(a.GetProperty("threshold")), I32(a.GetProperty("upper")), I32(a.GetProperty("lower")))),
        "clip_sparse" => Json(SparseMatrixMath.Clip(Sparse(a.GetProperty("sparse_matrix")), I32(a.GetProperty("threshold")), I32(a.GetProperty("upper")), I32(a.GetProperty("lower")))),
        "col_clip_sparse" => Json(SparseMatrixMath.ColClip(Sparse(a.GetProperty("sparse_matrix")), Vector(a.GetProperty("col_threshold")))),
        "inplace_col_clip" => InPlace(Dense(a.GetProperty("x")), x => DenseMatrixMath.ColClipInPlace(x, Vector(a.GetProperty("col_threshold")))),
        "col_sum" => Json(DenseMatrixMath.ColSum(Dense(a.GetProperty("x")))),
        "col_sum_sparse" => Json(SparseMatrixMath.ColSum(Sparse(a.GetProperty("sparse_matrix")), a.GetProperty("columns").GetInt32())),
        "row_sum" => Json(DenseMatrixMath.RowSum(Dense(a.GetProperty("x")))),
        "row_sum_sparse" => Json(SparseMatrixMath.RowSum(Sparse(a.GetProperty("sparse_matrix")))),
        "fixed_to_u16" => Json(I32(a.GetProperty("x")).ToU16()),
        "I32F32_to_num_u16" => Json(I32(a.GetProperty("x")).ToU16()),
        "I32F32_from_num_u32_then_fixed_to_u16" => Json(I32F32.FromUInt(a.GetProperty("x_u32").GetUInt32()).ToU16()),
        "fixed_to_u64" or "I32F32_to_num_u64" => Json(I32(a.GetProperty("x")).ToU64()),
        "fixed64_to_u64" => Json(I64(a.GetProperty("x")).ToU64()),
        "I96F32_to_num_u64" => Json(I96(a.GetProperty("x")).ToU64()),
        "fixed64_to_fixed32" => Json(I32F32.FromI64F64(I64(a.GetProperty("x"))).Raw),
        "vec_fixed64_to_fixed32" => Json(VectorMath.ToI32F32(a.GetProperty("vec").EnumerateArray().Select(I64).ToArray())),
        "u16_to_fixed" => Json(I32F32.FromU16(a.GetProperty("x").GetUInt16()).Raw),
        "u16_proportion_to_fixed" => Json(I32F32.FromU16Proportion(a.GetProperty("x").GetUInt16()).Raw),
        "fixed_proportion_to_u16" => Json(I32(a.GetProperty("x")).ToU16Proportion()),
        "exp_safe" => Json(FixedTranscendental.ExpSafe(I32(a.GetProperty("input"))).Raw),
        "transcendental_exp" => Json(FixedTranscendental.TryExp(I32(a.GetProperty("input")), out var e) ? e.Raw : throw new OverflowException()),
        "sigmoid_safe" => Json(FixedTranscendental.SigmoidSafe(I32(a.GetProperty("input")), I32(a.GetProperty("rho")), I32(a.GetProperty("kappa"))).Raw),
        "epoch_alpha" => EpochAlpha(a.GetProperty("bonds_moving_average").GetUInt64()),
        "I96F32_mul" => Json((I96(a.GetProperty("a")) * I96(a.GetProperty("b"))).Raw),
        "hadamard" => Json(DenseMatrixMath.Hadamard(Dense(a.GetProperty("mat1")), Dense(a.GetProperty("mat2")))),
        "hadamard_sparse" => Json(SparseMatrixMath.Hadamard(Sparse(a.GetProperty("mat1")), Sparse(a.GetProperty("mat2")), a.GetProperty("columns").GetInt32())),
        "inplace_col_max_upscale" => InPlace(Dense(a.GetProperty("x")), DenseMatrixMath.ColMaxUpscaleInPlace),
        "inplace_col_max_upscale_sparse" => InPlace(Sparse(a.GetProperty("sparse_matrix")), x => SparseMatrixMath.ColMaxUpscaleInPlace(x, a.GetProperty("columns").GetInt32())),
        "inplace_col_normalize" => InPlace(Dense(a.GetProperty("x")), DenseMatrixMath.ColNormalizeInPlace),
        "inplace_col_normalize_sparse" => InPlace(Sparse(a.GetProperty("sparse_matrix")), x => SparseMatrixMath.ColNormalizeInPlace(x, a.GetProperty("columns").GetInt32())),
        "inplace_row_normalize" => InPlace(Dense(a.GetProperty("x")), DenseMatrixMath.RowNormalizeInPlace),
        "inplace_row_normalize_sparse" => InPlace(Sparse(a.GetProperty("sparse_matrix")), SparseMatrixMath.RowNormalizeInPlace),
        "inplace_mask_diag" => InPlace(Dense(a.GetProperty("matrix")), DenseMatrixMath.MaskDiagonalInPlace),
        "inplace_mask_matrix" => InPlace(Dense(a.GetProperty("matrix")), x => DenseMatrixMath.MaskInPlace(BoolMatrix(a.GetProperty("mask")), x)),
        "inplace_mask_rows" => InPlace(Dense(a.GetProperty("matrix")), x => DenseMatrixMath.MaskRowsInPlace(Bools(a.GetProperty("mask")), x)),
        "inplace_mask_vector" => InPlace(Vector(a.GetProperty("vector")), x => VectorMath.MaskInPlace(Bools(a.GetProperty("mask")), x)),
        "inplace_normalize" => InPlace(Vector(a.GetProperty("x")), x => VectorMath.NormalizeInPlace(x)),
        "inplace_normalize_64" => Normalize64(a.GetProperty("x")),
        "normalize" => Json(VectorMath.Normalize(Vector(a.GetProperty("x")))),
        "sum" => Json(VectorMath.Sum(Vector(a.GetProperty("x"))).Raw),
        "is_topk" => Json(VectorMath.IsTopK(Vector(a.GetProperty("vector")), a.GetProperty("k").GetInt32())),
        "mask_diag_sparse" => Json(SparseMatrixMath.MaskDiagonal(Sparse(a.GetProperty("sparse_matrix")))),
        "mask_rows_sparse" => Json(SparseMatrixMath.MaskRows(Bools(a.GetProperty("mask")), Sparse(a.GetProperty("sparse_matrix")))),
        "vec_mask_sparse_matrix" => Json(SparseMatrixMath.MaskByVectors(
            Sparse(a.GetProperty("sparse_matrix")), U64s(a.GetProperty("first_vector")), U64s(a.GetProperty("second_vector")),
            MaskFunction(a.GetProperty("mask_fn").GetString()!))),
        "mat_ema" => Json(DenseMatrixMath.Ema(Dense(a.GetProperty("new")), Dense(a.GetProperty("old")), I32(a.GetProperty("alpha")))),
        "mat_ema_sparse" => Json(SparseMatrixMath.Ema(Sparse(a.GetProperty("new")), Sparse(a.GetProperty("old")), I32(a.GetProperty("alpha")))),
        "matmul" => Json(DenseMatrixMath.MatMul(Dense(a.GetProperty("matrix")), Vector(a.GetProperty("vector")))),
        "matmul_transpose" => Json(DenseMatrixMath.MatMulTranspose(Dense(a.GetProperty("matrix")), Vector(a.GetProperty("vector")))),
        "matmul_sparse" => Json(SparseMatrixMath.MatMul(Sparse(a.GetProperty("sparse_matrix")), Vector(a.GetProperty("vector")), a.GetProperty("columns").GetInt32())),
        "matmul_transpose_sparse" => Json(SparseMatrixMath.MatMulTranspose(Sparse(a.GetProperty("sparse_matrix")), Vector(a.GetProperty("vector")))),
        "row_hadamard" => Json(DenseMatrixMath.RowHadamard(Dense(a.GetProperty("matrix")), Vector(a.GetProperty("vector")))),
        "row_hadamard_sparse" => Json(SparseMatrixMath.RowHadamard(Sparse(a.GetProperty("sparse_matrix")), Vector(a.GetProperty("vector")))),
        "vecdiv" => Json(VectorMath.Divide(Vector(a.GetProperty("x")), Vector(a.GetProperty("y")))),
        "weighted_median" => Json(WeightedMedian.Compute(
            Vector(a.GetProperty("stake")), Vector(a.GetProperty("score")),
            a.GetProperty("partition_idx").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            I32(a.GetProperty("minority")), I32(a.GetProperty("partition_lo")), I32(a.GetProperty("partition_hi"))).Raw),
        "weighted_median_col" => Json(DenseMatrixMath.WeightedMedianCol(Vector(a.GetProperty("stake")), Dense(a.GetProperty("score")), I32(a.GetProperty("majority")))),
        "weighted_median_col_sparse" => Json(SparseMatrixMath.WeightedMedianCol(
            Vector(a.GetProperty("stake")), Sparse(a.GetProperty("score")), a.GetProperty("columns").GetInt32(), I32(a.GetProperty("majority")))),
        "vec_max_upscale_to_u16" => Json(VectorMath.MaxUpscaleToU16(Vector(a.GetProperty("vec")))),
        "vec_u16_max_upscale_to_u16" => Json(VectorMath.MaxUpscaleToU16(U16s(a.GetProperty("vec")).AsSpan())),
        _ => throw new NotSupportedException($"No mapping for upstream function '{fn}'."),
    };

    /// <summary>Re-serialises the expected JSON compactly so it compares with <see cref="Run"/>'s output.</summary>
    public static string Canonical(string fn, JsonElement expected) => expected.ValueKind switch
    {
        // 128-bit values are strings of raw bits; render as the raw decimal like Run does.
        JsonValueKind.String => expected.GetString()!,
        _ => JsonSerializer.Serialize(expected),
    };

    private static string U64Ratio(JsonElement a)
    {
        var ratio = VectorMath.U64Ratio(a.GetProperty("x").GetUInt64(), a.GetProperty("sum").GetUInt64());
        return "{\"i64f64\":\"" + Str(ratio.Raw) + "\",\"i32f32\":" + Str(I32F32.FromI64F64(ratio).Raw) + "}";
    }

    private static string EpochAlpha(ulong bondsMovingAverage)
    {
        var bma = I64F64.FromUInt(bondsMovingAverage) / I64F64.FromUInt(1_000_000);
        var alpha = I32F32.One - I32F32.FromI64F64(bma);
        return "{\"bonds_moving_average_i64f64\":\"" + Str(bma.Raw) + "\",\"alpha\":" + Str(alpha.Raw) + "}";
    }

    private static string Normalize64(JsonElement x)
    {
        var values = x.EnumerateArray().Select(I64).ToArray();
        VectorMath.NormalizeInPlace(values.AsSpan());
        return "[" + string.Join(",", values.Select(v => "\"" + Str(v.Raw) + "\"")) + "]";
    }

    private static Func<ulong, ulong, bool> MaskFunction(string name) => name switch
    {
        "eq" => (a, b) => a == b,
        "lt" => (a, b) => a < b,
        "le" => (a, b) => a <= b,
        _ => throw new NotSupportedException(name),
    };

    private static string InPlace(I32F32[] x, Action<I32F32[]> action)
    {
        action(x);
        return Json(x);
    }

    private static string InPlace(I32F32[][] x, Action<I32F32[][]> action)
    {
        action(x);
        return Json(x);
    }

    private static string InPlace(SparseEntry[][] x, Action<SparseEntry[][]> action)
    {
        action(x);
        return Json(x);
    }

    private static ushort[] U16s(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetUInt16())];

    private static ulong[] U64s(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetUInt64())];

    private static bool[] Bools(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetBoolean())];

    private static bool[][] BoolMatrix(JsonElement e) => [.. e.EnumerateArray().Select(Bools)];

    private static string Str(Int128 value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Json<T>(T value) => value switch
    {
        Int128 big => Str(big),
        I32F32[] vector => JsonSerializer.Serialize(Raw(vector)),
        I32F32[][] dense => JsonSerializer.Serialize(Raw(dense)),
        SparseEntry[][] sparse => JsonSerializer.Serialize(sparse.Select(r => r.Select(e => new[] { e.Column, e.Value.Raw }))),
        _ => JsonSerializer.Serialize(value),
    };
}
