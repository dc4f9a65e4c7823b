using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;
using Bittensor.Models.NGram;
using Bittensor.Models.Sampling;

namespace Bittensor.Models.Tests;

/// <summary><see cref="LanguageModels"/>: file kinds, loading either kind, and generation from any model.</summary>
public sealed class LanguageModelsTests
{
    private static readonly KneserNeyOptions SmallVocabulary = new() { Order = 3, VocabularySize = 50, DocumentSeparator = 49 };

    private static KneserNeyModel NGram()
    {
        var random = new Random(5);
        var tokens = new int[3000];
        for (var i = 0; i < tokens.Length; i++)
        {
            // A mostly predictable stream: each token is usually the previous one plus one.
            tokens[i] = i == 0 ? 0 : random.Next(10) == 0 ? random.Next(48) : (tokens[i - 1] + 1) % 48;
        }

        return KneserNeyModel.Train(tokens, SmallVocabulary);
    }

    [Fact]
    public void Load_DetectsEachKind_AndRefusesOtherFiles()
    {
        using var folder = new TempFolder();
        var ngramPath = folder.File("model.bin");
        NGram().Save(ngramPath);
        var gptPath = folder.File("model.safetensors");
        GptCheckpoint.Save(gptPath, TestModels.Random(TestModels.Tiny, 3));
        var otherPath = folder.File("other.bin");
        File.WriteAllText(otherPath, "hello");

        Assert.Equal(LanguageModelFileKind.NGram, LanguageModels.DetectKind(ngramPath));
        Assert.Equal(LanguageModelFileKind.Gpt, LanguageModels.DetectKind(gptPath));
        Assert.Equal(LanguageModelFileKind.Unknown, LanguageModels.DetectKind(otherPath));
        Assert.IsType<KneserNeyModel>(LanguageModels.Load(ngramPath));
        var gpt = Assert.IsType<GptInference>(LanguageModels.Load(gptPath, ManagedGemm.Instance));
        Assert.Equal(TestModels.Tiny, gpt.Config);
        var error = Assert.Throws<InvalidDataException>(() => LanguageModels.Load(otherPath));
        Assert.Contains(otherPath, error.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => LanguageModels.Load(folder.File("absent")));
    }

    [Fact]
    public void CrossEntropy_UsesTheModelsOwnPath_WithTheGenericValue()
    {
        ILanguageModel model = NGram();
        int[] tokens = [0, 1, 2, 3, 4, 5, 9, 10, 11, 30, 31];
        Assert.Equal(LanguageModelExtensions.CrossEntropy(model, tokens), model.CrossEntropy(tokens), 5);
    }

    [Fact]
    public void Generate_NGram_IsDeterministic_GreedyFollowsTheArgMax_AndStops()
    {
        var model = NGram();
        var options = new SamplingOptions { Temperature = 1f, TopK = 5 };
        var first = LanguageModels.Generate(model, [3, 4], 40, options, seed: 9, stopToken: null).ToList();
        var second = LanguageModels.Generate(model, [3, 4], 40, options, seed: 9, stopToken: null).ToList();
        Assert.Equal(40, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first, LanguageModels.Generate(model, [3, 4], 40, options, seed: 10, stopToken: null).ToList());

        var greedy = LanguageModels.Generate(model, [3, 4], 10, SamplingOptions.Greedy, seed: 1, stopToken: null).ToList();
        var history = new List<int> { 3, 4 };
        var probabilities = new float[model.VocabularySize];
        foreach (var token in greedy)
        {
            model.NextTokenProbabilities(history.ToArray().AsSpan(Math.Max(0, history.Count - model.ContextLength)), probabilities);
            Assert.Equal(Sampler.ArgMax(probabilities), token);
            history.Add(token);
        }

        // The stream counts upwards, so greedy decoding continues 5, 6, 7, ...; stopping at 8 ends before it.
        Assert.Equal([5, 6, 7], LanguageModels.Generate(model, [3, 4], 10, SamplingOptions.Greedy, seed: 1, stopToken: 8));
    }

    [Fact]
    public void Generate_Gpt_MatchesGptInference()
    {
        var gpt = new GptInference(TestModels.Random(TestModels.Tiny, 4), ManagedGemm.Instance);
        var options = new SamplingOptions { Temperature = 0.8f, TopP = 0.9f };
        Assert.Equal(gpt.Generate([1, 2, 3], 12, options, 7, null), LanguageModels.Generate(gpt, [1, 2, 3], 12, options, 7, null));
    }
}
