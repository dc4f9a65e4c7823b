using Bittensor.Neurons.Validators;
using Bittensor.Primitives.Linear;
using Bittensor.Sdk.Weights;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// The validator's weights against the chain's max-weight rule: scores whose weights hit the cap must still give a
/// u16 vector that the runtime's check (max-upscale, normalise in I32F32, compare with limit/65535) accepts.
/// </summary>
public sealed class ValidatorWeightLimitTests
{
    [Fact]
    public void CappedWeights_AfterTheU16Encoding_PassTheChainsMaxWeightCheck()
    {
        var random = new Random(7);
        var refusedBefore = 0;
        var cases = 0;
        foreach (ushort limit in new ushort[] { 1000, 1311, 3277, 6553, 20000 })
        {
            for (var trial = 0; trial < 60; trial++)
            {
                // A few strong miners well above the cap, a long tail of weak ones.
                var n = 70 + random.Next(200);
                var scores = new double[n];
                var strong = 1 + random.Next(Math.Max(1, (ushort.MaxValue / limit) - 1));
                for (var uid = 0; uid < n; uid++)
                {
                    scores[uid] = uid < strong ? 5 + (20 * random.NextDouble()) : random.NextDouble() * 0.1;
                }

                var (uids, weights) = WeightCalculation.Calculate(scores, 1, 0.0, limit / 65535.0);
                if (weights.Max() < (limit / 65535.0) - 1e-5)
                {
                    continue;
                }

                cases++;

                var plain = WeightConversion.ForEmit(uids, weights);
                if (!ChainAccepts(plain.Values, limit))
                {
                    refusedBefore++;
                }

                var (emitUids, values) = WeightConversion.ForEmit(uids, weights, limit);
                Assert.True(ChainAccepts(values, limit), $"limit {limit}, trial {trial}: the chain would refuse the weights");
                Assert.True(WeightConversion.WithinMaxWeightLimit(values, limit));
                Assert.Equal(plain.Uids, emitUids);
                Assert.Equal(ushort.MaxValue, values.Max());

                // Still the same weights, give or take the u16 steps the fix needs.
                var sum = values.Sum(v => (double)v);
                var planned = uids.Zip(weights).ToDictionary(p => p.First, p => p.Second);
                for (var i = 0; i < values.Length; i++)
                {
                    Assert.Equal(planned[emitUids[i]], values[i] / sum, 1e-4);
                }
            }
        }

        // Most sets hit the cap, and without the fix a share of them would be refused.
        Assert.True(cases > 200, $"only {cases} of 300 sets hit the cap");
        Assert.True(refusedBefore > 0, $"none of {cases} capped sets was refused before the fix; the test no longer exercises the rounding");
    }

    [Fact]
    public void NoLimit_OrAnUnreachableLimit_LeavesThePlainEncoding()
    {
        ushort[] uids = [0, 1, 2];
        double[] weights = [0.7, 0.2, 0.1];
        Assert.Equal(WeightConversion.ForEmit(uids, weights).Values, WeightConversion.ForEmit(uids, weights, ushort.MaxValue).Values);

        // Three weights cannot all be at most 10 % of the total: nothing to improve.
        Assert.Equal(WeightConversion.ForEmit(uids, weights).Values, WeightConversion.ForEmit(uids, weights, 6553).Values);
    }

    /// <summary>The runtime's rule in set_weights, on the chain's own helpers.</summary>
    private static bool ChainAccepts(ushort[] values, ushort limit) =>
        VectorMath.CheckMaxLimited(VectorMath.MaxUpscaleToU16(values), limit);
}
