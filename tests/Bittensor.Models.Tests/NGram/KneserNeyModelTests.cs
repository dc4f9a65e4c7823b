using Bittensor.Models.NGram;

namespace Bittensor.Models.Tests.NGram;

public sealed class KneserNeyModelTests
{
    private const int Separator = KneserNeyOptions.Gpt2EndOfText;

    [Fact(Timeout = 10_000)]
    public async Task Bigram_probabilities_match_values_worked_by_hand()
    {
        await Task.Yield();
        // Vocabulary {0, 1, 2, 3}, 3 the separator; one stream 0 1 0 1 2, which starts as if after a 3.
        // Bigrams (highest order: raw counts): 3 0 ×1, 0 1 ×2, 1 0 ×1, 1 2 ×1 → n1 = 3, n2 = 1, n3 = n4 = 0:
        //   Y = 3 / (3 + 2) = 0.6, D1 = 1 − 2·0.6·1/3 = 0.6; D2 and D3+ would need n3 and n4, so they are Y = 0.6.
        // Unigrams (continuation counts: distinct tokens before): 0 ← {3, 1} = 2, 1 ← {0} = 1, 2 ← {1} = 1, 3: 0
        //   → n1 = 2, n2 = 1: Y = 0.5 = D1 = D2 = D3+; total 4, γ = 3·0.5 / 4 = 0.375, uniform share 0.375/4 = 0.09375:
        //   p1(0) = 1.5/4 + 0.09375 = 0.46875, p1(1) = p1(2) = 0.5/4 + 0.09375 = 0.21875, p1(3) = 0.09375.
        // After 1: continuations 0 ×1, 2 ×1, total 2, γ = 2·0.6 / 2 = 0.6:
        //   p(0|1) = 0.4/2 + 0.6·0.46875 = 0.48125, p(2|1) = 0.2 + 0.6·0.21875 = 0.33125,
        //   p(1|1) = 0.6·0.21875 = 0.13125, p(3|1) = 0.6·0.09375 = 0.05625.
        // After 0: 1 ×2, total 2, γ = 0.6/2 = 0.3: p(1|0) = 1.4/2 + 0.3·0.21875 = 0.765625.
        // After 3 (a document start): 0 ×1, γ = 0.6: p(0|3) = 0.4 + 0.6·0.46875 = 0.68125.
        // After 2 (never followed by anything): the unigrams alone.
        var model = KneserNeyModel.Train([0, 1, 0, 1, 2], new KneserNeyOptions { Order = 2, VocabularySize = 4, DocumentSeparator = 3 });

        Assert.Equal(new KneserNeyDiscounts(0.6, 0.6, 0.6), Rounded(model.Discounts(2)));
        Assert.Equal(new KneserNeyDiscounts(0.5, 0.5, 0.5), Rounded(model.Discounts(1)));
        Assert.Equal(0.48125, model.NextTokenProbability([1], 0), 12);
        Assert.Equal(0.33125, model.NextTokenProbability([1], 2), 12);
        Assert.Equal(0.13125, model.NextTokenProbability([1], 1), 12);
        Assert.Equal(0.05625, model.NextTokenProbability([1], 3), 12);
        Assert.Equal(0.765625, model.NextTokenProbability([0], 1), 12);
        Assert.Equal(0.68125, model.NextTokenProbability([3], 0), 12);
        Assert.Equal(0.46875, model.NextTokenProbability([2], 0), 12);
        Assert.Equal(0.21875, model.NextTokenProbability([2], 1), 12);
        Assert.Equal(0.09375, model.NextTokenProbability([], 3), 12);

        var full = new float[4];
        model.NextTokenProbabilities([0, 1], full);
        double[] expected = [0.48125, 0.13125, 0.33125, 0.05625];
        for (var w = 0; w < 4; w++)
        {
            Assert.Equal(expected[w], full[w], 1e-7);
        }

        static KneserNeyDiscounts Rounded(KneserNeyDiscounts d) =>
            new(Math.Round(d.One, 12), Math.Round(d.Two, 12), Math.Round(d.ThreeOrMore, 12));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Probabilities_match_the_textbook_formulas_on_a_toy_corpus(int order)
    {
        await Task.Yield();
        const int vocabulary = 7, separator = 6;
        var streams = ToyStreams(separator);
        var model = KneserNeyModel.Train(streams, new KneserNeyOptions { Order = order, VocabularySize = vocabulary, DocumentSeparator = separator });
        var reference = new KneserNeyReference(streams, order, vocabulary, separator);

        for (var n = 1; n <= order; n++)
        {
            Assert.Equal(reference.DistinctNGrams(n), model.NGramCount(n));
            var expected = reference.DiscountsOf(n);
            var actual = model.Discounts(n);
            Assert.Equal(expected.D1, actual.One, 12);
            Assert.Equal(expected.D2, actual.Two, 12);
            Assert.Equal(expected.D3, actual.ThreeOrMore, 12);
        }

        // The corpus is rich enough that the estimates are Chen and Goodman's, not the fallback, at orders 2 and 3.
        for (var n = 2; n <= Math.Min(order, 3); n++)
        {
            Assert.True(reference.EstimatesAreDefined(n), $"order {n}");
        }

        var full = new float[vocabulary];
        var checkedContexts = 0;
        foreach (var context in AllContexts(vocabulary, order - 1).Append([2, separator]).Append([1, separator, 3, 4]))
        {
            model.NextTokenProbabilities(context, full);
            for (var w = 0; w < vocabulary; w++)
            {
                var expected = reference.Probability(context, w);
                Assert.Equal(expected, model.NextTokenProbability(context, w), 12);
                Assert.Equal(expected, full[w], 1e-6);
            }

            checkedContexts++;
        }

        Assert.True(checkedContexts > vocabulary);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Distributions_over_the_full_vocabulary_sum_to_one_and_are_positive(int order)
    {
        await Task.Yield();
        var model = KneserNeyModel.Train(ZipfStream(30_000, 2_000, seed: 3), new KneserNeyOptions { Order = order });
        var random = new Random(order);
        var probabilities = new float[model.VocabularySize];
        var seen = ZipfStream(2_000, 2_000, seed: 3);
        for (var trial = 0; trial < 40; trial++)
        {
            int[] context = (trial % 4) switch
            {
                // Seen contexts, unseen ids, a separator inside, and nothing at all.
                0 => seen.AsSpan(random.Next(seen.Length - 8), random.Next(1, 8)).ToArray(),
                1 => Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(40_000, Separator)).ToArray(),
                2 => [random.Next(2_000), Separator, .. seen.AsSpan(random.Next(100), random.Next(4))],
                _ => [],
            };
            model.NextTokenProbabilities(context, probabilities);
            double sum = 0;
            foreach (var p in probabilities)
            {
                Assert.True(p > 0);
                sum += p;
            }

            Assert.Equal(1.0, sum, 1e-5);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Higher_orders_predict_a_structured_stream_better_than_unigrams()
    {
        await Task.Yield();
        var tokens = MarkovStream(120_000, seed: 11);
        var train = tokens[..100_000];
        var heldOut = tokens[100_000..];

        var entropy = new double[5];
        for (var order = 1; order <= 4; order++)
        {
            var model = KneserNeyModel.Train(train, new KneserNeyOptions { Order = order });
            entropy[order] = model.CrossEntropy(heldOut);
        }

        // The stream's next token depends on the two before it: orders 2 and 3 each gain a lot; order 4 about holds.
        Assert.True(entropy[2] < entropy[1] - 0.3, $"order 2: {entropy[2]:F3} nats against unigrams' {entropy[1]:F3}");
        Assert.True(entropy[3] < entropy[2] - 0.3, $"order 3: {entropy[3]:F3} nats against order 2's {entropy[2]:F3}");
        Assert.True(entropy[4] < entropy[3] + 0.05, $"order 4: {entropy[4]:F3} nats against order 3's {entropy[3]:F3}");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Direct_cross_entropy_equals_the_one_built_from_full_distributions(int order)
    {
        await Task.Yield();
        var tokens = MarkovStream(40_000, seed: 5);
        var model = KneserNeyModel.Train(tokens[..36_000], new KneserNeyOptions { Order = order });
        // Held-out text with documents inside, and tokens never seen in training.
        int[] heldOut = [.. tokens[36_000..36_300], Separator, .. tokens[36_300..36_500], 45_000, 45_001, Separator, Separator, .. tokens[36_500..36_700]];

        var direct = model.CrossEntropy(heldOut);
        var generic = LanguageModelExtensions.CrossEntropy(model, heldOut);
        Assert.Equal(generic, direct, 1e-5);

        // Token by token, in double precision, the same values as single queries.
        var expected = 0.0;
        for (var i = 1; i < heldOut.Length; i++)
        {
            expected -= Math.Log(model.NextTokenProbability(heldOut.AsSpan(Math.Max(0, i - model.ContextLength), Math.Min(i, model.ContextLength)), heldOut[i]));
        }

        Assert.Equal(expected / (heldOut.Length - 1), direct, 1e-12);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Top_k_fast_path_picks_exactly_what_the_full_distribution_gives(int order)
    {
        await Task.Yield();
        var tokens = ZipfStream(50_000, 3_000, seed: 9);
        var model = KneserNeyModel.Train(tokens, new KneserNeyOptions { Order = order });
        var random = new Random(17);
        var full = new float[model.VocabularySize];
        foreach (var k in new[] { 1, 2, 5, 10, 50, 500 })
        {
            for (var trial = 0; trial < 60; trial++)
            {
                int[] context = trial % 3 == 2
                    ? [random.Next(3_000, 50_000), random.Next(3_000, 50_000)]
                    : tokens.AsSpan(random.Next(tokens.Length - 4), random.Next(0, 4)).ToArray();
                model.NextTokenProbabilities(context, full);
                var expected = LanguageModelExtensions.TopK(full, k);
                var fast = model.NextTokenTopK(context, k);
                Assert.Equal(expected.TokenIds, fast.TokenIds);
                Assert.Equal(expected.Probabilities, fast.Probabilities);
                Assert.Equal(expected.Remainder, fast.Remainder, 1e-6f);
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Saved_model_loads_with_identical_probabilities_and_saves_the_same_bytes()
    {
        await Task.Yield();
        var tokens = MarkovStream(30_000, seed: 2);
        var model = KneserNeyModel.Train(tokens, new KneserNeyOptions { Order = 4 });
        var path = Path.Combine(Path.GetTempPath(), $"kn-{Guid.NewGuid():N}.bin");
        try
        {
            model.Save(path);
            var loaded = KneserNeyModel.Load(path);
            Assert.Equal(model.Description, loaded.Description);
            Assert.Equal(model.DocumentSeparator, loaded.DocumentSeparator);
            for (var n = 1; n <= 4; n++)
            {
                Assert.Equal(model.NGramCount(n), loaded.NGramCount(n));
                Assert.Equal(model.Discounts(n), loaded.Discounts(n));
            }

            var before = new float[model.VocabularySize];
            var after = new float[model.VocabularySize];
            foreach (var start in new[] { 0, 17, 5_000, 29_990 })
            {
                var context = tokens.AsSpan(start, 3);
                model.NextTokenProbabilities(context, before);
                loaded.NextTokenProbabilities(context, after);
                Assert.Equal(before, after);
            }

            Assert.Equal(model.CrossEntropy(tokens[..2_000]), loaded.CrossEntropy(tokens[..2_000]));

            using var again = new MemoryStream();
            loaded.Save(again);
            Assert.Equal(File.ReadAllBytes(path), again.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Training_is_deterministic_to_the_byte()
    {
        await Task.Yield();
        var tokens = ZipfStream(40_000, 5_000, seed: 4);
        var one = Bytes(KneserNeyModel.Train(tokens, new KneserNeyOptions { Order = 3 }));
        var two = Bytes(KneserNeyModel.Train(tokens.ToArray(), new KneserNeyOptions { Order = 3 }));
        Assert.Equal(one, two);

        // A different stream gives a different file (the bytes do depend on the counts).
        tokens[100] = (tokens[100] + 1) % 5_000;
        Assert.NotEqual(one, Bytes(KneserNeyModel.Train(tokens, new KneserNeyOptions { Order = 3 })));
    }

    [Fact(Timeout = 60_000)]
    public async Task Damaged_truncated_and_foreign_files_are_refused_with_a_clear_error()
    {
        await Task.Yield();
        var bytes = Bytes(KneserNeyModel.Train(MarkovStream(5_000, seed: 8), new KneserNeyOptions { Order = 3 }));

        var flipped = bytes.ToArray();
        flipped[bytes.Length / 2] ^= 0x10;
        Assert.Contains("checksum", Refused(flipped), StringComparison.Ordinal);

        Assert.Contains("truncated", Refused(bytes[..(bytes.Length - 100)]), StringComparison.Ordinal);
        Assert.Contains("truncated", Refused(bytes[..10]), StringComparison.Ordinal);
        Assert.Contains("not a Kneser-Ney n-gram model file", Refused("{\"model\": \"gpt2\"}"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("not a Kneser-Ney n-gram model file", Refused([]), StringComparison.Ordinal);

        var future = bytes.ToArray();
        future[6] = 9;
        Assert.Contains("version 9", Refused(future), StringComparison.Ordinal);

        static string Refused(byte[] data)
        {
            using var stream = new MemoryStream(data);
            return Assert.Throws<InvalidDataException>(() => KneserNeyModel.Load(stream)).Message;
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Documents_do_not_leak_into_each_other()
    {
        await Task.Yield();
        // Three documents "1 2 3 1 4 3 1 5": after a document's start 1 is always followed by 2, inside it never.
        int[] document = [1, 2, 3, 1, 4, 3, 1, 5];
        int[] stream = [.. document, Separator, .. document, Separator, .. document];
        var model = KneserNeyModel.Train(stream, new KneserNeyOptions { Order = 3 });
        // Trigrams: SEP 1 2, 1 2 3, 2 3 1, 3 1 4, 1 4 3, 4 3 1, 3 1 5, 1 5 SEP — and not 5 SEP 1, which crosses.
        Assert.Equal(8, model.NGramCount(3));
        // Bigrams: SEP 1, 1 2, 2 3, 3 1, 1 4, 4 3, 1 5, 5 SEP.
        Assert.Equal(8, model.NGramCount(2));

        Assert.True(model.NextTokenProbability([Separator, 1], 2) > 0.7);
        Assert.True(model.NextTokenProbability([3, 1], 2) < 0.2);

        // The context is cut after its last separator, so what came before it does not matter.
        var probabilities = new float[model.VocabularySize];
        var cut = new float[model.VocabularySize];
        model.NextTokenProbabilities([4, 3, 1, 5, Separator, 1], probabilities);
        model.NextTokenProbabilities([Separator, 1], cut);
        Assert.Equal(cut, probabilities);
    }

    [Fact(Timeout = 10_000)]
    public async Task Bad_input_is_refused_naming_the_problem()
    {
        await Task.Yield();
        var error = Assert.Throws<ArgumentException>(() => KneserNeyModel.Train([1, 2, 60_000, 3]));
        Assert.Contains("Token 60000 at position 2", error.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => KneserNeyModel.Train([1, 2], new KneserNeyOptions { Order = 7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => KneserNeyModel.Train([1, 2], new KneserNeyOptions { VocabularySize = 100, DocumentSeparator = 100 }));

        var model = KneserNeyModel.Train([1, 2, 3, 1, 2]);
        Assert.Contains("at position 1", Assert.Throws<ArgumentException>(() => model.NextTokenProbabilities([1, -4], new float[model.VocabularySize])).Message, StringComparison.Ordinal);
        Assert.Contains("one per token id", Assert.Throws<ArgumentException>(() => model.NextTokenProbabilities([1], new float[10])).Message, StringComparison.Ordinal);
        Assert.Contains("at position 0", Assert.Throws<ArgumentException>(() => model.CrossEntropy([50_257, 1])).Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task An_untrained_model_is_uniform()
    {
        await Task.Yield();
        var model = KneserNeyModel.Train(ReadOnlySpan<int>.Empty, new KneserNeyOptions { Order = 3, VocabularySize = 10, DocumentSeparator = 9 });
        Assert.Equal(0.1, model.NextTokenProbability([1, 2], 5), 12);
        Assert.Equal(Math.Log(10), model.CrossEntropy([1, 2, 3]), 12);
    }

    private static byte[] Bytes(KneserNeyModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Two short documents over {0..5} with repeated phrases and noise; 6 separates documents.</summary>
    private static List<int[]> ToyStreams(int separator)
    {
        var random = new Random(1234);
        int[][] phrases = [[0, 1, 2], [0, 1, 3], [2, 3, 4], [4, 5], [1, 2, 3, 4], [5, 0]];
        var first = new List<int>();
        var second = new List<int> { separator };
        for (var i = 0; i < 70; i++)
        {
            var target = i < 40 ? first : second;
            target.AddRange(phrases[random.Next(phrases.Length)]);
            if (random.Next(5) == 0)
            {
                target.Add(random.Next(6));
            }

            if (random.Next(12) == 0)
            {
                target.Add(separator);
            }
        }

        return [first.ToArray(), second.ToArray()];
    }

    private static IEnumerable<int[]> AllContexts(int vocabulary, int longest)
    {
        IEnumerable<int[]> level = [[]];
        yield return [];
        for (var length = 1; length <= longest; length++)
        {
            level = level.SelectMany(c => Enumerable.Range(0, vocabulary).Select(w => (int[])[.. c, w])).ToList();
            foreach (var context in level)
            {
                yield return context;
            }
        }
    }

    /// <summary>Independent Zipf-distributed ids below <paramref name="distinct"/>, a separator about every 500 tokens.</summary>
    internal static int[] ZipfStream(int length, int distinct, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[distinct];
        double total = 0;
        for (var r = 0; r < distinct; r++)
        {
            total += 1.0 / (r + 1);
            cumulative[r] = total;
        }

        var tokens = new int[length];
        for (var i = 0; i < length; i++)
        {
            var u = random.NextDouble() * total;
            var r = Array.BinarySearch(cumulative, u);
            tokens[i] = random.Next(500) == 0 ? Separator : Math.Min(r < 0 ? ~r : r, distinct - 1);
        }

        return tokens;
    }

    /// <summary>
    /// A second-order Markov stream over 300 ids: the next id is a fixed function of the two before it 70 % of the
    /// time, one of 8 ids tied to the previous one 20 %, anything 10 %; documents of about 1,000 tokens.
    /// </summary>
    private static int[] MarkovStream(int length, int seed)
    {
        var random = new Random(seed);
        var tokens = new int[length];
        int a = 0, b = 1;
        for (var i = 0; i < length; i++)
        {
            var roll = random.NextDouble();
            int next;
            if (roll < 0.001)
            {
                next = Separator;
            }
            else if (roll < 0.7)
            {
                next = ((a * 31) + (b * 17) + 7) % 300;
            }
            else if (roll < 0.9)
            {
                next = ((b * 13) + random.Next(8)) % 300;
            }
            else
            {
                next = random.Next(300);
            }

            tokens[i] = next;
            (a, b) = next == Separator ? (0, 1) : (b, next);
        }

        return tokens;
    }
}
