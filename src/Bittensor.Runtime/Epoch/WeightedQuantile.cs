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
/// quickselect with a median-of-three pivot, in expected linear time. The epoch guarantees positive stakes (each is an
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

            // Three-way partition: [left, lt) < pivot, [lt, i) == pivot, [gt, right) > pivot.
            var lt = left;
            var i = left;
            var gt = right;
            long lessStake = 0;
            long equalStake = 0;
            while (i < gt)
            {
                var value = score[i];
                if (value < pivot)
                {
                    lessStake += stake[i];
                    Swap(score, stake, lt++, i++);
                }
                else if (value > pivot)
                {
                    Swap(score, stake, i, --gt);
                }
                else
                {
                    equalStake += stake[i];
                    i++;
                }
            }

            if (minority < lowerStake + lessStake)
            {
                right = lt;
            }
            else if (minority < lowerStake + lessStake + equalStake)
            {
                return pivot;
            }
            else
            {
                lowerStake += lessStake + equalStake;
                left = gt;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long MedianOfThree(long a, long b, long c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(Span<long> score, Span<long> stake, int a, int b)
    {
        (score[a], score[b]) = (score[b], score[a]);
        (stake[a], stake[b]) = (stake[b], stake[a]);
    }
}
