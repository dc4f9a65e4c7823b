using System.Text.Json;

namespace Bittensor.Cli.Tests;

/// <summary><c>btcli model</c>: tokenize, train, eval, generate and bench on small corpora written here.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("btcli-model-").FullName;

    public ModelCommandTests()
    {
        // A small corpus: three files of paragraphs drawn from a fixed word list (one paragraph in 20 is held out).
        var words = "the model reads text and predicts the next token from what came before it in a document of words".Split(' ');
        var random = new Random(3);
        var corpus = Directory.CreateDirectory(Path.Combine(_folder, "corpus")).FullName;
        for (var f = 0; f < 3; f++)
        {
            var paragraphs = Enumerable.Range(0, 150).Select(_ => string.Join(' ', Enumerable.Range(0, 40).Select(_ => words[random.Next(words.Length)])) + ".");
            File.WriteAllText(Path.Combine(corpus, $"part{f}.txt"), string.Join("\n\n", paragraphs));
        }

        Corpus = corpus;
    }

    private string Corpus { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact(Timeout = 60_000)]
    public async Task Tokenize_HelloWorld_GivesGpt2Ids_AndDecodesBack()
    {
        var (code, output, _) = await Run("model", "tokenize", "--text", "Hello world", "--json");
        Assert.Equal(0, code);
        Assert.Equal([15496, 995], JsonSerializer.Deserialize<int[]>(output)!);

        (code, output, _) = await Run("model", "tokenize", "--decode", "--text", "[15496, 995]", "--json");
        Assert.Equal(0, code);
        Assert.Equal("Hello world", JsonSerializer.Deserialize<string>(output));

        (code, output, _) = await Run("model", "tokenize", "--decode", "--text", "15496,995");
        Assert.Equal(0, code);
        Assert.Equal("Hello world", output.TrimEnd('\n'));
    }

    [Fact(Timeout = 60_000)]
    public async Task Tokenize_RoundTripsUnicode()
    {
        const string text = "Grüße, 世界! 🎉 tabs\tand  spaces";
        var (code, output, _) = await Run("model", "tokenize", "--text", text, "--json");
        Assert.Equal(0, code);
        var ids = JsonSerializer.Deserialize<int[]>(output)!;
        Assert.True(ids.Length > 5);
        (code, output, _) = await Run("model", "tokenize", "--decode", "--text", string.Join(' ', ids), "--json");
        Assert.Equal(0, code);
        Assert.Equal(text, JsonSerializer.Deserialize<string>(output));
    }

    [Fact(Timeout = 60_000)]
    public async Task Tokenize_Decode_RejectsIdsOutsideTheVocabulary()
    {
        var (code, _, error) = await Run("model", "tokenize", "--decode", "--text", "15496 50257");
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("'50257'", error, StringComparison.Ordinal);
        Assert.Contains("0 to 50256", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task NGram_TrainEvalGenerate()
    {
        var model = Path.Combine(_folder, "ngram.bin");
        var (code, output, error) = await Run("model", "train", "--kind", "ngram", "--order", "3", "--corpus", Corpus, "--out", model, "--no-cache", "--json");
        Assert.True(code == 0, error);
        using var trained = JsonDocument.Parse(output);
        Assert.True(File.Exists(model));
        Assert.Equal(3, trained.RootElement.GetProperty("order").GetInt32());
        var trainedLoss = trained.RootElement.GetProperty("held_out_loss").GetDouble();

        (code, output, error) = await Run("model", "eval", "--model", model, "--corpus", Corpus, "--no-cache", "--json");
        Assert.True(code == 0, error);
        using var evaluated = JsonDocument.Parse(output);
        var loss = evaluated.RootElement.GetProperty("loss").GetDouble();
        Assert.True(double.IsFinite(loss) && loss > 0);

        // 19 equally likely words (plus spaces and full stops) bound a good model well below ln(50257) ≈ 10.8.
        Assert.True(loss < 4, $"n-gram held-out loss {loss}");
        Assert.Equal(Math.Exp(loss), evaluated.RootElement.GetProperty("perplexity").GetDouble(), 9);
        Assert.Equal("ngram", evaluated.RootElement.GetProperty("kind").GetString());
        Assert.Equal(trainedLoss, loss, 12);
        Assert.True(evaluated.RootElement.GetProperty("tokens").GetInt32() > 100);

        var (first, text, _) = await Run("model", "generate", "--model", model, "--prompt", "the model", "--max-tokens", "30", "--seed", "5");
        var (second, again, _) = await Run("model", "generate", "--model", model, "--prompt", "the model", "--max-tokens", "30", "--seed", "5");
        var (third, other, _) = await Run("model", "generate", "--model", model, "--prompt", "the model", "--max-tokens", "30", "--seed", "6");
        Assert.Equal([0, 0, 0], [first, second, third]);
        Assert.Equal(text, again);
        Assert.NotEqual(text, other);
        Assert.StartsWith("the model", text, StringComparison.Ordinal);
        Assert.True(text.Length > "the model".Length + 30, text);
    }

    [Fact(Timeout = 300_000)]
    public async Task Gpt_TrainResumeEvalGenerate()
    {
        var baseline = Path.Combine(_folder, "baseline.bin");
        Assert.Equal(0, (await Run("model", "train", "--kind", "ngram", "--corpus", Corpus, "--out", baseline, "--no-cache")).Code);
        var model = Path.Combine(_folder, "gpt.safetensors");
        var (code, output, error) = await Run(
            "model", "train", "--corpus", Corpus, "--config", "tiny", "--minutes", "0.03", "--out", model, "--batch", "4",
            "--eval-every-seconds", "0.5", "--eval-windows", "4", "--baseline", baseline, "--no-cache", "--json");
        Assert.True(code == 0, error);
        Assert.True(File.Exists(model));
        Assert.Contains("tok/s", error, StringComparison.Ordinal);
        using var first = JsonDocument.Parse(output);
        var steps = first.RootElement.GetProperty("steps").GetInt64();
        Assert.True(steps >= 1);
        Assert.Equal(steps * 4 * 64, first.RootElement.GetProperty("tokens").GetInt64());
        var history = first.RootElement.GetProperty("held_out_history");
        Assert.True(history.GetArrayLength() >= 1);
        Assert.True(double.IsFinite(first.RootElement.GetProperty("held_out_loss").GetDouble()));
        Assert.True(first.RootElement.GetProperty("baseline").GetProperty("held_out_loss").GetDouble() < 4);

        // Resuming without --resume would lose the run: refused.
        (code, _, error) = await Run("model", "train", "--corpus", Corpus, "--minutes", "0.06", "--out", model, "--no-cache");
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("--resume", error, StringComparison.Ordinal);

        (code, output, error) = await Run(
            "model", "train", "--corpus", Corpus, "--minutes", "0.06", "--out", model, "--resume", "--eval-every-seconds", "0.5", "--eval-windows", "4", "--no-cache", "--json");
        Assert.True(code == 0, error);
        using var second = JsonDocument.Parse(output);
        Assert.True(second.RootElement.GetProperty("steps").GetInt64() > steps);
        Assert.Equal("tiny", second.RootElement.GetProperty("config").GetString());
        Assert.True(second.RootElement.GetProperty("minutes").GetDouble() >= 0.06);
        Assert.True(second.RootElement.GetProperty("held_out_history").GetArrayLength() > history.GetArrayLength());

        (code, output, error) = await Run("model", "eval", "--model", model, "--corpus", Corpus, "--max-tokens", "300", "--no-cache", "--json");
        Assert.True(code == 0, error);
        using var evaluated = JsonDocument.Parse(output);
        var loss = evaluated.RootElement.GetProperty("loss").GetDouble();
        Assert.Equal("gpt", evaluated.RootElement.GetProperty("kind").GetString());
        Assert.Equal(299, evaluated.RootElement.GetProperty("tokens").GetInt32());
        Assert.True(double.IsFinite(loss) && loss > 0 && loss < 12, $"GPT held-out loss {loss}");
        Assert.Equal(Math.Exp(loss), evaluated.RootElement.GetProperty("perplexity").GetDouble(), 6);

        var (g1, text, _) = await Run("model", "generate", "--model", model, "--prompt", "the model", "--max-tokens", "8", "--seed", "2", "--top-k", "50");
        var (g2, again, _) = await Run("model", "generate", "--model", model, "--prompt", "the model", "--max-tokens", "8", "--seed", "2", "--top-k", "50");
        Assert.Equal(0, g1);
        Assert.Equal(0, g2);
        Assert.Equal(text, again);
        Assert.StartsWith("the model", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task Gpt_RestrictedVocabulary_SavesResumesEvaluatesAndGenerates()
    {
        var model = Path.Combine(_folder, "restricted.safetensors");
        var (code, output, error) = await Run(
            "model", "train", "--corpus", Corpus, "--minutes", "0.02", "--out", model, "--batch", "4", "--vocabulary-rows", "64",
            "--eval-every-seconds", "0.5", "--eval-windows", "4", "--no-cache", "--json");
        Assert.True(code == 0, error);
        using var trained = JsonDocument.Parse(output);
        Assert.True(double.IsFinite(trained.RootElement.GetProperty("held_out_loss").GetDouble()));

        (code, _, error) = await Run("model", "train", "--corpus", Corpus, "--minutes", "0.04", "--out", model, "--resume", "--vocabulary-rows", "32", "--no-cache");
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("--vocabulary-rows", error, StringComparison.Ordinal);

        (code, output, error) = await Run("model", "train", "--corpus", Corpus, "--minutes", "0.04", "--out", model, "--resume", "--eval-windows", "4", "--no-cache", "--json");
        Assert.True(code == 0, error);
        using var resumed = JsonDocument.Parse(output);
        Assert.True(resumed.RootElement.GetProperty("steps").GetInt64() > trained.RootElement.GetProperty("steps").GetInt64());

        (code, output, error) = await Run("model", "eval", "--model", model, "--corpus", Corpus, "--max-tokens", "200", "--no-cache", "--json");
        Assert.True(code == 0, error);
        using var evaluated = JsonDocument.Parse(output);
        var loss = evaluated.RootElement.GetProperty("loss").GetDouble();
        Assert.True(double.IsFinite(loss) && loss > 0, $"loss {loss}");
        Assert.Equal(Math.Exp(loss), evaluated.RootElement.GetProperty("perplexity").GetDouble(), 6);

        var (g, text, gError) = await Run("model", "generate", "--model", model, "--prompt", "the model", "--max-tokens", "8", "--seed", "3");
        Assert.True(g == 0, gError);
        Assert.StartsWith("the model", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Bench_Json_NamesBothBackends()
    {
        var (code, output, error) = await Run("model", "bench", "--json", "--seconds", "0.3");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var backend in new[] { "managed", "openblas" })
        {
            var figures = root.GetProperty(backend);
            Assert.True(figures.GetProperty("square_1024").GetDouble() > 0, backend);
        }

        var ratio = root.GetProperty("managed_over_openblas").GetProperty("square_1024").GetDouble();
        Assert.Equal(
            root.GetProperty("managed").GetProperty("square_1024").GetDouble() / root.GetProperty("openblas").GetProperty("square_1024").GetDouble(),
            ratio,
            1);
        Assert.True(root.GetProperty("training").GetProperty("tokens_per_second").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("default_backend").GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task BadInputs_GiveExitCodesAndMessages()
    {
        var missing = Path.Combine(_folder, "no-such-corpus");
        var (code, _, error) = await Run("model", "train", "--kind", "ngram", "--corpus", missing, "--out", Path.Combine(_folder, "x.bin"));
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("no-such-corpus", error, StringComparison.Ordinal);

        (code, _, error) = await Run("model", "train", "--corpus", Corpus, "--config", "huge", "--minutes", "1", "--out", Path.Combine(_folder, "x.st"));
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("huge", error, StringComparison.Ordinal);
        Assert.All(new[] { "tiny", "small", "gpt2" }, name => Assert.Contains(name, error, StringComparison.Ordinal));

        (code, _, error) = await Run("model", "train", "--corpus", Corpus, "--out", Path.Combine(_folder, "x.st"));
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("--minutes", error, StringComparison.Ordinal);

        (code, _, error) = await Run("model", "train", "--kind", "ngram", "--order", "7", "--corpus", Corpus, "--out", Path.Combine(_folder, "x.bin"));
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("order 1 to 6", error, StringComparison.Ordinal);

        (code, _, error) = await Run("model", "train", "--kind", "rnn", "--corpus", Corpus, "--out", Path.Combine(_folder, "x.bin"));
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("gpt or ngram", error, StringComparison.Ordinal);

        (code, _, error) = await Run("model", "train", "--corpus", Corpus, "--minutes", "1", "--out", Path.Combine(_folder, "x.st"), "--resume");
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x.st")));

        var corrupt = Path.Combine(_folder, "corrupt.bin");
        await File.WriteAllBytesAsync(corrupt, [.. "not a model at all"u8]);
        (code, _, error) = await Run("model", "eval", "--model", corrupt, "--corpus", Corpus, "--no-cache");
        Assert.Equal(Btcli.Failure, code);
        Assert.Contains("neither an n-gram model", error, StringComparison.Ordinal);

        var truncated = Path.Combine(_folder, "truncated.bin");
        Assert.Equal(0, (await Run("model", "train", "--kind", "ngram", "--corpus", Corpus, "--out", truncated, "--no-cache")).Code);
        var bytes = await File.ReadAllBytesAsync(truncated);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        (code, _, error) = await Run("model", "generate", "--model", truncated, "--prompt", "x");
        Assert.Equal(Btcli.Failure, code);
        Assert.Contains(truncated, error, StringComparison.Ordinal);

        var damagedGpt = Path.Combine(_folder, "damaged.safetensors");
        await File.WriteAllBytesAsync(damagedGpt, [.. BitConverter.GetBytes(20L), .. "{\"wte.weight\": 3}   "u8]);
        (code, _, error) = await Run("model", "eval", "--model", damagedGpt, "--corpus", Corpus, "--no-cache");
        Assert.Equal(Btcli.Failure, code);
        Assert.Contains("wte.weight", error, StringComparison.Ordinal);

        (code, _, error) = await Run("model", "eval", "--model", Path.Combine(_folder, "absent.bin"), "--corpus", Corpus);
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);

        (code, _, error) = await Run("model", "generate", "--model", corrupt, "--top-p", "1.5");
        Assert.Equal(Btcli.InvalidInput, code);
        Assert.Contains("--top-p", error, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => Task.Run(() =>
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Btcli.Run(args, TextReader.Null, output, error);
        return (code, output.ToString(), error.ToString());
    });
}
