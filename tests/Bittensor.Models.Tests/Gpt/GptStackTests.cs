using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;
using Bittensor.Models.Sampling;

namespace Bittensor.Models.Tests.Gpt;

/// <summary>
/// The trainable <see cref="GptModel"/> and the inference <see cref="GptInference"/> as one stack: the same weights
/// give the same logits and probabilities through both, with and without a restricted vocabulary; checkpoints carry
/// the vocabulary and the trainer state so training resumes bit for bit and the result serves inference.
/// </summary>
public sealed class GptStackTests
{
    private const int FullVocabulary = 97;

    /// <summary>Every third id kept (33 of 97), so 64 ids share the other row.</summary>
    private static GptVocabulary EveryThird() =>
        new(FullVocabulary, Enumerable.Range(0, FullVocabulary).Where(id => id % 3 == 0).ToArray());

    private static GptConfig Config(bool restricted) =>
        restricted ? TestModels.Tiny.WithVocabulary(EveryThird()) : TestModels.Tiny;

    private static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var limit = tolerance * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= limit, $"{what}[{i}]: {expected[i]} vs {actual[i]}");
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Training_and_inference_forward_passes_agree(bool restricted)
    {
        await Task.Yield();
        var config = Config(restricted);
        var parameters = TestModels.Random(config, 41);
        var training = new GptModel(parameters, BlockedTestGemm.Instance);
        var inference = new GptInference(parameters, ReferenceGemm.Instance);
        var rows = config.VocabularySize;
        Assert.Equal(restricted ? 34 : FullVocabulary, inference.OutputRows);
        Assert.Equal(FullVocabulary, inference.VocabularySize);
        Assert.Equal(training.VocabularySize, inference.VocabularySize);

        var tokens = TestModels.Tokens(config.ContextLength, FullVocabulary, 5);
        var expected = training.Logits(tokens, allPositions: true);
        var full = new float[tokens.Length * rows];
        inference.Logits(tokens, full);
        Close(expected, full, 1e-4f, "full-pass logits");

        // The default GEMM backend (managed or OpenBLAS) gives the same logits through both.
        Assert.Same(Gemm.Default, new GptInference(parameters).Gemm);
        var viaDefault = new float[tokens.Length * rows];
        new GptInference(parameters).Logits(tokens, viaDefault);
        Close(expected, viaDefault, 1e-4f, "default-backend inference logits");
        Close(expected, new GptModel(parameters).Logits(tokens, allPositions: true), 1e-4f, "default-backend training logits");

        // KV-cached decoding, one token at a time.
        var session = inference.CreateSession();
        var step = new float[rows];
        for (var t = 0; t < tokens.Length; t++)
        {
            session.Append(tokens.AsSpan(t, 1), step);
            Close(expected.AsSpan(t * rows, rows), step, 1e-4f, $"decoded logits at {t}");
        }

        // Next-token probabilities over every true id.
        var fromTraining = new float[FullVocabulary];
        var fromInference = new float[FullVocabulary];
        for (var length = 1; length <= tokens.Length; length += 5)
        {
            training.NextTokenProbabilities(tokens.AsSpan(0, length), fromTraining);
            inference.NextTokenProbabilities(tokens.AsSpan(0, length), fromInference);
            Close(fromTraining, fromInference, 1e-5f, $"probabilities after {length}");
            Assert.InRange(fromInference.Sum(), 0.9999f, 1.0001f);
        }

        if (restricted)
        {
            var vocabulary = config.Vocabulary!;
            var share = fromInference[1];
            Assert.All(Enumerable.Range(0, FullVocabulary).Where(id => id % 3 != 0), id => Assert.Equal(share, fromInference[id]));
            Assert.NotEqual(share, fromInference[0]);
            Assert.Equal(vocabulary.OtherRow, inference.RowOf(1));
            Assert.Equal(2, inference.RowOf(6));
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cross_entropy_and_top_k_are_over_true_ids(bool restricted)
    {
        await Task.Yield();
        var config = Config(restricted);
        var parameters = TestModels.Random(config, 43);
        var training = new GptModel(parameters, BlockedTestGemm.Instance);
        var inference = new GptInference(parameters, ReferenceGemm.Instance);
        var tokens = TestModels.Tokens(config.ContextLength + 1, FullVocabulary, 8);

        // The definition: mean −ln p(target) from the expanded distribution.
        var probabilities = new float[FullVocabulary];
        double total = 0;
        for (var i = 1; i < tokens.Length; i++)
        {
            inference.NextTokenProbabilities(tokens.AsSpan(0, i), probabilities);
            total -= Math.Log(probabilities[tokens[i]]);
        }

        var definition = total / (tokens.Length - 1);
        Assert.Equal(definition, inference.CrossEntropy(tokens), 4);
        Assert.Equal(definition, training.Evaluate(tokens).MeanNll, 4);

        // Top-k without expanding equals top-k of the expanded distribution, across the kept/left-out boundary.
        var context = tokens.AsSpan(0, 9);
        inference.NextTokenProbabilities(context, probabilities);
        foreach (var k in new[] { 1, 5, 40, FullVocabulary })
        {
            var expected = LanguageModelExtensions.TopK(probabilities, k);
            var actual = inference.NextTokenTopK(context, k);
            Assert.Equal(expected.TokenIds, actual.TokenIds);
            Assert.Equal(expected.Probabilities, actual.Probabilities);
            Assert.Equal(expected.Remainder, actual.Remainder, 5);
            var fromTraining = training.NextTokenTopK(context, k);
            Assert.Equal(expected.TokenIds.Take(Math.Min(k, 5)), fromTraining.TokenIds.Take(Math.Min(k, 5)));
            Close(expected.Probabilities, fromTraining.Probabilities, 1e-5f, $"training top-{k}");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task An_empty_context_starts_at_end_of_text_in_both_over_a_restricted_gpt2_vocabulary()
    {
        await Task.Yield();
        var vocabulary = new GptVocabulary(GptConfig.Gpt2Vocabulary, [.. Enumerable.Range(0, 40), 50256]);
        var parameters = TestModels.Random(TestModels.Tiny.WithVocabulary(vocabulary), 59);
        var training = new GptModel(parameters, BlockedTestGemm.Instance);
        var inference = new GptInference(parameters, ReferenceGemm.Instance);
        var empty = new float[GptConfig.Gpt2Vocabulary];
        var start = new float[GptConfig.Gpt2Vocabulary];
        var fromTraining = new float[GptConfig.Gpt2Vocabulary];
        inference.NextTokenProbabilities([], empty);
        inference.NextTokenProbabilities([GptInference.EndOfText], start);
        training.NextTokenProbabilities([], fromTraining);
        Assert.Equal(start, empty);
        Close(empty, fromTraining, 1e-5f, "empty-context probabilities");
        Assert.Equal(empty[100], empty[50000]);
        Assert.Equal(1.0, empty.Sum(p => (double)p), 4);

        // Generation from nothing emits only true ids and stops at <|endoftext|> without yielding it.
        var generated = inference.Generate([], 64, new SamplingOptions { Temperature = 2f }, seed: 4).ToArray();
        Assert.DoesNotContain(GptInference.EndOfText, generated);
        Assert.All(generated, id => Assert.InRange(id, 0, GptConfig.Gpt2Vocabulary - 1));
    }

    [Fact(Timeout = 30_000)]
    public async Task Generation_over_a_restricted_vocabulary_yields_left_out_ids_deterministically()
    {
        await Task.Yield();
        var config = Config(restricted: true);
        var inference = new GptInference(TestModels.Random(config, 47), ReferenceGemm.Instance);
        var options = new SamplingOptions { Temperature = 1.5f };
        int[] prompt = [3, 4, 5];
        var first = inference.Generate(prompt, 200, options, seed: 9, stopToken: null).ToArray();
        var again = inference.Generate(prompt, 200, options, seed: 9, stopToken: null).ToArray();
        var other = inference.Generate(prompt, 200, options, seed: 10, stopToken: null).ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(200, first.Length);
        Assert.All(first, id => Assert.InRange(id, 0, FullVocabulary - 1));
        Assert.Contains(first, id => id % 3 != 0);
        Assert.Contains(first, id => id % 3 == 0);

        // Greedy decoding picks the most likely row; when that is a kept id it matches the expanded argmax.
        var greedy = inference.Generate(prompt, 1, SamplingOptions.Greedy, seed: 1, stopToken: null).Single();
        var probabilities = new float[FullVocabulary];
        inference.NextTokenProbabilities(prompt, probabilities);
        var best = Sampler.ArgMax(probabilities);
        if (best % 3 == 0)
        {
            Assert.Equal(best, greedy);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Other_ids_enumerate_the_left_out_ids_in_order()
    {
        await Task.Yield();
        var vocabulary = new GptVocabulary(10, [0, 2, 3, 7]);
        Assert.Equal([1, 4, 5, 6, 8, 9], Enumerable.Range(0, vocabulary.OtherCount).Select(vocabulary.OtherId));
        Assert.Equal(7, vocabulary.IdOfRow(3));
        Assert.Null(vocabulary.IdOfRow(vocabulary.OtherRow));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.OtherId(6));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_checkpoint_keeps_the_restricted_vocabulary()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var config = Config(restricted: true);
        var parameters = TestModels.Random(config, 53);
        var path = Path.Combine(folder.Path, "model.safetensors");
        GptCheckpoint.Save(path, parameters);

        var loaded = GptCheckpoint.LoadModel(path);
        Assert.Equal(config.Vocabulary, loaded.Config.Vocabulary);
        Assert.Equal(config, loaded.Config);
        Assert.Equal(parameters.Values, loaded.Values);
        Assert.Null(GptCheckpoint.Load(path).TrainerState);
        var error = Assert.Throws<InvalidDataException>(() => GptCheckpoint.LoadTraining(path));
        Assert.Contains("no trainer state", error.Message, StringComparison.Ordinal);

        var tokens = TestModels.Tokens(10, FullVocabulary, 3);
        var before = new float[FullVocabulary];
        var after = new float[FullVocabulary];
        new GptInference(parameters, ReferenceGemm.Instance).NextTokenProbabilities(tokens, before);
        new GptInference(loaded, ReferenceGemm.Instance).NextTokenProbabilities(tokens, after);
        Assert.Equal(before, after);
    }

    [Fact(Timeout = 120_000)]
    public async Task Training_resumed_from_a_checkpoint_matches_an_uninterrupted_run_bit_for_bit()
    {
        await Task.Yield();
        using var folder = new TempFolder();

        // A skewed stream so the corpus vocabulary leaves ids out and some of them still occur.
        var random = new Random(17);
        var stream = Enumerable.Range(0, 3000).Select(_ => (int)(FullVocabulary * Math.Pow(random.NextDouble(), 3))).ToArray();
        var vocabulary = GptVocabulary.FromCorpus(stream.AsSpan(0, 2000), FullVocabulary, maxRows: 24);
        Assert.Contains(stream, id => vocabulary.RowOf(id) == vocabulary.OtherRow);
        var config = TestModels.Tiny.WithVocabulary(vocabulary);
        var options = new GptTrainingOptions { BatchSize = 3, WarmupSteps = 2, Seed = 5 };
        const int totalSteps = 8;

        GptTrainer NewTrainer(GptParameters parameters) =>
            new(new GptModel(parameters, BlockedTestGemm.Instance), stream, null, options);

        var initial = new GptParameters(config);
        initial.Initialize(3);
        var straight = NewTrainer(initial);
        straight.Train(GptTrainingBudget.Steps(totalSteps));

        var resumedStart = new GptParameters(config);
        resumedStart.Initialize(3);
        var firstHalf = NewTrainer(resumedStart);

        // Interrupted half-way through the same budget (the schedule depends on the budget), as a stopped run is.
        using var stop = new CancellationTokenSource();
        var interrupted = firstHalf.Train(
            GptTrainingBudget.Steps(totalSteps),
            p =>
            {
                if (p.Step == totalSteps / 2)
                {
                    stop.Cancel();
                }
            },
            stop.Token);
        Assert.True(interrupted.Cancelled);
        var path = Path.Combine(folder.Path, "train.safetensors");
        GptCheckpoint.SaveTraining(path, firstHalf, new Dictionary<string, string> { ["corpus"] = "skewed" });

        var checkpoint = GptCheckpoint.LoadTraining(path);
        Assert.Equal("skewed", checkpoint.Metadata["corpus"]);
        Assert.Equal(vocabulary, checkpoint.Config.Vocabulary);
        var state = checkpoint.TrainerState!;
        Assert.Equal(totalSteps / 2, state.Optimizer.Step);
        Assert.Equal(firstHalf.TokensSeen, state.TokensSeen);
        Assert.Equal(firstHalf.TrainedTime, state.TrainedTime);
        var resumed = NewTrainer(checkpoint.Parameters);
        resumed.ImportState(state);
        resumed.Train(GptTrainingBudget.Steps(totalSteps));

        Assert.Equal(straight.Step, resumed.Step);
        Assert.Equal(straight.TokensSeen, resumed.TokensSeen);
        Assert.Equal(straight.Model.Parameters.Values, resumed.Model.Parameters.Values);
        var a = straight.ExportState().Optimizer;
        var b = resumed.ExportState().Optimizer;
        Assert.Equal(a.M, b.M);
        Assert.Equal(a.V, b.V);
        var untrained = new GptParameters(config);
        untrained.Initialize(3);
        Assert.NotEqual(untrained.Values, straight.Model.Parameters.Values);

        // The trained model serves inference from its file, deterministically.
        var final = Path.Combine(folder.Path, "final.safetensors");
        GptCheckpoint.SaveTraining(final, resumed);
        var served = new GptInference(GptCheckpoint.LoadModel(final), ReferenceGemm.Instance);
        var reference = new GptInference(straight.Model.Parameters, ReferenceGemm.Instance);
        var sampling = new SamplingOptions { Temperature = 0.8f, TopK = 10 };
        int[] prompt = [stream[0], stream[1], stream[2]];
        var generated = served.Generate(prompt, 40, sampling, seed: 21, stopToken: null).ToArray();
        Assert.Equal(40, generated.Length);
        Assert.Equal(generated, served.Generate(prompt, 40, sampling, seed: 21, stopToken: null).ToArray());
        Assert.Equal(generated, reference.Generate(prompt, 40, sampling, seed: 21, stopToken: null).ToArray());
        Assert.Equal(straight.Model.Evaluate(stream.AsSpan(2000, 17)).MeanNll, served.CrossEntropy(stream.AsSpan(2000, 17)), 4);
    }
}
