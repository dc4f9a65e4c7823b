using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Linear;

namespace Bittensor.Runtime.Epoch;

/// <summary>
/// The sparse epoch (Yuma consensus, chain spec §6.2–6.3): stake-weighted median consensus, clipping, ranks, trust,
/// incentive, bond EMA, dividends and emission, bit-exact with the reference's <c>epoch()</c>.
/// </summary>
/// <remarks>
/// An instance keeps its working buffers between calls, so repeated epochs of similar size allocate nothing but the
/// output (and nothing at all when an output object is reused). Instances are not thread-safe; use one per thread.
/// All arithmetic is I32F32 on raw bits (see <see cref="FixedRaw"/>): every intermediate is a proportion in [0, 1].
/// </remarks>
public sealed partial class YumaEpoch
{
    [ThreadStatic]
    private static YumaEpoch? _threadInstance;

    private readonly Workspace _ws = new();

    /// <summary>
    /// Runs one epoch and returns a new output. Uses one instance per thread, so only the output is allocated once the
    /// thread has seen an epoch of this size.
    /// </summary>
    public static EpochOutput Compute(EpochInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new EpochOutput(input.Count);
        (_threadInstance ??= new YumaEpoch()).Run(input, output);
        return output;
    }

    /// <summary>Runs one epoch into <paramref name="output"/>, which must have been created for the same n.</summary>
    public void Run(EpochInput input, EpochOutput output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Count != input.Count)
        {
            throw new ArgumentException("The output was created for a different number of uids.", nameof(output));
        }

        var n = input.Count;
        _ws.Prepare(n, input.Weights.NonZeroCount, input.Bonds.NonZeroCount);
        if (n == 0)
        {
            output.BondRowStart[0] = 0;
            return;
        }

        ComputeActivity(input, output.Active);
        NormalizeStake(input, _ws.Stake);
        TopK(_ws.Stake.AsSpan(0, n), input.Parameters.MaxAllowedValidators, output.ValidatorPermit, _ws.SortKeys);
        ComputeActiveStake(input, output.Active, _ws.Stake, _ws.ActiveStake);
        LoadWeights(input);
        MatMulColumns(_ws.ActiveStake, _ws.WeightValues, _ws.PreRanks);
        ComputeConsensus(n, input.Parameters.Kappa);
        ClipWeights();
        ComputeRanksAndTrust(n);
        LoadBonds(input);
        ComputeBondDeltas(n);
        ComputeEmaBonds(n, input.Parameters.BondsMovingAverage);
        ComputeDividends(n);
        ComputeEmission(input, output);
        WriteBonds(input, output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeActivity(EpochInput input, bool[] active)
    {
        var cutoff = (ulong)input.Parameters.ActivityCutoff;
        for (var i = 0; i < active.Length; i++)
        {
            active[i] = !(unchecked(input.LastUpdate[i] + cutoff) < input.Block);
        }
    }

    /// <summary>S = normalize64(stake) floored to I32F32, i.e. floor(stake·2^32 / Σstake).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NormalizeStake(EpochInput input, long[] stake)
    {
        UInt128 total = 0;
        foreach (var s in input.Stake)
        {
            total += s;
        }

        if (total > long.MaxValue)
        {
            // I64F64 holds at most 2^63 − 1 in its integer part; the reference overflows here.
            throw new OverflowException("Total subnet stake exceeds the I64F64 range.");
        }

        var n = input.Count;
        if (total == 0)
        {
            Array.Clear(stake, 0, n);
            return;
        }

        var divisor = (ulong)total;
        for (var i = 0; i < n; i++)
        {
            stake[i] = (long)(((UInt128)input.Stake[i] << 32) / divisor);
        }
    }

    /// <summary>is_topk with the reference's stable ascending sort: among equal values the lower uids lose first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TopK(ReadOnlySpan<long> values, int k, bool[] result, long[] keys)
    {
        var n = values.Length;
        if (n <= k)
        {
            result.AsSpan(0, n).Fill(true);
            return;
        }

        // Values are at most 2^32 (33 bits) and uids below 2^16, so (value, uid) packs into one ordered key.
        var sortKeys = keys.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            sortKeys[i] = (values[i] << 16) | (long)i;
        }

        sortKeys.Sort();
        result.AsSpan(0, n).Clear();
        for (var rank = n - k; rank < n; rank++)
        {
            result[(int)(sortKeys[rank] & 0xFFFF)] = true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeActiveStake(EpochInput input, bool[] active, long[] stake, long[] activeStake)
    {
        var n = input.Count;
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            var value = active[i] && input.ValidatorPermit[i] ? stake[i] : 0;
            activeStake[i] = value;
            sum += value;
        }

        NormalizeInPlace(activeStake.AsSpan(0, n), sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NormalizeInPlace(Span<long> values, long sum)
    {
        if (sum == 0)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = FixedRaw.Div(values[i], sum);
        }
    }

    private static long Sum(ReadOnlySpan<long> values)
    {
        long sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    /// <summary>result[j] = Σ_i v[i] × M[i][j] over the weight structure with the given values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MatMulColumns(long[] vector, long[] values, long[] result)
    {
        var n = _ws.Count;
        Array.Clear(result, 0, n);
        var rowStart = _ws.WeightRowStart;
        var columns = _ws.WeightColumns;
        for (var i = 0; i < n; i++)
        {
            var v = vector[i];
            if (v == 0)
            {
                continue;
            }

            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                result[columns[e]] += FixedRaw.Mul(v, values[e]);
            }
        }
    }

    private static ReadOnlySpan<I32F32> AsFixed(ReadOnlySpan<long> raw) => MemoryMarshal.Cast<long, I32F32>(raw);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxUpscaleToU16(ReadOnlySpan<long> values, ushort[] destination) =>
        VectorMath.MaxUpscaleToU16(AsFixed(values), destination);
}
