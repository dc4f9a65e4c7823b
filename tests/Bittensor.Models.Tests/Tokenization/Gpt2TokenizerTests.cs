using System.Security.Cryptography;
using System.Text;
using Bittensor.Models.Tokenization;

namespace Bittensor.Models.Tests.Tokenization;

public sealed class Gpt2TokenizerTests
{
    private static Gpt2Tokenizer Tokenizer => Gpt2Tokenizer.Standard;

    // Published GPT-2 token ids: OpenAI tiktoken's tests (gpt2 / r50k_base), the gpt-3-encoder npm package's tests, and
    // transformers.js's GPT-2 tokenizer tests; "Hello world" pairs from the model card examples.
    public static TheoryData<string, int[]> Published => new()
    {
        { "Hello world", [15496, 995] },
        { " Hello world", [18435, 995] },
        { "hello world", [31373, 995] },
        { "hello world!", [31373, 995, 0] },
        { "Hello World", [15496, 2159] },
        { "", [] },
        { " ", [220] },
        { "\t", [197] },
        { "This is some text", [1212, 318, 617, 2420] },
        { "This is a test", [1212, 318, 257, 1332] },
        { "indivisible", [521, 452, 12843] },
        { "hello 👋 world 🌍", [31373, 50169, 233, 995, 12520, 234, 235] },
        { "Thanks for putting me into the right direction", [9690, 329, 5137, 502, 656, 262, 826, 4571] },
        { "hello，你好啊, thanks", [31373, 171, 120, 234, 19526, 254, 25001, 121, 161, 243, 232, 11, 5176] },
        { "How are you doing?", [2437, 389, 345, 1804, 30] },
        { "You should've done this", [1639, 815, 1053, 1760, 428] },
        { "A\n'll !!to?'d''d of, can't.", [32, 198, 1183, 37867, 1462, 8348, 67, 7061, 67, 286, 11, 460, 470, 13] },
        { "0123456789 0 1 2 3 4 5 6 7 8 9 10 100 1000", [486, 1954, 2231, 3134, 4531, 657, 352, 362, 513, 604, 642, 718, 767, 807, 860, 838, 1802, 8576] },
        { "The company was founded in 2016.", [464, 1664, 373, 9393, 287, 1584, 13] },
        { "def main():\n\tpass", [4299, 1388, 33529, 198, 197, 6603] },
        { "let a = obj.toString();\ntoString();", [1616, 257, 796, 26181, 13, 1462, 10100, 9783, 198, 1462, 10100, 9783] },
        { "This\n\nis\na\ntest.", [1212, 198, 198, 271, 198, 64, 198, 9288, 13] },
        { "UNwant\u00e9d,running", [4944, 42949, 2634, 67, 11, 20270] },
        { "1\u00002\ufffd3", [16, 188, 17, 4210, 18] },
        { "生活的真谛是", [37955, 162, 112, 119, 21410, 40367, 253, 164, 108, 249, 42468] },
        { "   leading space", [220, 220, 3756, 2272] },
        { "trailing space   ", [9535, 4386, 2272, 220, 220, 220] },
        { "Hi  Hello", [17250, 220, 18435] },
        { "test $1 R2 #3 €4 £5 ¥6 ₣7 ₹8 ₱9 test", [9288, 720, 16, 371, 17, 1303, 18, 10432, 19, 4248, 20, 38221, 21, 2343, 224, 96, 22, 2343, 224, 117, 23, 2343, 224, 109, 24, 1332] },
        { "I bought an apple for $1.00 at the store.", [40, 5839, 281, 17180, 329, 720, 16, 13, 405, 379, 262, 3650, 13] },
        { "you…  ", [5832, 1399, 220, 220] },
        { "you…\u00a0\u00a0", [5832, 1399, 4603] },
        { "you…\u00a0\u00a0you…\u00a0\u00a0", [5832, 1399, 1849, 1849, 5832, 1399, 4603] },
        { "weird \uff5e edge \uff5e case", [732, 1447, 27332, 121, 252, 5743, 27332, 121, 252, 1339] },
        { "\u2581This \u2581is \u2581a \u2581test \u2581.", [5008, 223, 1212, 11019, 223, 271, 11019, 223, 64, 11019, 223, 9288, 11019, 223, 13] },
        { " </s> test </s> ", [7359, 82, 29, 1332, 7359, 82, 29, 220] },
        { " ありがとうございます。 Arigatoo gozaimasu", [23294, 224, 28255, 35585, 30201, 29557, 2515, 242, 2515, 244, 18566, 30159, 33623, 16764, 943, 328, 265, 2238, 467, 89, 1385, 27345] },
        { "0", [15] },
        { "00", [405] },
        { "000", [830] },
        { "0000", [2388] },
        { "00000", [20483] },
        { "000000", [10535] },
        { "0000000", [24598] },
        { "00000000", [8269] },
        { "000000000", [10535, 830] },
        { "0000000000", [8269, 405] },
        { "00000000000", [8269, 830] },
        { "000000000000", [8269, 2388] },
        { "0000000000000", [8269, 20483] },
        { "00000000000000", [8269, 10535] },
        { "000000000000000", [8269, 24598] },
        { "0000000000000000", [25645] },
        { "00000000000000000", [8269, 10535, 830] },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Published))]
    public async Task Encodes_published_gpt2_sequences(string text, int[] expected)
    {
        await Task.Yield();
        Assert.Equal(expected, Tokenizer.Encode(text));
        Assert.Equal(expected, Tokenizer.Encode(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, Tokenizer.Decode(expected));
        Assert.Equal(expected.Length, Tokenizer.CountTokens(text));
    }

    [Fact(Timeout = 60_000)]
    public async Task Matches_an_independent_reference_on_random_text()
    {
        await Task.Yield();
        // Ids from GPT-2's pattern in Python's `regex` module and the published merge algorithm (tests/data/gpt2).
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", "gpt2", "reference.json"));
        using var json = await System.Text.Json.JsonDocument.ParseAsync(file);
        var cases = 0;
        foreach (var item in json.RootElement.EnumerateArray())
        {
            var text = item.GetProperty("text").GetString()!;
            var expected = item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var actual = Tokenizer.Encode(text);
            Assert.True(expected.SequenceEqual(actual), $"{System.Text.Json.JsonSerializer.Serialize(text)}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            Assert.Equal(text, Tokenizer.Decode(actual));
            cases++;
        }

        Assert.Equal(1500, cases);
    }

    [Fact(Timeout = 30_000)]
    public async Task Standard_vocabulary_has_gpt2s_shape()
    {
        await Task.Yield();
        Assert.Equal(Gpt2Tokenizer.Gpt2VocabularySize, Tokenizer.VocabularySize);
        Assert.Equal(50_000, Tokenizer.MergeCount);
        Assert.Equal(Gpt2Tokenizer.Gpt2EndOfText, Tokenizer.EndOfText);
        Assert.Equal("<|endoftext|>", Tokenizer.Decode([50256]));
        Assert.Equal("Ġthe", Tokenizer.TokenText(262));
        Assert.Equal("!", Tokenizer.TokenText(0));
        Assert.True(Tokenizer.MergesBuildOnEarlierMerges);
        // The special token's text is ordinary text to the encoder, as in GPT-2's encoder.py.
        Assert.DoesNotContain(50256, Tokenizer.Encode("a<|endoftext|>b"));
        Assert.Same(Tokenizer, Gpt2Tokenizer.Standard);
    }

    [Fact(Timeout = 30_000)]
    public async Task Built_in_files_are_the_recorded_copies_and_write_back_identically()
    {
        await Task.Yield();
        var assembly = typeof(Gpt2Tokenizer).Assembly;
        foreach (var (name, sha) in new[]
        {
            ("Bittensor.Models.gpt2-encoder.json", "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783"),
            ("Bittensor.Models.gpt2-vocab.bpe", "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5"),
        })
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }

        // Written out and read back, the vocabulary is the same tokenization (same fingerprint).
        var encoder = new MemoryStream();
        var merges = new MemoryStream();
        Tokenizer.WriteEncoderJson(encoder);
        Tokenizer.WriteMerges(merges);
        encoder.Position = 0;
        merges.Position = 0;
        var reloaded = Gpt2Tokenizer.Load(encoder, merges);
        Assert.Equal(Tokenizer.Fingerprint, reloaded.Fingerprint);
        Assert.Equal(Tokenizer.Encode("Round trip through the files."), reloaded.Encode("Round trip through the files."));
    }

    [Fact(Timeout = 60_000)]
    public async Task Random_unicode_round_trips()
    {
        await Task.Yield();
        var random = new Random(1234);
        for (var trial = 0; trial < 2000; trial++)
        {
            var text = RandomText.Unicode(random, random.Next(0, 80));
            var ids = Tokenizer.Encode(text);
            Assert.Equal(text, Tokenizer.Decode(ids));
            Assert.All(ids, id => Assert.InRange(id, 0, 50255));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Random_bytes_round_trip_exactly()
    {
        await Task.Yield();
        var random = new Random(99);
        for (var trial = 0; trial < 2000; trial++)
        {
            var bytes = new byte[random.Next(0, 120)];
            random.NextBytes(bytes);
            if (trial % 3 == 0)
            {
                // Mostly-valid UTF-8 with stray bytes spliced in.
                var text = Encoding.UTF8.GetBytes(RandomText.Unicode(random, 40));
                bytes = [.. text.Take(random.Next(text.Length + 1)), .. bytes.Take(3), .. text];
            }

            var ids = Tokenizer.Encode(bytes);
            Assert.Equal(bytes, Tokenizer.DecodeBytes(ids));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Long_pieces_merge_the_same_by_queue_and_by_rescan()
    {
        await Task.Yield();
        var random = new Random(5);
        string[] alphabets = ["ab", "0", "aeiourstln", "!?.,-=*", "Ġ ", "ァアィイ"];
        for (var trial = 0; trial < 200; trial++)
        {
            var alphabet = alphabets[trial % alphabets.Length];
            var chars = new char[random.Next(2, 600)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var bytes = Encoding.UTF8.GetBytes(chars);
            Assert.Equal(Tokenizer.MergeByRescan(bytes), Tokenizer.MergeByQueue(bytes));
        }

        // A very long piece (one run of digits) takes the queue path and still round-trips.
        var digits = new string('7', 100_000);
        Assert.Equal(digits, Tokenizer.Decode(Tokenizer.Encode(digits)));
        var spaces = " " + new string(' ', 10_000) + "\n";
        Assert.Equal(spaces, Tokenizer.Decode(Tokenizer.Encode(spaces)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Decoding_invalid_utf8_replaces_like_python()
    {
        await Task.Yield();
        // Token 171 is the single byte 0xEF, 120 is 0xBC: half a character decodes to one U+FFFD (Python's
        // errors="replace" replaces each maximal invalid subsequence).
        Assert.Equal([0xEF], Tokenizer.DecodeBytes([171]).ToArray());
        Assert.Equal("\ufffd", Tokenizer.Decode([171, 120]));
        Assert.Equal("a\ufffd", Tokenizer.Decode([64, 171]));

        // Python: b"\xed\xa0\x80".decode("utf-8", "replace") == "\ufffd" * 3 (a surrogate is three invalid bytes);
        // b"\xc0\xaf" gives two; b"\xf0\x9f\x98" (a truncated emoji) gives one.
        Assert.Equal("\ufffd\ufffd\ufffd", Tokenizer.Decode(Tokenizer.Encode(new byte[] { 0xED, 0xA0, 0x80 })));
        Assert.Equal("\ufffd\ufffdx", Tokenizer.Decode(Tokenizer.Encode(new byte[] { 0xC0, 0xAF, (byte)'x' })));
        Assert.Equal("\ufffd", Tokenizer.Decode(Tokenizer.Encode(new byte[] { 0xF0, 0x9F, 0x98 })));
        Assert.Equal(new byte[] { 0xF0, 0x9F, 0x98 }, Tokenizer.DecodeBytes(Tokenizer.Encode(new byte[] { 0xF0, 0x9F, 0x98 })));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_lone_surrogate_encodes_as_the_replacement_character()
    {
        await Task.Yield();
        Assert.Equal(Tokenizer.Encode("\ufffd"), Tokenizer.Encode("\ud83d"));
        Assert.Equal(Tokenizer.Encode("👍"), Tokenizer.Encode("\ud83d\udc4d"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Bad_ids_and_files_are_refused_with_a_clear_message()
    {
        await Task.Yield();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([1, 50257]));
        Assert.Contains("50257 is outside the vocabulary (0..50256)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([-1]));

        var badMerge = Assert.Throws<FormatException>(() => Gpt2Tokenizer.Load(
            new MemoryStream(Encoding.UTF8.GetBytes(SmallEncoderJson())),
            new MemoryStream(Encoding.UTF8.GetBytes("#version: 0.2\nq zz\n"))));
        Assert.Contains("names 'zz'", badMerge.Message, StringComparison.Ordinal);

        var notJoinable = Assert.Throws<ArgumentException>(() => Gpt2Tokenizer.Load(
            new MemoryStream(Encoding.UTF8.GetBytes(SmallEncoderJson())),
            new MemoryStream(Encoding.UTF8.GetBytes("#version: 0.2\na b\n"))));
        Assert.Contains("'ab', which is not in the vocabulary", notJoinable.Message, StringComparison.Ordinal);

        var missingFile = Assert.Throws<FileNotFoundException>(() => Gpt2Tokenizer.FromFiles("/nonexistent/encoder.json", "/nonexistent/vocab.bpe"));
        Assert.Contains("encoder.json and vocab.bpe", missingFile.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Encoding_is_thread_safe()
    {
        await Task.Yield();
        var texts = Enumerable.Range(0, 400).Select(i => RandomText.Unicode(new Random(i), 60)).ToArray();
        // A fresh instance (its own, empty cache) encodes one text after another; the shared one in parallel.
        var fresh = Gpt2Tokenizer.LoadStandard();
        var expected = texts.Select(fresh.Encode).ToArray();
        var parallel = new int[texts.Length][];
        Parallel.For(0, texts.Length, i => parallel[i] = Tokenizer.Encode(texts[i]));
        Assert.Equal(expected, parallel);
    }

    private static string SmallEncoderJson()
    {
        // The 256 single bytes only.
        var builder = new StringBuilder("{");
        for (var b = 0; b < 256; b++)
        {
            builder.Append(b == 0 ? "" : ", ").Append(System.Text.Json.JsonSerializer.Serialize(ByteLevel.ToChar((byte)b).ToString())).Append(": ").Append(b);
        }

        return builder.Append('}').ToString();
    }
}
