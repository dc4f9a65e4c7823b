using System.Runtime.CompilerServices;
using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Runtime.Epoch;

public sealed partial class YumaEpoch
{
    /// <summary>Step 13: stored bonds without outdated entries, column-normalised; rows in ascending column order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LoadBonds(EpochInput input)
    {
        var n = input.Count;
        var bonds = input.Bonds;
        var rowStart = _ws.BondRowStart;
        var columns = _ws.BondColumns;
        var values = _ws.BondValues;
        var columnSum = _ws.ColumnSum;
        var keys = _ws.RowKeys;
        Array.Clear(columnSum, 0, n);
        var count = 0;
        rowStart[0] = 0;
        for (var i = 0; i < n; i++)
        {
            var lastUpdate = input.LastUpdate[i];
            var rowColumns = bonds.RowColumns(i);
            var rowValues = bonds.RowValues(i);
            var kept = 0;
            var sorted = true;
            long previous = -1;
            for (var e = 0; e < rowColumns.Length; e++)
            {
                int j = rowColumns[e];
                if (j >= n || lastUpdate <= input.BlockAtRegistration[j])
                {
                    continue;
                }

                sorted &= j > previous;
                previous = j;
                keys[kept++] = ((long)j << 16) | rowValues[e];
            }

            var rowKeys = keys.AsSpan(0, kept);
            if (!sorted)
            {
                SortRow(rowKeys, n);
            }

            foreach (var key in rowKeys)
            {
                var j = (int)(key >> 16);
                var b = key & 0xFFFF;
                columns[count] = j;
                values[count] = b;
                columnSum[j] += b;
                count++;
            }

            rowStart[i + 1] = count;
        }

        for (var e = 0; e < count; e++)
        {
            var sum = columnSum[columns[e]];
            // I32F32(b) / I32F32(Σb) = trunc(b·2^32 / Σb); columns summing to 0 hold only zeros.
            values[e] = sum != 0 ? (values[e] << 32) / sum : 0;
        }
    }

    /// <summary>Step 14: ΔB = W ∘ A (clipped weights times active stake), column-normalised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeBondDeltas(int n)
    {
        var rowStart = _ws.WeightRowStart;
        var columns = _ws.WeightColumns;
        var weights = _ws.WeightValues;
        var deltas = _ws.DeltaValues;
        var activeStake = _ws.ActiveStake;
        var columnSum = _ws.ColumnSum;
        Array.Clear(columnSum, 0, n);
        for (var i = 0; i < n; i++)
        {
            var a = activeStake[i];
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                var d = a == 0 ? 0 : FixedRaw.Mul(weights[e], a);
                deltas[e] = d;
                columnSum[columns[e]] += d;
            }
        }

