using System.Runtime.CompilerServices;
using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Runtime.Epoch;

public sealed partial class YumaEpoch
{
    /// <summary>
    /// Steps 5a–d: weights of permitted validators, without self-weights and outdated entries, row-normalised.
    /// Rows come out in ascending column order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LoadWeights(EpochInput input)
    {
        var n = input.Count;
        var weights = input.Weights;
        var rowStart = _ws.WeightRowStart;
        var columns = _ws.WeightColumns;
        var values = _ws.WeightValues;
        var keys = _ws.RowKeys;
        var count = 0;
        rowStart[0] = 0;
        for (var i = 0; i < n; i++)
        {
            if (input.ValidatorPermit[i])
            {
                var lastUpdate = input.LastUpdate[i];
                var rowColumns = weights.RowColumns(i);
                var rowValues = weights.RowValues(i);
                var kept = 0;
                var sorted = true;
                long previous = -1;
                for (var e = 0; e < rowColumns.Length; e++)
                {
                    int j = rowColumns[e];
                    if (j >= n || j == i || lastUpdate <= input.BlockAtRegistration[j])
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

                long sum = 0;
                foreach (var key in rowKeys)
                {
                    sum += key & 0xFFFF;
                }

                foreach (var key in rowKeys)
                {
                    var w = key & 0xFFFF;
                    columns[count] = (int)(key >> 16);
                    // I32F32(w) / I32F32(Σw) = trunc(w·2^32 / Σw); rows summing to 0 hold only zeros.
                    values[count] = sum > 0 ? (w << 32) / sum : 0;
                    count++;
                }
            }

            rowStart[i + 1] = count;
        }
    }

    /// <summary>
    /// Sorts one row's (column, value) keys by column. Long rows are placed by column into a slot table and read back
    /// in column order (O(n)), which beats a comparison sort once a row holds more than a few percent of the uids.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SortRow(Span<long> rowKeys, int n)
    {
        if (rowKeys.Length * 16 < n)
        {
            rowKeys.Sort();
            return;
        }

        var slots = _ws.ColumnSlots;
        foreach (var key in rowKeys)
        {
            slots[(int)(key >> 16)] = key;
        }

        var k = 0;
        for (var j = 0; j < n; j++)
        {
            if (slots[j] >= 0)
            {
                rowKeys[k++] = slots[j];
                slots[j] = -1;
            }
        }
    }

    /// <summary>Step 7: C[j], the stake-weighted median of column j over validators with active stake.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeConsensus(int n, ushort kappa)
    {
        var active = _ws.ActiveStake;
        var rank = _ws.StakeRank;
        var rankedStake = _ws.RankedStake;
        long activeSum = 0;
        var ranked = 0;
        for (var i = 0; i < n; i++)
        {
            if (active[i] > 0)
            {
                rank[i] = ranked;
                rankedStake[ranked++] = active[i];
                activeSum += active[i];
            }
            else
            {
                rank[i] = -1;
            }
        }

        var consensus = _ws.Consensus;
        Array.Clear(consensus, 0, n);
        if (ranked == 0)
        {
            return;
        }

        // Renormalise the positive active stakes; each stays ≥ 1 raw because their sum is at most 1.
        NormalizeInPlace(rankedStake.AsSpan(0, ranked), activeSum);
        var total = Sum(rankedStake.AsSpan(0, ranked));
        var minority = total - I32F32.FromU16Proportion(kappa).Raw;
        BuildColumnIndex(n);

        var colStart = _ws.ColumnStart;
        var colRank = _ws.ColumnRank;
        var colValue = _ws.ColumnValue;
        var memberStake = _ws.MemberStake;
        var memberScore = _ws.MemberScore;
        for (var j = 0; j < n; j++)
        {
            var members = 0;
            long coveredStake = 0;
            for (var e = colStart[j]; e < colStart[j + 1]; e++)
            {
                var s = rankedStake[colRank[e]];
                memberStake[members] = s;
                memberScore[members++] = colValue[e];
                coveredStake += s;
            }

            // Validators without an entry in this column score 0; the median depends only on the stake at each
            // score level, so they join as one member holding their combined stake.
            if (members < ranked)
            {
                memberStake[members] = total - coveredStake;
                memberScore[members++] = 0;
            }

            consensus[j] = WeightedQuantile.Select(memberScore.AsSpan(0, members), memberStake.AsSpan(0, members), minority, total);
        }
    }

    /// <summary>Transposes the weights of validators with active stake into a column index (rank, value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildColumnIndex(int n)
    {
        var colStart = _ws.ColumnStart;
        var fill = _ws.ColumnFill;
        var rank = _ws.StakeRank;
        var rowStart = _ws.WeightRowStart;
        var columns = _ws.WeightColumns;
        var values = _ws.WeightValues;
        Array.Clear(fill, 0, n);
        for (var i = 0; i < n; i++)
        {
            if (rank[i] < 0)
            {
                continue;
            }

            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                fill[columns[e]]++;
            }
        }

        colStart[0] = 0;
        for (var j = 0; j < n; j++)
        {
            colStart[j + 1] = colStart[j] + fill[j];
            fill[j] = colStart[j];
        }

        var colRank = _ws.ColumnRank;
        var colValue = _ws.ColumnValue;
        for (var i = 0; i < n; i++)
        {
            var r = rank[i];
            if (r < 0)
            {
                continue;
            }

            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                var slot = fill[columns[e]]++;
                colRank[slot] = r;
                colValue[slot] = values[e];
            }
        }
    }

    /// <summary>Step 8: W[i][j] = min(W[i][j], C[j]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ClipWeights()
    {
        var consensus = _ws.Consensus;
        var columns = _ws.WeightColumns;
        var values = _ws.WeightValues;
        var count = _ws.WeightRowStart[_ws.Count];
        for (var e = 0; e < count; e++)
        {
            // Branch-free min: the comparison is unpredictable and both values are below 2^62.
            var difference = values[e] - consensus[columns[e]];
            values[e] -= difference & ~(difference >> 63);
        }
    }

    /// <summary>Steps 9–12: validator trust, ranks, trust, incentive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeRanksAndTrust(int n)
    {
        var rowStart = _ws.WeightRowStart;
        var values = _ws.WeightValues;
        var validatorTrust = _ws.ValidatorTrust;
        for (var i = 0; i < n; i++)
        {
            long sum = 0;
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                sum += values[e];
            }

            validatorTrust[i] = sum;
        }

        var ranks = _ws.Ranks;
        MatMulColumns(_ws.ActiveStake, values, ranks);
        var preRanks = _ws.PreRanks;
        var trust = _ws.Trust;
        for (var j = 0; j < n; j++)
        {
            trust[j] = preRanks[j] != 0 ? FixedRaw.Div(ranks[j], preRanks[j]) : 0;
        }

        NormalizeInPlace(ranks.AsSpan(0, n), Sum(ranks.AsSpan(0, n)));
    }
}
