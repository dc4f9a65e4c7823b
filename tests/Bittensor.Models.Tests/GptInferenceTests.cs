using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;
using Bittensor.Models.Sampling;

namespace Bittensor.Models.Tests;

public sealed class GptInferenceTests
{
    private static void Close(double expected, float actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    [Theory(Timeout = 60_000)]
    [InlineData(97, 16, 2, 2, 16, 16)] // tiny
    [InlineData(1000, 48, 1, 4, 200, 48)] // head size 50 (vector tails), products large enough to run in parallel
    public async Task Full_forward_matches_a_plain_double_precision_gpt2(int vocab, int context, int layers, int heads, int embedding, int length)
    {
        await Task.Yield();
        var config = new GptConfig(vocab, context, layers, heads, embedding);
        var parameters = TestModels.Random(config, 21);
        var tokens = TestModels.Tokens(length, vocab, 22);
        var model = new GptInference(parameters, ReferenceGemm.Instance);
        var logits = new float[length * vocab];
        model.Logits(tokens, logits);
        var hidden = model.LastHiddenState(tokens);
        var (expectedLogits, expectedHidden) = GptOracle.Forward(parameters, tokens);
        for (var t = 0; t < length; t++)
        {
            for (var j = 0; j < embedding; j++)
            {
                Close(expectedHidden[t, j], hidden[(t * embedding) + j], 1e-4, $"hidden[{t},{j}]");
            }

            for (var v = 0; v < vocab; v++)
            {
                Close(expectedLogits[t, v], logits[(t * vocab) + v], 1e-4, $"logits[{t},{v}]");
            }
        }

        // The cached path: half the text as a prefill, then one token at a time (matrix–vector products).
        var session = model.CreateSession();
        var step = new float[vocab];
        session.Append(tokens.AsSpan(0, length / 2), []);
        for (var t = length / 2; t < length; t++)
        {
            session.Append(tokens.AsSpan(t, 1), step);
            for (var v = 0; v < vocab; v++)
            {
                Close(expectedLogits[t, v], step[v], 1e-4, $"decoded logits[{t},{v}]");
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Kv_cached_decoding_matches_a_full_recompute()
    {
        await Task.Yield();
        var config = TestModels.Tiny;
        var model = new GptInference(TestModels.Random(config, 23), ReferenceGemm.Instance);
        var tokens = TestModels.Tokens(config.ContextLength, config.VocabularySize, 24);
        var v = config.VocabularySize;
        var full = new float[tokens.Length * v];
        model.Logits(tokens, full);

        // Prefill five tokens, then one at a time to the end of the context.
        var session = model.CreateSession();
        var step = new float[v];
        session.Append(tokens.AsSpan(0, 5), step);
        AssertRow(full, 4, step);
        for (var t = 5; t < tokens.Length; t++)
        {
            session.Append(tokens.AsSpan(t, 1), step);
            AssertRow(full, t, step);
        }

        Assert.Equal(tokens.Length, session.Length);
        Assert.Equal(tokens, session.Tokens.ToArray());
        var overflow = Assert.Throws<InvalidOperationException>(() => session.Append([1], step));
        Assert.Contains("exceed the capacity of 16", overflow.Message, StringComparison.Ordinal);

        // Uneven chunks with every row's logits, and a rewind that recomputes the tail.
        session.Reset();
        var at = 0;
        foreach (var chunk in new[] { 3, 1, 6, 2, 4 })
        {
            var rows = new float[chunk * v];
            session.AppendAll(tokens.AsSpan(at, chunk), rows);
            for (var r = 0; r < chunk; r++)
            {
                AssertRow(full, at + r, rows.AsSpan(r * v, v).ToArray());
            }

            at += chunk;
        }

        session.Truncate(7);
        session.Append(tokens.AsSpan(7, 1), step);
        AssertRow(full, 7, step);

        static void AssertRow(float[] full, int row, float[] actual)
        {
            for (var i = 0; i < actual.Length; i++)
            {
                var expected = full[(row * actual.Length) + i];
                Assert.True(Math.Abs(expected - actual[i]) <= 1e-4, $"position {row}, token {i}: full {expected}, cached {actual[i]}");
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Next_token_probabilities_are_the_softmax_of_the_last_window()
    {
        await Task.Yield();
        var config = TestModels.Tiny;
        var parameters = TestModels.Random(config, 25);
        var model = new GptInference(parameters, ReferenceGemm.Instance);
        var tokens = TestModels.Tokens(40, config.VocabularySize, 26);
        var probabilities = new float[config.VocabularySize];
        model.NextTokenProbabilities(tokens, probabilities);

        // Only the last 16 tokens count.
        var window = tokens[^config.ContextLength..];
        var (logits, _) = GptOracle.Forward(parameters, window);
        var last = Enumerable.Range(0, config.VocabularySize).Select(i => logits[window.Length - 1, i]).ToArray();
        var max = last.Max();
        var sum = last.Sum(z => Math.Exp(z - max));
        for (var i = 0; i < last.Length; i++)
        {
            Assert.Equal(Math.Exp(last[i] - max) / sum, probabilities[i], 1e-5);
        }

        Assert.Equal(1.0, probabilities.Sum(p => (double)p), 1e-5);
        var top = model.NextTokenTopK(tokens, 5);
        Assert.Equal(Sampler.ArgMax(probabilities), top.TokenIds[0]);
        Assert.Equal(1 - top.Probabilities.Sum(), top.Remainder, 1e-5);

        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => model.NextTokenProbabilities([1, 97], probabilities));
        Assert.Contains("token 1 is 97, outside the vocabulary [0, 97)", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.NextTokenProbabilities([], probabilities)); // no <|endoftext|> in 97 ids
    }

    [Fact(Timeout = 60_000)]
    public async Task Cross_entropy_with_stride_one_matches_the_generic_definition()
    {
        await Task.Yield();
        var config = TestModels.Tiny;
        var model = new GptInference(TestModels.Random(config, 27), ReferenceGemm.Instance);
        var tokens = TestModels.Tokens(45, config.VocabularySize, 28);
        var generic = LanguageModelExtensions.CrossEntropy(model, tokens);
        Assert.Equal(generic, model.CrossEntropy(tokens, stride: 1), 1e-5);

        // Within one window every stride scores the same targets with the same context.
        var shortText = tokens[..(config.ContextLength + 1)];
        var exact = LanguageModelExtensions.CrossEntropy(model, shortText);
        Assert.Equal(exact, model.CrossEntropy(shortText), 1e-5);

        // Longer strides give each target less context; the result stays close but is computed in fewer passes.
        var strided = model.CrossEntropy(tokens);
        Assert.InRange(strided, generic * 0.8, generic * 1.2);
        Assert.True(generic > 0.5 && generic < 20, $"cross-entropy {generic} is implausible for a random model over 97 tokens");
    }

    [Fact(Timeout = 60_000)]
    public async Task Greedy_generation_is_the_argmax_of_a_full_recompute_and_stops_at_the_stop_token()
    {
        await Task.Yield();
        var config = TestModels.Tiny;
        var model = new GptInference(TestModels.Random(config, 29), ReferenceGemm.Instance);
        int[] prompt = [5, 17, 3];
        var generated = model.Generate(prompt, 10, SamplingOptions.Greedy, seed: 1, stopToken: null).ToList();
        Assert.Equal(10, generated.Count);

        var text = prompt.ToList();
        var logits = new float[config.VocabularySize];
        for (var i = 0; i < 10; i++)
        {
            model.NextTokenLogits(text.ToArray(), logits);
            var next = Sampler.ArgMax(logits);
            Assert.Equal(next, generated[i]);
            text.Add(next);
        }

        // Stopping at the third token's id yields what came before it (the stop token itself is not yielded).
        var stop = generated[2];
        var stopped = model.Generate(prompt, 10, SamplingOptions.Greedy, seed: 1, stopToken: stop).ToList();
        Assert.Equal(generated.TakeWhile(t => t != stop), stopped);

        // Past the context the model keeps going on the most recent half.
        var longRun = model.Generate(prompt, 40, new SamplingOptions { Temperature = 0.8f, TopK = 20 }, seed: 9, stopToken: null).ToList();
        Assert.Equal(40, longRun.Count);
        Assert.Equal(longRun, model.Generate(prompt, 40, new SamplingOptions { Temperature = 0.8f, TopK = 20 }, seed: 9, stopToken: null));
        Assert.All(longRun, t => Assert.InRange(t, 0, config.VocabularySize - 1));
        Assert.Empty(model.Generate(prompt, 0, SamplingOptions.Greedy, 1));
        Assert.Throws<ArgumentException>(() => model.Generate([], 3, SamplingOptions.Greedy, 1));
        Assert.Throws<ArgumentException>(() => model.Generate(prompt, 3, new SamplingOptions { TopP = 0 }, 1));
    }

    [Fact(Timeout = 60_000)]
    public async Task Asynchronous_generation_streams_the_same_tokens_and_cancels()
    {
        var model = new GptInference(TestModels.Random(TestModels.Tiny, 37), ReferenceGemm.Instance);
        var options = new SamplingOptions { TopP = 0.9f };
        var expected = model.Generate([4, 5], 20, options, seed: 3, stopToken: null).ToList();
        var streamed = new List<int>();
        await foreach (var token in model.GenerateAsync([4, 5], 20, options, seed: 3, stopToken: null))
        {
            streamed.Add(token);
        }

        Assert.Equal(expected, streamed);

        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var token in model.GenerateAsync([4, 5], 20, options, seed: 3, stopToken: null, cancel.Token))
            {
                if (++seen == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(3, seen);
    }

    [Fact(Timeout = 60_000)]
    public async Task Seeds_decide_sampled_text()
    {
        await Task.Yield();
        var config = TestModels.Tiny;
        var model = new GptInference(TestModels.Random(config, 31), ReferenceGemm.Instance);
        var options = new SamplingOptions { Temperature = 1.5f };
        var first = model.Generate([1, 2], 12, options, seed: 42, stopToken: null).ToList();
        Assert.Equal(first, model.Generate([1, 2], 12, options, seed: 42, stopToken: null));
        var others = Enumerable.Range(43, 5).Select(s => model.Generate([1, 2], 12, options, (ulong)s, stopToken: null).ToList()).ToList();
        Assert.Contains(others, o => !o.SequenceEqual(first));
    }

    [Fact(Timeout = 30_000)]
    public async Task Gpt2_vocabulary_starts_empty_contexts_and_stops_at_end_of_text()
    {
        await Task.Yield();
        var config = new GptConfig(GptConfig.Gpt2Vocabulary, 8, 1, 1, 8);
        var parameters = TestModels.Random(config, 35);

        // The final LayerNorm outputs its bias e₀ whatever the input, so the logits are wte[:, 0]: make <|endoftext|>'s
        // the largest and everything is decided.
        parameters.Value("ln_f.weight").Clear();
        var bias = parameters.Value("ln_f.bias");
        bias.Clear();
        bias[0] = 1;
        parameters.Value("wte.weight")[(GptInference.EndOfText * 8) + 0] = 50;
        var model = new GptInference(parameters, ReferenceGemm.Instance);

        var fromEmpty = new float[config.VocabularySize];
        var fromEndOfText = new float[config.VocabularySize];
        model.NextTokenProbabilities([], fromEmpty);
        model.NextTokenProbabilities([GptInference.EndOfText], fromEndOfText);
        Assert.Equal(fromEndOfText, fromEmpty);
        Assert.Equal(GptInference.EndOfText, Sampler.ArgMax(fromEmpty));

        Assert.Empty(model.Generate([], 5, SamplingOptions.Greedy, 1));
        Assert.Equal(Enumerable.Repeat(GptInference.EndOfText, 12), model.Generate([], 12, SamplingOptions.Greedy, 1, stopToken: null));
    }

    [Fact(Timeout = 10_000)]
    public async Task Describes_itself_and_checks_windows()
    {
        await Task.Yield();
        var model = new GptInference(TestModels.Random(TestModels.Tiny, 33), ReferenceGemm.Instance);
        Assert.Contains("GPT 2 layers × 2 heads × 16 wide, context 16, vocabulary 97", model.Description, StringComparison.Ordinal);
        Assert.Contains("GEMM reference", model.Description, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => model.LastHiddenState(new int[17]));
        Assert.Contains("1 to 16 tokens in one pass but was given 17", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateSession(17));
    }
}
