using Bittensor.Neurons.Validators;

namespace Bittensor.Neurons.Tests;

/// <summary>The scoring maths of spec §4.1 against values worked out by hand from the formulas.</summary>
public sealed class ValidatorMathTests
{
    private const double Tight = 1e-12;

    [Fact]
    public void ScalingLaw_FollowsThePowerLawAndStopsAtTheLossFloor()
    {
        // params(e) = 8.8e13 · e^(−1/0.076)
        Assert.Equal(8.8e13 * Math.Exp(-1 / 0.076), ScalingLaw.Params(Math.E), 1e-3);
        // Halving the loss (above the floor) multiplies params by 2^(1/0.076).
        Assert.Equal(Math.Pow(2, 1 / 0.076), ScalingLaw.Params(2) / ScalingLaw.Params(4), 1e-6);
        Assert.Equal(ScalingLaw.Params(1.69), ScalingLaw.Params(0.5));
        Assert.Equal(Math.Sqrt(ScalingLaw.Params(3)), ScalingLaw.Base(3, 0.5), 1e-6);
    }

    [Fact]
    public void PhraseCrossEntropy_SingleTokens_ScoresTheFirstTokenAgainstTheNormalisedTopK()
    {
        // Σp = 0.75 and floor·(50257 − 2) = 0.25: already normalised.
        var floor = 0.25 / 50255;
        Phrase[] phrases = [new([5], 0.5), new([7], 0.25)];

        var hit = PhraseCrossEntropy.Row([5, 9], phrases, floor);
        Assert.Equal(-Math.Log(0.5), hit.Loss, Tight);
        Assert.Equal(-Math.Log(0.5), hit.ValidationLoss, Tight);

        var miss = PhraseCrossEntropy.Row([8], phrases, floor);
        Assert.Equal(-Math.Log(floor), miss.Loss, 1e-9);
        Assert.Equal(-Math.Log(floor), miss.ValidationLoss, 1e-9);
    }

    [Fact]
    public void PhraseCrossEntropy_NormalisesByTopKPlusTheFloorOverTheRestOfTheVocabulary()
    {
        // total = 0.2 + 50256 · 1e-5 = 0.70256
        var loss = PhraseCrossEntropy.Row([3], [new([3], 0.2)], 1e-5);
        Assert.Equal(-Math.Log(0.2 / 0.70256), loss.Loss, 1e-9);
    }

    [Fact]
    public void PhraseCrossEntropy_MultiTokenPhrasesThatArePrefixesOfTheTruthAddUp()
    {
        // total = 0.8 (floor 0); m_1 = 0.4/0.8, m_2 = 0.3/0.8; the validation loss counts every phrase starting with 5.
        Phrase[] phrases = [new([5], 0.4), new([5, 9], 0.3), new([6], 0.1)];
        var loss = PhraseCrossEntropy.Row([5, 9, 2], phrases, 0);
        Assert.Equal(-Math.Log(0.875), loss.Loss, Tight);
        Assert.Equal(-Math.Log(0.7 / 0.8), loss.ValidationLoss, Tight);
    }

    [Fact]
    public void PhraseCrossEntropy_NaNBecomesTwenty()
    {
        var loss = PhraseCrossEntropy.Row([1], [new([1], double.NaN)], 0);
        Assert.Equal(20, loss.Loss);
        Assert.Equal(20, loss.ValidationLoss);
    }

    [Fact]
    public void ShapleySynergy_RewardsComplementaryMinersAndNotRedundantOnes()
    {
        // Rows where each miner is good where the other is bad: the mixture's loss −ln((e^−1 + e^−5)/2) beats both means (3).
        var measured = -Math.Log((Math.Exp(-1) + Math.Exp(-5)) / 2);
        var shares = ShapleySynergy.Compute([[1.0, 5.0], [5.0, 1.0]], 0.5);
        var expected = (Math.Sqrt(ScalingLaw.Params(measured)) - Math.Sqrt(ScalingLaw.Params(3))) / 2 / 2;
        Assert.Equal(expected, shares[0].Synergy, 1e-6 * expected);
        Assert.Equal(expected, shares[1].Synergy, 1e-6 * expected);
        Assert.Equal((3 - measured) / 4, shares[0].LossDifference, Tight);

        // One miner better everywhere: the mixture is worse than the better one, nothing to share.
        var redundant = ShapleySynergy.Compute([[2.0], [3.0]], 0.5);
        Assert.Equal(0, redundant[0].Synergy);
        Assert.Equal(0, redundant[1].LossDifference);
    }

