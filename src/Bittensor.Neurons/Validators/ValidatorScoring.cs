namespace Bittensor.Neurons.Validators;

/// <summary>What one step measured for one responder, before it is folded into the moving averages.</summary>
public sealed record StepScore(int Uid, double Loss, double ValidationLoss, double Synergy, double SynergyLossDifference, double LogitsExcess, double[] RowLosses);

/// <summary>
/// One scoring step of spec §4.1 for TextCausalLMNext: losses per responder, pairwise Shapley synergy and logits
/// divergence over the responders, then the moving averages and the zeroing Shapley score of every queried uid.
/// </summary>
public static class ValidatorScoring
{
    /// <summary>Scores the responders among <paramref name="answers"/> against <paramref name="targets"/> (one continuation per row).</summary>
    public static IReadOnlyList<StepScore> Score(IReadOnlyList<MinerAnswer> answers, IReadOnlyList<int[]> targets, ScoringParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(parameters);
        var responders = answers.Where(a => a.Responded).ToList();
        var rowLosses = new List<double[]>();
        var validationLosses = new List<double>();
        var distributions = new List<IReadOnlyList<IReadOnlyDictionary<int, double>>>();
        foreach (var answer in responders)
        {
            if (answer.Rows!.Count != targets.Count)
            {
                throw new ArgumentException($"Uid {answer.Uid} answered {answer.Rows.Count} rows for {targets.Count} targets.", nameof(answers));
            }

            var losses = new double[targets.Count];
            double validation = 0;
            var rows = new List<IReadOnlyDictionary<int, double>>(targets.Count);
            for (var b = 0; b < targets.Count; b++)
            {
                var row = answer.Rows[b];
                var loss = PhraseCrossEntropy.Row(targets[b], row.Phrases, row.Floor);
                losses[b] = loss.Loss;
                validation += loss.ValidationLoss / targets.Count;
                rows.Add(LogitsDivergence.FirstTokenDistribution(row.Phrases, row.Floor));
            }

            rowLosses.Add(losses);
            validationLosses.Add(validation);
            distributions.Add(rows);
        }

        var synergy = ShapleySynergy.Compute(rowLosses, parameters.SynergyScalingLawPower);
        var excess = LogitsDivergence.Excess(distributions);
        return [.. responders.Select((a, r) => new StepScore(a.Uid, rowLosses[r].Average(), validationLosses[r], synergy[r].Synergy, synergy[r].LossDifference, excess[r], rowLosses[r]))];
    }

    /// <summary>
    /// Folds a step into <paramref name="stats"/> (created for uids seen the first time, with <paramref name="hotkeys"/>):
    /// every queried uid's measurements are EMA-updated (non-responders only their response time) and its counter
    /// raised; a responder's Shapley value is derived from the EMA'd stats (<c>params(loss)^power + synergy</c>, divided
    /// by <c>1 + penalty·excess</c>), EMA-merged, and moves the zeroing score; a non-responder's score decays.
    /// </summary>
    /// <returns>The fresh Shapley value of each responder.</returns>
    public static IReadOnlyDictionary<int, double> Apply(
        IDictionary<int, MinerStats> stats,
        IReadOnlyList<MinerAnswer> answers,
        IReadOnlyList<StepScore> scores,
        ScoringParameters parameters,
        Func<int, string> hotkeys)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(hotkeys);
        var byUid = scores.ToDictionary(s => s.Uid);
        var fresh = new Dictionary<int, double>();
        foreach (var answer in answers)
        {
            if (!stats.TryGetValue(answer.Uid, out var s))
            {
                s = new MinerStats { Hotkey = hotkeys(answer.Uid) };
                stats[answer.Uid] = s;
            }

            s.Updates++;
            s.ResponseTimeNxt = MovingAverage.Update(s.ResponseTimeNxt, answer.ResponseSeconds);
            if (!byUid.TryGetValue(answer.Uid, out var score))
            {
                s.ShapleyScore = MovingAverage.Zeroing(s.ShapleyScore, null);
                continue;
            }

            s.LossNxt = MovingAverage.Update(s.LossNxt, score.Loss);
            s.LossValNxt = MovingAverage.Update(s.LossValNxt, score.ValidationLoss);
            s.SynergyNxt = MovingAverage.Update(s.SynergyNxt, score.Synergy);
            s.SynergyLossDiffNxt = MovingAverage.Update(s.SynergyLossDiffNxt, score.SynergyLossDifference);
            s.LogitsExcessNxt = MovingAverage.Update(s.LogitsExcessNxt, score.LogitsExcess);

            var estimated = ScalingLaw.Params(s.LossNxt!.Value);
            var baseValue = Math.Pow(estimated, parameters.ScalingLawPower);
            var shapley = baseValue + (s.SynergyNxt ?? 0);
            if (s.LogitsExcessNxt is { } excess)
            {
                shapley /= 1 + (parameters.LogitsDivergencePenalty * excess);
            }

            s.EstParamsNxt = MovingAverage.Update(s.EstParamsNxt, estimated);
            s.BaseParamsNxt = MovingAverage.Update(s.BaseParamsNxt, baseValue);
            s.ShapleyValuesNxt = MovingAverage.Update(s.ShapleyValuesNxt, shapley);
            s.ShapleyScore = MovingAverage.Zeroing(s.ShapleyScore, shapley);
            s.ShapleyUpdates++;
            fresh[answer.Uid] = shapley;
        }

        return fresh;
    }
}
