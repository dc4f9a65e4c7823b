using Bittensor.Sdk.Weights;

namespace Bittensor.Sdk.Tests;

public sealed class WeightConversionTests
{
    [Fact]
    public void The_largest_weight_becomes_65535_and_the_others_keep_their_ratio()
    {
        var (uids, values) = WeightConversion.ForEmit([1, 2, 5], [0.5, 0.25, 0.125]);

        Assert.Equal([1, 2, 5], uids);
        // 65535 / 2 = 32767.5 → 32768 (half to even); 65535 / 4 = 16383.75 → 16384.
        Assert.Equal([65535, 32768, 16384], values);
    }

    [Fact]
    public void Equal_weights_are_all_65535_whatever_their_scale()
    {
        Assert.Equal([65535, 65535], WeightConversion.ForEmit([0, 1], [0.5, 0.5]).Values);
        Assert.Equal([65535, 65535], WeightConversion.ForEmit([0, 1], [3, 3]).Values);
    }

    [Fact]
    public void Weights_that_round_to_zero_drop_their_uid()
    {
        var (uids, values) = WeightConversion.ForEmit([3, 4], [1, 1e-6]);

        Assert.Equal([3], uids);
        Assert.Equal([65535], values);
    }

    [Fact]
    public void All_zero_weights_give_empty_lists()
    {
        var (uids, values) = WeightConversion.ForEmit([3, 4], [0, 0]);

        Assert.Empty(uids);
        Assert.Empty(values);
    }

    [Theory]
    [InlineData(new ushort[] { 1, 2 }, new double[] { 1 }, "2 uids but 1 weights")]
    [InlineData(new ushort[] { 1, 1 }, new double[] { 1, 1 }, "Uid 1 appears more than once")]
    [InlineData(new ushort[] { 1, 2 }, new double[] { 1, -1 }, "uid 2 is -1")]
    [InlineData(new ushort[] { 1 }, new double[] { double.NaN }, "finite")]
    public void Bad_input_is_refused_with_a_message_naming_it(ushort[] uids, double[] weights, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => WeightConversion.ForEmit(uids, weights));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
