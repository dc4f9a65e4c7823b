using Bittensor.Models.Tokenization;

namespace Bittensor.Models.Tests.Tokenization;

public sealed class BpeTrainerTests
{
    // The classic example: "low" ×5, "lower" ×2, "newest" ×6, "widest" ×3, one word per document (no spaces, so
    // no "Ġ" prefixes). The merges below follow by hand from "most frequent pair, ties by the left token's bytes then
    // the right token's": e+s and s+t both occur 9 times and "e" < "s"; then l+o (7) before o+w (7); at 6, e+w before
    // n+e and w+est; at 3, d+est before i+d and w+i; at 2, e+r before low+e.
    private static IEnumerable<string> Classic() =>
        Enumerable.Repeat("low", 5).Concat(Enumerable.Repeat("lower", 2))
            .Concat(Enumerable.Repeat("newest", 6)).Concat(Enumerable.Repeat("widest", 3));

    private static readonly string[] ClassicMerges =
    [
        "e s", "es t", "l o", "lo w", "e w", "ew est", "n ewest", "d est", "i dest", "w idest", "e r", "low er",
    ];

    [Fact(Timeout = 30_000)]
    public async Task Learns_the_expected_merges_and_stops_below_the_minimum_count()
    {
        await Task.Yield();
        var tokenizer = BpeTrainer.Train(Classic(), new BpeTrainingOptions { VocabularySize = 1000 });
        Assert.Equal(ClassicMerges, MergeTexts(tokenizer));
        Assert.Equal(256 + ClassicMerges.Length + 1, tokenizer.VocabularySize);
        Assert.Equal(tokenizer.VocabularySize - 1, tokenizer.EndOfText);

        Assert.Single(tokenizer.Encode("newest"));
        Assert.Single(tokenizer.Encode("lower"));
        Assert.Equal(["low", "est"], tokenizer.Encode("lowest").Select(tokenizer.TokenText));
        // The first 256 ids are the bytes in GPT-2's order, the same ids as GPT-2's vocabulary.
        Assert.Equal(Enumerable.Range(0, 256).Select(Gpt2Tokenizer.Standard.TokenText), Enumerable.Range(0, 256).Select(tokenizer.TokenText));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_smaller_vocabulary_keeps_the_first_merges()
    {
        await Task.Yield();
        var tokenizer = BpeTrainer.Train(Classic(), new BpeTrainingOptions { VocabularySize = 256 + 5, AddEndOfText = false });
        Assert.Equal(ClassicMerges[..5], MergeTexts(tokenizer));
        Assert.Equal(-1, tokenizer.EndOfText);
    }

    [Fact(Timeout = 60_000)]
    public async Task Training_is_deterministic_and_independent_of_document_order()
    {
        await Task.Yield();
        var random = new Random(3);
        var documents = Enumerable.Range(0, 300).Select(_ => RandomText.Unicode(random, 50)).ToList();
        var options = new BpeTrainingOptions { VocabularySize = 600 };
        var first = BpeTrainer.Train(documents, options);
        var again = BpeTrainer.Train(documents, options);
        var shuffled = BpeTrainer.Train(documents.OrderBy(d => d.GetHashCode(StringComparison.Ordinal)).ToList(), options);
        Assert.Equal(600, first.VocabularySize);
        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.Equal(first.Fingerprint, shuffled.Fingerprint);
        Assert.True(first.MergesBuildOnEarlierMerges);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_trained_vocabulary_saves_in_gpt2s_formats_and_round_trips()
    {
        await Task.Yield();
        var random = new Random(8);
        var documents = Enumerable.Range(0, 200).Select(_ => RandomText.Unicode(random, 40)).ToList();
        var trained = BpeTrainer.Train(documents, new BpeTrainingOptions { VocabularySize = 400 });

        var directory = Directory.CreateTempSubdirectory("bpe-");
        try
        {
            trained.Save(directory.FullName);
            var header = File.ReadLines(Path.Combine(directory.FullName, "vocab.bpe")).First();
            Assert.Equal("#version: 0.2", header);
            var loaded = Gpt2Tokenizer.FromFiles(
                Path.Combine(directory.FullName, "encoder.json"), Path.Combine(directory.FullName, "vocab.bpe"));
            Assert.Equal(trained.Fingerprint, loaded.Fingerprint);
            foreach (var document in documents.Take(50).Append(RandomText.Unicode(new Random(1), 100)))
            {
                var ids = loaded.Encode(document);
                Assert.Equal(trained.Encode(document), ids);
                Assert.Equal(document, loaded.Decode(ids));
                Assert.True(ids.Length < System.Text.Encoding.UTF8.GetByteCount(document) || document.Length == 0);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Refuses_a_vocabulary_smaller_than_the_bytes()
    {
        await Task.Yield();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BpeTrainer.Train(["x"], new BpeTrainingOptions { VocabularySize = 100 }));
        Assert.Contains("at least 257 tokens", error.Message, StringComparison.Ordinal);
    }

    private static string[] MergeTexts(Gpt2Tokenizer tokenizer) =>
        tokenizer.Merges.Select(m => tokenizer.TokenText(m.Left) + " " + tokenizer.TokenText(m.Right)).ToArray();
}