    [Fact]
    public void ShapleySynergy_SplitsEachPairsGainOverTheNumberOfResponders()
    {
        var three = ShapleySynergy.Compute([[1.0, 5.0], [5.0, 1.0], [5.0, 5.0]], 1);
        var measured = -Math.Log((Math.Exp(-1) + Math.Exp(-5)) / 2);
        var pair01 = (ScalingLaw.Params(measured) - ScalingLaw.Params(3)) / 2 / 3;
        var measured02 = (-Math.Log((Math.Exp(-1) + Math.Exp(-5)) / 2) - Math.Log(Math.Exp(-5))) / 2;
        var pair02 = Math.Max(ScalingLaw.Params(measured02) - ScalingLaw.Params(3), 0) / 2 / 3;
        Assert.Equal(pair01 + pair02, three[0].Synergy, 1e-6 * three[0].Synergy);
    }

    [Fact]
    public void LogitsDivergence_PenalisesTheOutlierOnly()
    {
        Dictionary<int, double> same = new() { [1] = 1 };
        Dictionary<int, double> other = new() { [2] = 1 };
        var excess = LogitsDivergence.Excess([[same], [same], [other]]);

        // average {1: 2/3, 2: 1/3}; Hellinger distances of the two alike and of the outlier:
        var near = Math.Sqrt(0.5 * (Math.Pow(1 - Math.Sqrt(2.0 / 3), 2) + (1.0 / 3)));
        var far = Math.Sqrt(0.5 * ((2.0 / 3) + Math.Pow(1 - Math.Sqrt(1.0 / 3), 2)));
        var mean = ((2 * near) + far) / 3;
        var sigma = Math.Sqrt(((2 * Math.Pow(near - mean, 2)) + Math.Pow(far - mean, 2)) / 2);
        var expected = Math.Clamp(Math.Pow((far - (mean + sigma)) / (sigma + 1e-9), 3), 0, 10);
        Assert.Equal(0, excess[0]);
        Assert.Equal(0, excess[1]);
        Assert.Equal(expected, excess[2], 1e-9);
        Assert.True(expected > 0);
    }

    [Fact]
    public void LogitsDivergence_SingleResponderIsNaN()
    {
        Assert.True(double.IsNaN(LogitsDivergence.Excess([[new Dictionary<int, double> { [1] = 1 }]])[0]));
    }

    [Fact]
    public void MovingAverages_InitialiseSkipNaNAndZero()
    {
        Assert.Equal(3, MovingAverage.Update(null, 3));
        Assert.Equal(3.2, MovingAverage.Update(3, 5)!.Value, Tight);
        Assert.Equal(3, MovingAverage.Update(3, double.NaN));
        Assert.Null(MovingAverage.Update(null, double.NaN));
        Assert.Equal(0.9, MovingAverage.Zeroing(1, null), Tight);
        Assert.Equal(1.1, MovingAverage.Zeroing(1, 2), Tight);
        Assert.Equal(0.2, MovingAverage.Zeroing(0, 2), Tight);
    }

    [Theory]
    [InlineData(0.1, 1.3)]
    [InlineData(0.5, 2.5)]
    [InlineData(0, 1)]
    [InlineData(1, 4)]
    public void Quantile_InterpolatesLinearlyAsTorch(double q, double expected)
    {
        Assert.Equal(expected, WeightCalculation.Quantile([4.0, 1, 3, 2], q), Tight);
    }

