using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Linear;
using Bittensor.Runtime.Epoch;
using Bittensor.Runtime.Epoch.Simulation;
using Bittensor.TestKit;

namespace Bittensor.Runtime.Tests;

/// <summary>The sparse epoch against independent formulations on inputs the vectors do not cover.</summary>
public sealed class EpochPropertyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 300)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Sparse_AgreesWithDense_OnRandomSubnets(int seed)
    {
        var input = RandomSubnet.Generate(seed);
        Assert.Equal(EpochResultJson.Write(DenseEpoch.Compute(input)), EpochResultJson.Write(YumaEpoch.Compute(input)));
    }

    [Theory]
    [InlineData(1, 1UL)]
    [InlineData(65, 2UL)]
    [InlineData(200, 3UL)]
    public void Sparse_AgreesWithDense_OnSyntheticSubnets(int n, ulong seed)
    {
        var input = SyntheticSubnet.Generate(n, seed);
        Assert.Equal(EpochResultJson.Write(DenseEpoch.Compute(input)), EpochResultJson.Write(YumaEpoch.Compute(input)));
    }

    [Fact]
    public void WeightedQuantile_EqualsReferenceWeightedMedian_ForPositiveStakes()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var m = random.Next(1, 40);
            var stake = new long[m];
            var score = new long[m];
            var levels = random.Next(1, 6);
            for (var k = 0; k < m; k++)
            {
                stake[k] = random.Next(4) == 0 ? random.Next(1, 5) : random.NextInt64(1, 1L << 28);
                score[k] = random.Next(3) == 0 ? random.Next(levels) << 20 : random.NextInt64(0, (1L << 32) + 1);
            }

            var total = stake.Sum();
            var minority = random.Next(5) switch
            {
                0 => -random.NextInt64(1, 1L << 32),
                1 => total + random.NextInt64(0, 3),
                2 => total - 1,
                3 => 0,
                _ => random.NextInt64(0, total),
            };
            var expected = WeightedMedian.Compute(
                stake.Select(I32F32.FromRaw).ToArray(),
                score.Select(I32F32.FromRaw).ToArray(),
                Enumerable.Range(0, m).ToArray(),
                I32F32.FromRaw(minority),
                I32F32.Zero,
                I32F32.FromRaw(total));
            var actual = WeightedQuantile.Select((long[])score.Clone(), (long[])stake.Clone(), minority, total);
            Assert.True(expected.Raw == actual, $"trial {trial}: expected {expected.Raw}, got {actual}");
        }
    }

    [Fact]
    public void EmptySubnet_ProducesEmptyOutput()
    {
        var input = new EpochInput(1, 1_000_000_000, EpochParameters.Default, [], [], [], [], SparseU16Matrix.Empty(0), SparseU16Matrix.Empty(0));
        Assert.Equal(0, YumaEpoch.Compute(input).Count);
        Assert.Equal(0, DenseEpoch.Compute(input).Count);
    }

    [Fact]
    public void EmissionNeverExceedsTheEpochsRao()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var input = RandomSubnet.Generate(seed);
            var output = YumaEpoch.Compute(input);
            var paid = output.ServerEmission.Aggregate(0UL, (s, e) => s + e) + output.ValidatorEmission.Aggregate(0UL, (s, e) => s + e);
            Assert.True(paid <= input.RaoEmission, $"seed {seed}: paid {paid} of {input.RaoEmission}");
        }
    }

    [Fact]
    public void StakeBeyondTheFixedPointRange_IsReportedNotWrapped()
    {
        var input = new EpochInput(
            10, 1, EpochParameters.Default, [ulong.MaxValue / 2, ulong.MaxValue / 2], [10, 10], [0, 0], [true, true],
            SparseU16Matrix.Empty(2), SparseU16Matrix.Empty(2));
        Assert.Throws<OverflowException>(() => YumaEpoch.Compute(input));
    }
}
