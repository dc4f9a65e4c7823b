using System.Globalization;
using System.Text;
using Bittensor.Models.NGram;
using Bittensor.Models.Tokenization;

namespace Bittensor.Neurons.Tests;

/// <summary>A small n-gram model trained in the test on a few kilobytes of generated sentences, saved to a temporary file.</summary>
internal sealed class MinerTestModel : IDisposable
{
    private static readonly string[] Subjects = ["The quick fox", "A careful miner", "The validator", "Every neuron", "The old chain", "A new block"];
    private static readonly string[] Verbs = ["reads", "writes", "checks", "answers", "signs", "serves"];
    private static readonly string[] Objects = ["the next token.", "a signed request.", "the metagraph.", "every weight.", "its own axon.", "the held-out text."];

    public MinerTestModel()
    {
        Text = BuildText();
        Model = KneserNeyModel.Train(Gpt2Tokenizer.Standard.Encode(Text), new KneserNeyOptions { Order = 3 });
        Directory = System.IO.Directory.CreateTempSubdirectory("miner-model-").FullName;
        Path = System.IO.Path.Combine(Directory, "ngram.bin");
        Model.Save(Path);
    }

    public string Text { get; }

    public KneserNeyModel Model { get; }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Some sentences, deterministic, a few kilobytes long, one paragraph per subject.</summary>
    public static string BuildText()
    {
        var text = new StringBuilder();
        for (var s = 0; s < Subjects.Length; s++)
        {
            for (var i = 0; i < 12; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Subjects[s]} {Verbs[(s + i) % Verbs.Length]} {Objects[(s * i) % Objects.Length]} ");
            }

            text.Append("\n\n");
        }

        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
