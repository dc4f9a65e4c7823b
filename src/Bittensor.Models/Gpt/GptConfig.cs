namespace Bittensor.Models.Gpt;

/// <summary>
/// The shape of a GPT-2-style transformer: token and position embeddings, <see cref="Layers"/> pre-LayerNorm blocks
/// of causal multi-head attention and a GELU MLP (4× wide), a final LayerNorm and an LM head tied to the token
/// embedding.
/// </summary>
public sealed record GptConfig(int VocabularySize, int ContextLength, int Layers, int Heads, int EmbeddingSize)
{
    /// <summary>GPT-2's vocabulary size.</summary>
    public const int Gpt2Vocabulary = 50257;

    /// <summary>For tests and smoke runs: trains at thousands of tokens per second on two cores.</summary>
    public static GptConfig Tiny { get; } = new(Gpt2Vocabulary, 64, 2, 2, 64);

    /// <summary>
    /// The default for training on this class of machine (a few cores, minutes to hours): 4 layers × 4 heads × 128,
    /// context 128, about 0.8M weights outside the embeddings. Train it with its rows restricted to the corpus's ids
    /// (<see cref="WithVocabulary"/> and <see cref="GptVocabulary.FromCorpus"/>): over all 50257 ids the LM head would
    /// cost about eight times the rest of the network.
    /// </summary>
    public static GptConfig Small { get; } = new(Gpt2Vocabulary, 128, 4, 4, 128);

    /// <summary>GPT-2 "small" (124M), the shape of the published checkpoint.</summary>
    public static GptConfig Gpt2 { get; } = new(Gpt2Vocabulary, 1024, 12, 12, 768);

    /// <summary>The named presets, for <c>--config NAME</c>.</summary>
    public static IReadOnlyDictionary<string, GptConfig> Presets { get; } = new SortedDictionary<string, GptConfig>(StringComparer.Ordinal)
    {
        ["tiny"] = Tiny,
        ["small"] = Small,
        ["gpt2"] = Gpt2,
    };

    public int HeadSize => EmbeddingSize / Heads;

    /// <summary>
    /// An optional restriction of the embedding and output rows to the ids a corpus uses plus one "other" row
    /// (<see cref="GptVocabulary"/>); when set, <see cref="VocabularySize"/> is its row count. Null: one row per id.
    /// </summary>
    public GptVocabulary? Vocabulary { get; init; }

    /// <summary>The number of true token ids the model gives probabilities to (GPT-2's 50257 for the presets).</summary>
    public int TokenVocabularySize => Vocabulary?.FullSize ?? VocabularySize;

    /// <summary>This shape with its rows restricted to <paramref name="vocabulary"/>.</summary>
    public GptConfig WithVocabulary(GptVocabulary? vocabulary) =>
        this with { VocabularySize = vocabulary?.Rows ?? TokenVocabularySize, Vocabulary = vocabulary };

    /// <summary>Throws with a message naming the field when the shape cannot be built.</summary>
    public void Validate()
    {
        if (VocabularySize < 1 || ContextLength < 1 || Layers < 1 || Heads < 1 || EmbeddingSize < 1)
        {
            throw new ArgumentException($"GPT config {this}: every size must be at least 1.");
        }

        if (EmbeddingSize % Heads != 0)
        {
            throw new ArgumentException($"GPT config {this}: the embedding size {EmbeddingSize} must be a multiple of the head count {Heads}.");
        }

        if (Vocabulary is not null && Vocabulary.Rows != VocabularySize)
        {
            throw new ArgumentException(
                $"GPT config {this}: the restricted vocabulary has {Vocabulary.Rows} rows but the vocabulary size is {VocabularySize}; build it with WithVocabulary.");
        }
    }

    public static GptConfig Preset(string name) =>
        Presets.TryGetValue(name, out var config)
            ? config
            : throw new ArgumentException($"Unknown GPT config '{name}'; choose one of: {string.Join(", ", Presets.Keys)}.");
}
