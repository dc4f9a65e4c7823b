using System.Diagnostics;
using Bittensor.Models.Sampling;

namespace Bittensor.Models.Gpt;

/// <summary>How a <see cref="GptTrainer"/> trains.</summary>
public sealed record GptTrainingOptions
{
    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Tokens per row; 0 means the model's context length.</summary>
    public int SequenceLength { get; init; }

    /// <summary>The peak learning rate, reached after warm-up (the default suits the tiny and small presets).</summary>
    public float MaxLearningRate { get; init; } = 2e-3f;

    /// <summary>The floor the cosine decays to at the end of the budget.</summary>
    public float MinLearningRate { get; init; } = 2e-4f;

    public int WarmupSteps { get; init; } = 30;

    /// <summary>The global gradient-norm limit; 0 turns clipping off.</summary>
    public float GradientClip { get; init; } = 1f;

    public AdamWOptions Optimizer { get; init; } = new();

    /// <summary>Seeds the batch sampler: batch <c>s</c> is a function of the seed and <c>s</c> alone.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Evaluate the held-out stream every this much training time (null: only at the end).</summary>
    public TimeSpan? EvaluateEvery { get; init; }

    /// <summary>Evaluate the held-out stream every this many steps (0: never by steps).</summary>
    public int EvaluateEverySteps { get; init; }

    /// <summary>At most this many context-length windows of the held-out stream per evaluation (evenly spaced).</summary>
    public int EvaluationWindows { get; init; } = 64;

    /// <summary>Held-out windows start this many tokens apart (0: half the context; see <see cref="GptModel.Evaluate"/>).</summary>
    public int EvaluationStride { get; init; }

    /// <summary>Report progress every this many steps (evaluations are always reported).</summary>
    public int ProgressEverySteps { get; init; } = 1;
}

/// <summary>
/// When training stops: after a total number of optimizer steps, or a total training time (evaluation time not
/// counted), whichever is set; both count what a resumed trainer did before.
/// </summary>
public readonly record struct GptTrainingBudget(long? TotalSteps, TimeSpan? TotalTime)
{
    public static GptTrainingBudget Steps(long steps) =>
        steps > 0 ? new(steps, null) : throw new ArgumentOutOfRangeException(nameof(steps), steps, "Train for at least one step.");

    public static GptTrainingBudget Time(TimeSpan time) =>
        time > TimeSpan.Zero ? new(null, time) : throw new ArgumentOutOfRangeException(nameof(time), time, "Train for a positive time.");
}

/// <summary>One progress report.</summary>
/// <param name="Step">Optimizer steps taken so far.</param>
/// <param name="Fraction">How far through the budget (0 to 1).</param>
/// <param name="Loss">The mean training loss (nats) of the steps since the last report.</param>
/// <param name="LearningRate">The learning rate of the last step.</param>
/// <param name="GradientNorm">The last step's gradient norm before clipping.</param>
/// <param name="Tokens">Training tokens (predictions) processed so far.</param>
/// <param name="TokensPerSecond">Training throughput of this run, evaluation excluded.</param>
/// <param name="Elapsed">Training time so far, evaluation excluded.</param>
/// <param name="HeldOut">Set when this report comes with a held-out evaluation.</param>
public sealed record GptTrainingProgress(
    long Step, double Fraction, float Loss, float LearningRate, float GradientNorm, long Tokens, double TokensPerSecond, TimeSpan Elapsed,
    GptEvaluation? HeldOut);

/// <summary>A trainer's resumable state: the optimizer's, the tokens processed and the training time so far.</summary>
public sealed record GptTrainerState(AdamW.State Optimizer, long TokensSeen, TimeSpan TrainedTime);

/// <summary>What a <see cref="GptTrainer.Train"/> call did.</summary>
public sealed record GptTrainingResult(long Steps, long Tokens, TimeSpan Elapsed, double TokensPerSecond, float LastLoss, GptEvaluation? HeldOut, bool Cancelled);

/// <summary>
/// Trains a <see cref="GptModel"/> on a token stream: deterministic random windows, AdamW, gradient clipping, warm-up
/// then cosine decay over the budget, periodic held-out evaluation and progress reports.
/// </summary>
public sealed class GptTrainer
{
    private readonly int[] _train;
    private readonly int[]? _heldOut;
    private readonly int[] _inputs;
    private readonly int[] _targets;

