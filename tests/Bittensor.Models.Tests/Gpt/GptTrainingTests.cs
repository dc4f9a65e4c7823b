using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;
using Xunit.Abstractions;

namespace Bittensor.Models.Tests.Gpt;

public sealed class GptTrainingTests(ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task Loss_at_initialisation_is_close_to_ln_of_the_vocabulary()
    {
        await Task.Yield();
        var config = new GptConfig(512, 16, 2, 2, 32);
        var parameters = new GptParameters(config);
        parameters.Initialize(11);
        var model = new GptModel(parameters, BlockedTestGemm.Instance);
        var (inputs, targets) = GptGradientTests.Batch(4, 16, 512, 2);
        var loss = model.Forward(inputs, targets, 4);
        output.WriteLine($"initial loss {loss:F4}, ln V = {Math.Log(512):F4}");
        Assert.InRange(loss, Math.Log(512) - 0.05, Math.Log(512) + 0.05);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_few_hundred_steps_overfit_a_repetitive_stream()
    {
        await Task.Yield();
        var config = new GptConfig(64, 16, 2, 2, 32);
        var parameters = new GptParameters(config);
        parameters.Initialize(1);
        var model = new GptModel(parameters, BlockedTestGemm.Instance);
        int[] phrase = [5, 17, 3, 42, 8, 8, 60, 1, 33, 17, 9, 5, 21];
        var stream = Enumerable.Range(0, 400).Select(i => phrase[i % phrase.Length]).ToArray();
        var trainer = new GptTrainer(model, stream, stream[..120], new GptTrainingOptions
        {
            BatchSize = 4,
            MaxLearningRate = 3e-3f,
            MinLearningRate = 3e-4f,
            WarmupSteps = 20,
        });
        var first = float.NaN;
        var result = trainer.Train(GptTrainingBudget.Steps(300), p =>
        {
            if (p.Step == 1)
            {
                first = p.Loss;
            }
        });
        output.WriteLine($"loss {first:F3} → {result.LastLoss:F4} in {result.Steps} steps; held-out {result.HeldOut!.MeanNll:F4}; {result.TokensPerSecond:F0} tokens/s");
        Assert.Equal(300, result.Steps);
        Assert.InRange(first, 3.8, 4.5);
        Assert.True(result.LastLoss < 0.05, $"training loss only fell to {result.LastLoss}");
        // Every window's first target has one token of context; the phrase repeats a token, so a little stays.
        Assert.True(result.HeldOut.MeanNll < 0.2, $"held-out loss only fell to {result.HeldOut.MeanNll}");
    }

    [Fact(Timeout = 60_000)]
    public async Task Evaluation_scores_every_token_within_its_window_and_matches_the_next_token_distribution()
    {
        await Task.Yield();
        var config = new GptConfig(40, 6, 1, 2, 8);
        var parameters = GptGradientTests.Perturbed(config, 4);
        var model = new GptModel(parameters, ReferenceGemm.Instance);
        var random = new Random(9);
        var stream = Enumerable.Range(0, 16).Select(_ => random.Next(40)).ToArray();
        var probabilities = new float[40];
        double Expected(Func<int, int> windowStart)
        {
            double total = 0;
            for (var k = 0; k < 15; k++)
            {
                var start = windowStart(k);
                model.NextTokenProbabilities(stream.AsSpan(start, k + 1 - start), probabilities);
                Assert.Equal(1.0, probabilities.Sum(x => (double)x), 5);
                total -= Math.Log(probabilities[stream[k + 1]]);
            }

            return total / 15;
        }

        // Context 6, stride 3 (the default, half the context): windows start at 0, 3, 6 and 9 (the last ends at the
        // stream's end); prediction k (of token k + 1) is scored in the first window that reaches it.
        var halves = model.Evaluate(stream, batchSize: 2);
        Assert.Equal(15, halves.Tokens);
        Assert.Equal(Expected(k => k < 6 ? 0 : Math.Min(9, 3 + (3 * ((k - 6) / 3)))), halves.MeanNll, 4);
        Assert.Equal(Math.Exp(halves.MeanNll), halves.Perplexity, 9);

        // Stride 6: windows at 0, 6 and 9, the last scoring only predictions 12 to 14.
        var whole = model.Evaluate(stream, batchSize: 3, stride: 6);
        Assert.Equal(15, whole.Tokens);
        Assert.Equal(Expected(k => k < 6 ? 0 : k < 12 ? 6 : 9), whole.MeanNll, 4);
        Assert.NotEqual(halves.MeanNll, whole.MeanNll, 4);

        // At most two of the four windows: the first (6 predictions) and the third (3).
        Assert.Equal(9, model.Evaluate(stream, batchSize: 1, maxWindows: 2).Tokens);
        // A stream shorter than the context is one window.
        Assert.Equal(3, model.Evaluate(stream.AsSpan(0, 4)).Tokens);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_restricted_vocabulary_gives_every_true_id_a_probability_and_they_sum_to_one()
    {
        await Task.Yield();
        int[] corpus = [1, 2, 3, 2, 1, 7, 7, 7, 30, 2];
        var vocabulary = GptVocabulary.FromCorpus(corpus, 40);
        Assert.Equal([1, 2, 3, 7, 30], vocabulary.KeptIds);
        Assert.Equal(35, vocabulary.OtherCount);
        Assert.Equal(vocabulary.OtherRow, vocabulary.RowOf(0));
        Assert.Equal(3, vocabulary.RowOf(7));
        var top = GptVocabulary.FromCorpus(corpus, 40, maxRows: 3);
        Assert.Equal([2, 7], top.KeptIds); // the two most frequent (2 and 7 three times each)

        var config = new GptConfig(40, 8, 1, 2, 8).WithVocabulary(vocabulary);
        Assert.Equal(6, config.VocabularySize);
        Assert.Equal(40, config.TokenVocabularySize);
        var model = new GptModel(GptGradientTests.Perturbed(config, 2), ReferenceGemm.Instance);
        Assert.Equal(40, model.VocabularySize);
        Assert.Equal(6, model.Logits([1, 2]).Length);
        var probabilities = new float[40];
        model.NextTokenProbabilities([1, 2, 0], probabilities);
        Assert.Equal(1.0, probabilities.Sum(x => (double)x), 5);
        Assert.Equal(probabilities[0], probabilities[39]);
        Assert.NotEqual(probabilities[0], probabilities[7]);

        // The loss of a left-out id is measured over the true ids: −ln(p(other)/35).
        var evaluation = model.Evaluate([1, 2, 0], batchSize: 1);
        model.NextTokenProbabilities([1], probabilities);
        var first = -Math.Log(probabilities[2]);
        model.NextTokenProbabilities([1, 2], probabilities);
        Assert.Equal((first - Math.Log(probabilities[0])) / 2, evaluation.MeanNll, 4);

        Assert.Throws<ArgumentException>(() => new GptVocabulary(4, [0, 1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new GptVocabulary(4, [2, 1]));
        Assert.Throws<ArgumentException>(() => new GptConfig(40, 8, 1, 2, 8) { Vocabulary = vocabulary }.Validate());
    }

    [Fact(Timeout = 60_000)]
    public async Task Logits_of_the_last_position_are_the_last_row_of_all_positions()
    {
        await Task.Yield();
        var config = new GptConfig(50, 8, 2, 2, 16);
        var model = new GptModel(GptGradientTests.Perturbed(config, 6), BlockedTestGemm.Instance);
        int[] tokens = [4, 9, 13, 2, 49];
        var all = model.Logits(tokens, allPositions: true);
        var last = model.Logits(tokens);
        Assert.Equal(5 * 50, all.Length);
        Assert.Equal(all[(4 * 50)..], last);
        // Causal: the first three positions do not depend on what follows.
        var prefix = model.Logits(tokens[..3], allPositions: true);
        for (var i = 0; i < prefix.Length; i++)
        {
            Assert.Equal(prefix[i], all[i], 4);
        }

        Assert.Throws<ArgumentException>(() => model.Logits(new int[9]));
        Assert.Throws<ArgumentException>(() => model.Logits([50]));
    }

    [Fact(Timeout = 60_000)]
    public async Task AdamW_takes_the_textbook_step_and_decays_only_matrices()
    {
        await Task.Yield();
        var config = new GptConfig(5, 2, 1, 1, 2);
        var parameters = new GptParameters(config);
        parameters.Initialize(1);
        var before = (float[])parameters.Values.Clone();
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters.Gradients[i] = ((i % 7) - 3) * 0.1f;
        }

        var options = new AdamWOptions { Beta1 = 0.8f, Beta2 = 0.9f, Epsilon = 1e-8f, WeightDecay = 0.5f };
        var adam = new AdamW(parameters, options);
        adam.Update(0.01f);
        adam.Update(0.01f);
        var bias = parameters["h.0.attn.c_attn.bias"];
        var matrix = parameters["h.0.attn.c_attn.weight"];
        foreach (var (p, decays) in new[] { (bias, false), (matrix, true) })
        {
            for (var i = p.Offset; i < p.Offset + p.Length; i++)
            {
                double w = before[i], m = 0, v = 0, g = parameters.Gradients[i];
                for (var t = 1; t <= 2; t++)
                {
                    m = (0.8 * m) + (0.2 * g);
                    v = (0.9 * v) + (0.1 * g * g);
                    var update = m / (1 - Math.Pow(0.8, t)) / (Math.Sqrt(v / (1 - Math.Pow(0.9, t))) + 1e-8);
                    w -= 0.01 * (update + (decays ? 0.5 * w : 0));
                }

                Assert.Equal(w, parameters.Values[i], 5);
            }
        }

        Assert.Equal(2, adam.Step);
        var state = adam.Export();
        Assert.Equal(["adamw.m", "adamw.v"], state.Arrays.Keys.Order());
        var restored = new AdamW(parameters, options);
        restored.Import(AdamW.State.FromArrays(state.Step, state.Arrays));
        Assert.Equal(2, restored.Step);
        Assert.Equal(state.M, restored.Export().M);
        Assert.Throws<ArgumentException>(() => new AdamW(new GptParameters(config with { Layers = 2 })).Import(state));
    }

    [Fact(Timeout = 10_000)]
    public async Task Clipping_scales_to_the_limit_and_reports_the_norm()
    {
        await Task.Yield();
        float[] g = [3, 4, 0];
        Assert.Equal(5f, AdamW.ClipGradients(g, 1f));
        Assert.Equal([0.6f, 0.8f, 0f], g);
        Assert.Equal(1f, AdamW.ClipGradients(g, 2f), 6);
        Assert.Equal([0.6f, 0.8f, 0f], g);
    }

    [Fact(Timeout = 10_000)]
    public async Task The_schedule_warms_up_linearly_then_follows_a_cosine_to_the_floor()
    {
        await Task.Yield();
        var schedule = new LearningRateSchedule(1e-3f, 1e-4f, 10);
        Assert.Equal(1e-4f, schedule.AtStep(0, 110), 8);
        Assert.Equal(5e-4f, schedule.AtStep(4, 110), 8);
        Assert.Equal(1e-3f, schedule.AtStep(10, 110), 8);
        Assert.Equal(5.5e-4f, schedule.AtStep(60, 110), 7);
        Assert.Equal(1e-4f, schedule.AtStep(110, 110), 8);
        Assert.Equal(1e-4f, schedule.AtStep(500, 110), 8);
        Assert.Equal(5.5e-4f, schedule.At(20, 0.5), 7);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_resumed_run_continues_exactly_as_an_uninterrupted_one()
    {
        await Task.Yield();
        var config = new GptConfig(30, 8, 1, 2, 16);
        var stream = Enumerable.Range(0, 300).Select(i => ((i * 7) + (i % 3)) % 30).ToArray();
        var options = new GptTrainingOptions { BatchSize = 2, WarmupSteps = 2, Seed = 5 };

        GptParameters Fresh()
        {
            var p = new GptParameters(config);
            p.Initialize(3);
            return p;
        }

        var straight = Fresh();
        new GptTrainer(new GptModel(straight, ReferenceGemm.Instance), stream, null, options).Train(GptTrainingBudget.Steps(6));

        var first = Fresh();
        var part = new GptTrainer(new GptModel(first, ReferenceGemm.Instance), stream, null, options);
        part.Train(GptTrainingBudget.Steps(3));
        var saved = part.ExportState();
        Assert.Equal(3, saved.Optimizer.Step);
        Assert.Equal(3 * 2 * 8, saved.TokensSeen);
        var copy = new GptParameters(config);
        first.Values.CopyTo(copy.Values, 0);
        var resumed = new GptTrainer(new GptModel(copy, ReferenceGemm.Instance), stream, null, options);
        resumed.ImportState(saved with { Optimizer = AdamW.State.FromArrays(saved.Optimizer.Step, saved.Optimizer.Arrays) });
        var result = resumed.Train(GptTrainingBudget.Steps(6));
        Assert.Equal(6, result.Steps);
        Assert.Equal(6 * 2 * 8, result.Tokens);
        Assert.Equal(straight.Values, copy.Values);
    }

    [Fact(Timeout = 60_000)]
    public async Task Batches_depend_on_the_seed_and_step_only_and_cancellation_stops_between_steps()
    {
        await Task.Yield();
        var stream = Enumerable.Range(0, 1000).ToArray();
        var (i1, t1, i2, t2) = (new int[12], new int[12], new int[12], new int[12]);
        GptTrainer.SampleBatch(stream, 7, 42, 3, 4, i1, t1);
        GptTrainer.SampleBatch(stream, 7, 42, 3, 4, i2, t2);
        Assert.Equal(i1, i2);
        for (var r = 0; r < 3; r++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(i1[(r * 4) + j] + 1, t1[(r * 4) + j]);
            }
        }

        GptTrainer.SampleBatch(stream, 7, 43, 3, 4, i2, t2);
        Assert.NotEqual(i1, i2);

        var config = new GptConfig(1000, 4, 1, 1, 8);
        var p = new GptParameters(config);
        p.Initialize(1);
        using var cancel = new CancellationTokenSource();
        var trainer = new GptTrainer(new GptModel(p, ReferenceGemm.Instance), stream, null, new GptTrainingOptions { BatchSize = 1 });
        var result = trainer.Train(GptTrainingBudget.Time(TimeSpan.FromMinutes(5)), progress =>
        {
            if (progress.Step == 3)
            {
                cancel.Cancel();
            }
        }, cancel.Token);
        Assert.True(result.Cancelled);
        Assert.Equal(3, result.Steps);
        Assert.Throws<ArgumentException>(() => new GptTrainer(new GptModel(p, ReferenceGemm.Instance), [1, 2, 1001, 4, 5, 6], null, new GptTrainingOptions()));
    }
}
