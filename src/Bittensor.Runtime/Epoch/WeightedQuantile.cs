using System.Runtime.CompilerServices;

namespace Bittensor.Runtime.Epoch;

/// <summary>
/// The epoch's consensus median as an in-place weighted selection over (score, stake) members with positive stakes.
/// </summary>
/// <remarks>
/// The reference's recursive <c>weighted_median</c> partitions members around a pivot and compares exact fixed-point
/// sums, so when every member's stake is positive its result does not depend on member order or pivot choice: it is
/// the smallest score whose cumulative stake (scores ≤ it) exceeds <c>minority</c>; the smallest score when
/// <c>minority</c> is negative; the largest when <c>minority</c> reaches the total. This computes that value by
/// quickselect with a median-of-three pivot and branch-free partitions, in expected linear time. The epoch guarantees positive stakes (each is an
/// active stake renormalised over a sum of at most 1). Tests compare it against the reference algorithm.
/// </remarks>
internal static class WeightedQuantile
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Select(Span<long> score, Span<long> stake, long minority, long total)
    {
        var count = score.Length;
        if (count == 0)
        {
            return 0;
        }

        if (minority < 0 || minority >= total)
        {
            var extreme = score[0];
            foreach (var value in score)
            {
                extreme = minority < 0 ? Math.Min(extreme, value) : Math.Max(extreme, value);
            }

            return extreme;
        }

        // Invariant: lowerStake ≤ minority < lowerStake + Σ stake[left..right).
        var left = 0;
        var right = count;
        long lowerStake = 0;
        while (true)
        {
            var pivot = MedianOfThree(score[left], score[left + ((right - left) >> 1)], score[right - 1]);
            var lessEnd = Partition(score, stake, left, right, pivot, equal: false, out var lessStake, out var equalStake);
            if (minority < lowerStake + lessStake)
            {
                right = lessEnd;
            }
            else if (minority < lowerStake + lessStake + equalStake)
            {
                return pivot;
            }
            else
            {
                lowerStake += lessStake + equalStake;
                left = Partition(score, stake, lessEnd, right, pivot, equal: true, out _, out _);
            }
        }
    }

    /// <summary>
    /// Branch-free Lomuto partition of [left, right): members whose score is below the pivot (or, with
    /// <paramref name="equal"/>, equal to it) move to the front; returns where they end. The comparisons are
    /// unpredictable, so no branch depends on them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Partition(Span<long> score, Span<long> stake, int left, int right, long pivot, bool equal, out long lessStake, out long equalStake)
    {
        var end = left;
        long less = 0;
        long same = 0;
        for (var i = left; i < right; i++)
        {
            var s = score[i];
            var t = stake[i];
            var isLess = s < pivot;
            var isEqual = s == pivot;
            var moves = equal ? isEqual : isLess;
            score[i] = score[end];
            stake[i] = stake[end];
            score[end] = s;
            stake[end] = t;
            end += moves ? 1 : 0;
            less += t & -(isLess ? 1L : 0L);
            same += t & -(isEqual ? 1L : 0L);
        }

        lessStake = less;
        equalStake = same;
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long MedianOfThree(long a, long b, long c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

}