    public GptTrainer(GptModel model, int[] trainTokens, int[]? heldOutTokens = null, GptTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainTokens);
        Model = model;
        Options = options ?? new GptTrainingOptions();
        Time = Options.SequenceLength == 0 ? model.Config.ContextLength : Options.SequenceLength;
        if (Time < 1 || Time > model.Config.ContextLength)
        {
            throw new ArgumentException($"The sequence length {Options.SequenceLength} must lie in [1, {model.Config.ContextLength}] (0 for the context length).");
        }

        if (Options.BatchSize < 1)
        {
            throw new ArgumentException($"The batch size {Options.BatchSize} must be at least 1.");
        }

        if (trainTokens.Length < Time + 1)
        {
            throw new ArgumentException($"The training stream holds {trainTokens.Length} tokens; it needs at least {Time + 1} (one window and its next token).");
        }

        var size = model.Config.TokenVocabularySize;
        var bad = Array.FindIndex(trainTokens, t => (uint)t >= (uint)size);
        if (bad >= 0)
        {
            throw new ArgumentException($"Training token {bad} is id {trainTokens[bad]}, outside the vocabulary [0, {size}).");
        }

        _train = trainTokens;
        _heldOut = heldOutTokens is { Length: >= 2 } ? heldOutTokens : null;
        _inputs = new int[Options.BatchSize * Time];
        _targets = new int[Options.BatchSize * Time];
        Optimizer = new AdamW(model.Parameters, Options.Optimizer);
        Schedule = new LearningRateSchedule(Options.MaxLearningRate, Options.MinLearningRate, Options.WarmupSteps);
    }

    public GptModel Model { get; }

    public GptTrainingOptions Options { get; }

    public AdamW Optimizer { get; }

    public LearningRateSchedule Schedule { get; }

    /// <summary>Tokens per training row.</summary>
    public int Time { get; }

    /// <summary>Optimizer steps taken (restored with the optimizer state).</summary>
    public long Step => Optimizer.Step;

    /// <summary>Training tokens processed; set it when resuming from a checkpoint.</summary>
    public long TokensSeen { get; set; }

    /// <summary>Training time so far, evaluation excluded; set it when resuming from a checkpoint.</summary>
    public TimeSpan TrainedTime { get; set; }

    /// <summary>What a checkpoint needs besides the weights to resume this trainer exactly.</summary>
    public GptTrainerState ExportState() => new(Optimizer.Export(), TokensSeen, TrainedTime);

    /// <summary>Restores <see cref="ExportState"/>'s result (the weights are restored separately).</summary>
    public void ImportState(GptTrainerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.TokensSeen < 0 || state.TrainedTime < TimeSpan.Zero)
        {
            throw new ArgumentException($"Trainer state with {state.TokensSeen} tokens and {state.TrainedTime} of training is not valid.", nameof(state));
        }

        Optimizer.Import(state.Optimizer);
        TokensSeen = state.TokensSeen;
        TrainedTime = state.TrainedTime;
    }

    /// <summary>
    /// Fills <paramref name="inputs"/> and <paramref name="targets"/> ([batch, time]) with the windows of batch
    /// <paramref name="step"/>: each row starts at a position drawn from (seed, step, row) alone, so a resumed run
    /// sees the same batches.
    /// </summary>
    public static void SampleBatch(ReadOnlySpan<int> tokens, int seed, long step, int batch, int time, Span<int> inputs, Span<int> targets)
    {
        var starts = tokens.Length - time;
        if (starts < 1)
        {
            throw new ArgumentException($"A stream of {tokens.Length} tokens has no window of {time + 1}.", nameof(tokens));
        }

        for (var row = 0; row < batch; row++)
        {
            var state = ((ulong)(uint)seed << 32) ^ ((ulong)step * 0x9E3779B97F4A7C15UL) ^ ((ulong)row * 0xD1B54A32D192ED03UL);
            var start = (int)(Xoshiro256StarStar.SplitMix64(ref state) % (ulong)starts);
            tokens.Slice(start, time).CopyTo(inputs.Slice(row * time, time));
            tokens.Slice(start + 1, time).CopyTo(targets.Slice(row * time, time));
        }
    }

    /// <summary>One optimizer step at <paramref name="learningRate"/> on the batch of the current step.</summary>
    public (float Loss, float GradientNorm) TrainStep(float learningRate)
    {
        SampleBatch(_train, Options.Seed, Step, Options.BatchSize, Time, _inputs, _targets);
        var loss = Model.ForwardBackward(_inputs, _targets, Options.BatchSize);
        if (!float.IsFinite(loss))
        {
            throw new InvalidOperationException($"The training loss became {loss} at step {Step}; lower the learning rate.");
        }

        var norm = AdamW.ClipGradients(Model.Parameters.Gradients, Options.GradientClip);
        Optimizer.Update(learningRate);
        TokensSeen += _inputs.Length;
        return (loss, norm);
    }

    /// <summary>The held-out loss over (at most <see cref="GptTrainingOptions.EvaluationWindows"/> windows of) the held-out stream.</summary>
    public GptEvaluation? EvaluateHeldOut() =>
        _heldOut is null ? null : Model.Evaluate(_heldOut, Options.BatchSize, Options.EvaluationWindows, Options.EvaluationStride);

    /// <summary>Trains until the budget is spent or <paramref name="cancellation"/> fires (between steps).</summary>
    public GptTrainingResult Train(GptTrainingBudget budget, Action<GptTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (budget.TotalSteps is null && budget.TotalTime is null)
        {
            throw new ArgumentException("Give the training a budget: a number of steps or a time.", nameof(budget));
        }

        var clock = Stopwatch.StartNew();
        var evaluating = TimeSpan.Zero;
        var startTime = TrainedTime;
        var startTokens = TokensSeen;
        var lastEvaluation = TrainedTime;
        var lastEvaluationStep = Step;
        double lossSum = 0;
        var lossCount = 0;
        var lastLoss = float.NaN;
        var lastRate = 0f;
        var lastNorm = 0f;
        GptEvaluation? heldOut = null;
        var cancelled = false;

        TimeSpan Now() => startTime + clock.Elapsed - evaluating;
        double Fraction()
        {
            if (budget.TotalSteps is { } total)
            {
                return Math.Clamp((double)Step / total, 0, 1);
            }

            return Math.Clamp(Now() / budget.TotalTime!.Value, 0, 1);
        }

        double Throughput()
        {
            var seconds = (Now() - startTime).TotalSeconds;
            return seconds > 0 ? (TokensSeen - startTokens) / seconds : 0;
        }

        bool Done() => budget.TotalSteps is { } s ? Step >= s : Now() >= budget.TotalTime!.Value;

        while (!Done())
        {
            if (cancellation.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            float lr;
            if (budget.TotalSteps is { } totalSteps)
            {
                lr = Schedule.AtStep(Step, totalSteps);
            }
            else
            {
                // Decay over the time left after warm-up, measured as a fraction of the whole budget.
                lr = Schedule.At(Step, Fraction());
            }

            var (loss, norm) = TrainStep(lr);
            (lastLoss, lastRate, lastNorm) = (loss, lr, norm);
            lossSum += loss;
            lossCount++;
            var evaluate = _heldOut is not null && (
                (Options.EvaluateEverySteps > 0 && Step - lastEvaluationStep >= Options.EvaluateEverySteps) ||
                (Options.EvaluateEvery is { } every && Now() - lastEvaluation >= every));
            GptEvaluation? evaluation = null;
            if (evaluate)
            {
                var mark = clock.Elapsed;
                evaluation = heldOut = EvaluateHeldOut();
                evaluating += clock.Elapsed - mark;
                lastEvaluation = Now();
                lastEvaluationStep = Step;
            }

            if (progress is not null && (evaluation is not null || Step % Math.Max(1, Options.ProgressEverySteps) == 0))
            {
                progress(new GptTrainingProgress(Step, Fraction(), (float)(lossSum / lossCount), lr, norm, TokensSeen, Throughput(), Now(), evaluation));
                lossSum = 0;
                lossCount = 0;
            }
        }

        TrainedTime = Now();
        var throughput = Throughput();
        if (_heldOut is not null && lastEvaluationStep != Step)
        {
            heldOut = EvaluateHeldOut();
            progress?.Invoke(new GptTrainingProgress(Step, Fraction(), lastLoss, lastRate, lastNorm, TokensSeen, throughput, TrainedTime, heldOut));
        }

        return new GptTrainingResult(Step, TokensSeen, TrainedTime, throughput, lastLoss, heldOut, cancelled);
    }
}
