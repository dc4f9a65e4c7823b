using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Primitives.Linear;

/// <summary>
/// The stake-weighted median of the reference (<c>math.rs: weighted_median</c>), computed without recursion or
/// allocation: each step partitions the current members around the score of the middle member, keeping the members'
/// order, exactly as the reference's recursive version does.
/// </summary>
public static class WeightedMedian
{
    /// <summary>
    /// The score level at which the stake below reaches <paramref name="minority"/>, searched over the members listed
    /// in <paramref name="partition"/> whose stake lies between <paramref name="lo"/> and <paramref name="hi"/>.
    /// </summary>
    public static I32F32 Compute(
        ReadOnlySpan<I32F32> stake,
        ReadOnlySpan<I32F32> score,
        ReadOnlySpan<int> partition,
        I32F32 minority,
        I32F32 lo,
        I32F32 hi)
    {
        var scratch = new int[partition.Length * 2];
        return Compute(stake, score, partition, minority, lo, hi, scratch);
    }

    /// <summary>
    /// As <see cref="Compute(ReadOnlySpan{I32F32}, ReadOnlySpan{I32F32}, ReadOnlySpan{int}, I32F32, I32F32, I32F32)"/>,
    /// with caller-provided scratch space of at least twice the partition's length.
    /// </summary>
    public static I32F32 Compute(
        ReadOnlySpan<I32F32> stake,
        ReadOnlySpan<I32F32> score,
        ReadOnlySpan<int> partition,
        I32F32 minority,
        I32F32 lo,
        I32F32 hi,
        Span<int> scratch)
    {
        var count = partition.Length;
        if (count == 0)
        {
            return I32F32.Zero;
        }

        if (count == 1)
        {
            return score[partition[0]];
        }

        var bufferA = scratch[..count];
        var bufferB = scratch.Slice(count, count);
        ReadOnlySpan<int> current = partition;
        var next = bufferA;
        var spare = bufferB;
        while (true)
        {
            if (current.Length == 0)
            {
                return I32F32.Zero;
            }

            if (current.Length == 1)
            {
                return score[current[0]];
            }

            var pivot = score[current[current.Length / 2]];
            long lowerStake = 0;
            long upperStake = 0;
            var lowerCount = 0;
            var upperCount = 0;
            foreach (var member in current)
            {
                var value = score[member];
                if (value < pivot)
                {
                    lowerStake = checked(lowerStake + stake[member].Raw);
                    lowerCount++;
                }
                else if (value > pivot)
                {
                    upperStake = checked(upperStake + stake[member].Raw);
                    upperCount++;
                }
            }

            var lowerBound = lo + I32F32.FromRaw(lowerStake);
            var upperBound = hi - I32F32.FromRaw(upperStake);
            if (lowerBound <= minority && minority < upperBound)
            {
                return pivot;
            }

            var goLower = minority < lowerBound && lowerCount > 0;
            var goUpper = !goLower && upperBound <= minority && upperCount > 0;
            if (!goLower && !goUpper)
            {
                return pivot;
            }

            var written = 0;
            foreach (var member in current)
            {
                var value = score[member];
                if (goLower ? value < pivot : value > pivot)
                {
                    next[written++] = member;
                }
            }

            if (goLower)
            {
                hi = lowerBound;
            }
            else
            {
                lo = upperBound;
            }

            current = next[..written];
            var swap = next;
            next = spare;
            spare = swap;
        }
    }
}