    [Fact]
    public void NormalizeMaxWeight_CapsTheLargestAndRenormalises()
    {
        // sorted shares 0.1, 0.1, 0.8; two stay under the cap; cutoff (0.5·0.2 − 1e−7)/(1 − 0.5·1) = 0.2 − 2e−7.
        var capped = WeightCalculation.NormalizeMaxWeight([0.1, 0.8, 0.1], 0.5);
        var cutoff = 0.2 - 2e-7;
        Assert.Equal(0.1 / (0.2 + cutoff), capped[0], Tight);
        Assert.Equal(cutoff / (0.2 + cutoff), capped[1], Tight);
        Assert.True(capped[1] <= 0.5);

        Assert.Equal([0.25, 0.75], WeightCalculation.NormalizeMaxWeight([1.0, 3], 0.8));
        Assert.Equal([0.5, 0.5], WeightCalculation.NormalizeMaxWeight([1.0, 3], 0.5)); // count·limit ≤ 1: uniform
        Assert.Equal([0.5, 0.5], WeightCalculation.NormalizeMaxWeight([0.0, 0], 0.9));
    }

    [Fact]
    public void Calculate_DropsTheExcludeQuantileButKeepsTheMinimumNumber()
    {
        // Positive: uids 1..4 with 4, 1, 2, 3; the 0.1-quantile of those is 1.3, so uid 2 (score 1) goes.
        var (uids, weights) = WeightCalculation.Calculate([0, 4, 1, 2, 3], minAllowedWeights: 1, excludeQuantile: 0.1, maxWeightLimit: 1);
        Assert.Equal([1, 3, 4], uids);
        Assert.Equal(4.0 / 9, weights[0], Tight);
        Assert.Equal(2.0 / 9, weights[1], Tight);

        // With a minimum of 4 weights nothing may be excluded.
        Assert.Equal([1, 2, 3, 4], WeightCalculation.Calculate([0, 4, 1, 2, 3], 4, 0.1, 1).Uids);
        Assert.Empty(WeightCalculation.Calculate([0, 0], 1, 0.1, 1).Uids);
    }

    [Fact]
    public void Apply_FoldsAStepIntoMovingAveragesAndTheZeroingScore()
    {
        var stats = new Dictionary<int, MinerStats>();
        MinerAnswer[] answers =
        [
            new(1, [new AnswerRow([new Phrase([5], 0.5)], 0.5 / 50256)], 0.2),
            new(2, null, 1.5),
        ];
        var parameters = new ScoringParameters(0.5, 0.5, 0.02);
        var scores = ValidatorScoring.Score(answers, [[5]], parameters);
        var fresh = ValidatorScoring.Apply(stats, answers, scores, parameters, uid => $"hotkey{uid}");

        var loss = -Math.Log(0.5);
        var shapley = Math.Sqrt(ScalingLaw.Params(loss)); // one responder: no synergy, NaN excess skipped
        Assert.Equal(loss, stats[1].LossNxt!.Value, Tight);
        Assert.Null(stats[1].LogitsExcessNxt);
        Assert.Equal(shapley, fresh[1], 1e-9 * shapley);
        Assert.Equal(0.1 * shapley, stats[1].ShapleyScore, 1e-9 * shapley);
        Assert.Equal(0, stats[2].ShapleyScore);
        Assert.Equal(1.5, stats[2].ResponseTimeNxt);
        Assert.Equal("hotkey2", stats[2].Hotkey);

        // Next step uid 1 is silent: its score decays, its loss stays.
        MinerAnswer[] silent = [new(1, null, 12)];
        ValidatorScoring.Apply(stats, silent, ValidatorScoring.Score(silent, [[5]], parameters), parameters, uid => $"hotkey{uid}");
        Assert.Equal(0.09 * shapley, stats[1].ShapleyScore, 1e-9 * shapley);
        Assert.Equal(2, stats[1].Updates);
        Assert.Equal(1, stats[1].ShapleyUpdates);
        Assert.Equal(loss, stats[1].LossNxt!.Value, Tight);
    }
}