        NormalizeColumns(columns, deltas, rowStart[n], columnSum);
    }

    /// <summary>
    /// Step 15: B_ema = α·ΔB + (1 − α)·B with each product floored, keeping positive entries in ascending columns,
    /// then column-normalised.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeEmaBonds(int n, ulong bondsMovingAverage)
    {
        var bma = I64F64.FromUInt(bondsMovingAverage) / I64F64.FromUInt(1_000_000);
        var alpha = (I32F32.One - I32F32.FromI64F64(bma)).Raw;
        var oneMinusAlpha = FixedRaw.One - alpha;
        if (alpha < 0 || oneMinusAlpha < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bondsMovingAverage), bondsMovingAverage, "Bonds moving average must be at most 1 000 000.");
        }

        var deltaStart = _ws.WeightRowStart;
        var deltaColumns = _ws.WeightColumns;
        var deltas = _ws.DeltaValues;
        var bondStart = _ws.BondRowStart;
        var bondColumns = _ws.BondColumns;
        var bonds = _ws.BondValues;
        var emaStart = _ws.EmaRowStart;
        var emaColumns = _ws.EmaColumns;
        var ema = _ws.EmaValues;
        var columnSum = _ws.ColumnSum;
        Array.Clear(columnSum, 0, n);
        var count = 0;
        emaStart[0] = 0;
        for (var i = 0; i < n; i++)
        {
            var d = deltaStart[i];
            var dEnd = deltaStart[i + 1];
            var b = bondStart[i];
            var bEnd = bondStart[i + 1];
            while (d < dEnd || b < bEnd)
            {
                int j;
                long value = 0;
                var dColumn = d < dEnd ? deltaColumns[d] : int.MaxValue;
                var bColumn = b < bEnd ? bondColumns[b] : int.MaxValue;
                if (dColumn <= bColumn)
                {
                    j = dColumn;
                    value += FixedRaw.Mul(alpha, deltas[d++]);
                }
                else
                {
                    j = bColumn;
                }

                if (bColumn == j)
                {
                    value += FixedRaw.Mul(oneMinusAlpha, bonds[b++]);
                }

                if (value > 0)
                {
                    emaColumns[count] = j;
                    ema[count++] = value;
                    columnSum[j] += value;
                }
            }

            emaStart[i + 1] = count;
        }

        NormalizeColumns(emaColumns, ema, count, columnSum);
    }

    /// <summary>Step 16: D[i] = Σ_j I[j] × B_ema[i][j], normalised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeDividends(int n)
    {
        var emaStart = _ws.EmaRowStart;
        var emaColumns = _ws.EmaColumns;
        var ema = _ws.EmaValues;
        var incentive = _ws.Ranks;
        var dividends = _ws.Dividends;
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            long sum = 0;
            for (var e = emaStart[i]; e < emaStart[i + 1]; e++)
            {
                sum += FixedRaw.Mul(incentive[emaColumns[e]], ema[e]);
            }

            dividends[i] = sum;
            total += sum;
        }

        NormalizeInPlace(dividends.AsSpan(0, n), total);
    }

    /// <summary>Steps 17–19 and the per-uid writes of §6.3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeEmission(EpochInput input, EpochOutput output)
    {
        var n = input.Count;
        var incentive = _ws.Ranks;
        var dividends = _ws.Dividends;
        var combined = _ws.Combined;
        long emissionSum = 0;
        for (var i = 0; i < n; i++)
        {
            combined[i] = incentive[i] + dividends[i];
            emissionSum += combined[i];
        }

        var raoEmission = input.RaoEmission;
        if (emissionSum == 0)
        {
            // No usable weights: pay validators by active stake, or by raw stake when no stake is active.
            var fallback = Sum(_ws.ActiveStake.AsSpan(0, n)) == 0 ? _ws.Stake : _ws.ActiveStake;
            for (var i = 0; i < n; i++)
            {
                combined[i] = fallback[i];
                output.ServerEmission[i] = FixedRaw.Scale(incentive[i], raoEmission);
                output.ValidatorEmission[i] = FixedRaw.Scale(fallback[i], raoEmission);
                output.Emission[i] = FixedRaw.Scale(fallback[i], raoEmission);
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                output.ServerEmission[i] = FixedRaw.Scale(FixedRaw.Div(incentive[i], emissionSum), raoEmission);
                output.ValidatorEmission[i] = FixedRaw.Scale(FixedRaw.Div(dividends[i], emissionSum), raoEmission);
                combined[i] = FixedRaw.Div(combined[i], emissionSum);
                output.Emission[i] = FixedRaw.Scale(combined[i], raoEmission);
            }
        }

        MaxUpscaleToU16(combined.AsSpan(0, n), output.PruningScore);
        for (var i = 0; i < n; i++)
        {
            var incentiveU16 = FixedRaw.ToU16Proportion(incentive[i]);
            output.Rank[i] = incentiveU16;
            output.Incentive[i] = incentiveU16;
            output.Trust[i] = FixedRaw.ToU16Proportion(_ws.Trust[i]);
            output.Consensus[i] = FixedRaw.ToU16Proportion(_ws.Consensus[i]);
            output.Dividends[i] = FixedRaw.ToU16Proportion(dividends[i]);
            output.ValidatorTrust[i] = FixedRaw.ToU16Proportion(_ws.ValidatorTrust[i]);
        }
    }

    /// <summary>§6.3 bonds: column max-upscale B_ema; new permits get the new row, lost permits an empty row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteBonds(EpochInput input, EpochOutput output)
    {
        var n = input.Count;
        var emaStart = _ws.EmaRowStart;
        var emaColumns = _ws.EmaColumns;
        var ema = _ws.EmaValues;
        var columnMax = _ws.ColumnSum;
        Array.Clear(columnMax, 0, n);
        var emaCount = emaStart[n];
        for (var e = 0; e < emaCount; e++)
        {
            if (columnMax[emaColumns[e]] < ema[e])
            {
                columnMax[emaColumns[e]] = ema[e];
            }
        }

        var entries = 0;
        for (var i = 0; i < n; i++)
        {
            entries += output.ValidatorPermit[i] ? emaStart[i + 1] - emaStart[i]
                : input.ValidatorPermit[i] ? 0
                : input.Bonds.RowStart[i + 1] - input.Bonds.RowStart[i];
        }

        output.EnsureBondCapacity(entries);
        var outColumns = output.BondColumns;
        var outValues = output.BondValues;
        var written = 0;
        output.BondRowStart[0] = 0;
        for (var i = 0; i < n; i++)
        {
            if (output.ValidatorPermit[i])
            {
                output.BondsWritten[i] = true;
                for (var e = emaStart[i]; e < emaStart[i + 1]; e++)
                {
                    var max = columnMax[emaColumns[e]];
                    var upscaled = max != 0 ? FixedRaw.Div(ema[e], max) : ema[e];
                    outColumns[written] = (ushort)emaColumns[e];
                    outValues[written++] = FixedRaw.ToU16Proportion(upscaled);
                }
            }
            else if (input.ValidatorPermit[i])
            {
                output.BondsWritten[i] = true;
            }
            else
            {
                output.BondsWritten[i] = false;
                input.Bonds.RowColumns(i).CopyTo(outColumns.AsSpan(written));
                input.Bonds.RowValues(i).CopyTo(outValues.AsSpan(written));
                written += input.Bonds.RowStart[i + 1] - input.Bonds.RowStart[i];
            }

            output.BondRowStart[i + 1] = written;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NormalizeColumns(int[] columns, long[] values, int count, long[] columnSum)
    {
        for (var e = 0; e < count; e++)
        {
            var sum = columnSum[columns[e]];
            if (sum != 0)
            {
                values[e] = FixedRaw.Div(values[e], sum);
            }
        }
    }
}
