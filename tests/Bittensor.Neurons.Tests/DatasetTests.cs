using Bittensor.Models.Corpus;
using Bittensor.Models.Tokenization;
using Bittensor.Neurons.Dataset;

namespace Bittensor.Neurons.Tests;

/// <summary>The validator's dataset over real folders of text: held-out windows, seeds, domains and manifests.</summary>
public sealed class DatasetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("neurons-dataset-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Sample_IsAFunctionOfTheSeedAndDrawsOnlyHeldOutText()
    {
        var folder = WriteCorpus("docs", 600, "alpha");
        var dataset = TextDataset.Open(folder, minimumTokens: 64);
        var heldOut = TextCorpus.FromFolder(folder).Tokenize(CorpusPart.HeldOut, Gpt2Tokenizer.Standard);
        var train = TextCorpus.FromFolder(folder).Tokenize(CorpusPart.Train, Gpt2Tokenizer.Standard);

        var first = dataset.Sample(42, 8, 24);
        var again = dataset.Sample(42, 8, 24);
        var other = dataset.Sample(43, 8, 24);

        Assert.Equal(heldOut, dataset.Domains[0].Tokens);
        Assert.Equal(first.Rows, again.Rows);
        Assert.NotEqual(first.Rows, other.Rows);
        foreach (var row in first.Rows.Concat(other.Rows))
        {
            Assert.Equal(24, row.Length);
            Assert.True(Contains(heldOut, row), "every window is a slice of the held-out stream");
            Assert.False(Contains(train, row), "no window comes from the train part (paragraphs are numbered, so none repeats)");
        }
    }

    [Fact]
    public void Open_NamesDomainsAndSamplesFromEach()
    {
        var a = WriteCorpus("a", 400, "apple");
        var b = WriteCorpus("b", 400, "zebra");
        var dataset = TextDataset.Open($"fruit={a},animals={b}", minimumTokens: 64);

        Assert.Equal(["fruit", "animals"], dataset.Domains.Select(d => d.Name));
        var batch = dataset.Sample(7, 64, 16);
        Assert.Contains("fruit", batch.Domains);
        Assert.Contains("animals", batch.Domains);
        var zebra = Gpt2Tokenizer.Standard.Encode(" zebra")[0];
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.Equal(batch.Domains[i] == "animals", batch.Rows[i].Contains(zebra));
        }
    }

    [Fact]
    public void Open_RefusesBadSpecsWithAClearMessage()
    {
        var a = WriteCorpus("a", 400, "apple");
        Assert.Contains("named twice", Assert.Throws<ArgumentException>(() => TextDataset.Open($"x={a},x={a}", minimumTokens: 64)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<DirectoryNotFoundException>(() => TextDataset.Open(Path.Combine(_root, "missing"))).Message, StringComparison.Ordinal);
        Assert.Contains("held-out tokens", Assert.Throws<ArgumentException>(() => TextDataset.Open(a, minimumTokens: 10_000_000)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_VerifiesEveryFileAndNamesTheOneThatDiffers()
    {
        var folder = WriteCorpus("shards", 400, "delta");
        File.WriteAllText(Path.Combine(folder, "second.jsonl"), "{\"text\": \"one more document\"}\n");
        var manifest = ShardManifest.Create(folder, "shards");
        manifest.Save(Path.Combine(folder, ShardManifest.FileName));

        var loaded = ShardManifest.Load(Path.Combine(folder, ShardManifest.FileName));
        Assert.Equal(["corpus.txt", "second.jsonl"], loaded.Files.Select(f => f.Path));
        Assert.Equal(new FileInfo(Path.Combine(folder, "second.jsonl")).Length, loaded.Files[1].Bytes);
        Assert.Equal("shards", TextDataset.Open(folder, minimumTokens: 64).Domains[0].Name);

        // Same size, one byte changed.
        var path = Path.Combine(folder, "second.jsonl");
        var bytes = File.ReadAllBytes(path);
        bytes[12] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var changed = Assert.Throws<InvalidDataException>(() => TextDataset.Open(folder, minimumTokens: 64));
        Assert.Contains("second.jsonl has SHA-256", changed.Message, StringComparison.Ordinal);

        File.Delete(path);
        Assert.Contains("second.jsonl is listed in the manifest but missing", Assert.Throws<InvalidDataException>(() => loaded.Verify(folder)).Message, StringComparison.Ordinal);

        ShardManifest.Create(folder, "shards").Save(Path.Combine(folder, ShardManifest.FileName));
        File.WriteAllText(Path.Combine(folder, "extra.txt"), "not listed");
        Assert.Contains("extra.txt is in", Assert.Throws<InvalidDataException>(() => TextDataset.Open(folder, minimumTokens: 64)).Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(folder, ShardManifest.FileName), "{\"name\": \"x\", \"files\": [{\"path\": \"../a.txt\", \"sha256\": \"00\", \"bytes\": 1}]}");
        Assert.Contains("not a shard manifest", Assert.Throws<InvalidDataException>(() => TextDataset.Open(folder)).Message, StringComparison.Ordinal);
    }

    private string WriteCorpus(string name, int paragraphs, string word)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        using var writer = new StreamWriter(Path.Combine(folder, "corpus.txt"));
        for (var i = 0; i < paragraphs; i++)
        {
            writer.WriteLine($"Paragraph {i} says {word} number {i * 7} and then {word} again with {i % 13} more words.");
            writer.WriteLine();
        }

        return folder;
    }

    private static bool Contains(int[] stream, int[] window)
    {
        for (var i = 0; i + window.Length <= stream.Length; i++)
        {
            if (stream.AsSpan(i, window.Length).SequenceEqual(window))
            {
                return true;
            }
        }

        return false;
    }
}
