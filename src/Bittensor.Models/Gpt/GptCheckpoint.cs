using System.Globalization;
using System.Text.RegularExpressions;
using Bittensor.Models.IO;

namespace Bittensor.Models.Gpt;

/// <summary>
/// A GPT's weights in a safetensors file under GPT-2's tensor names and shapes (<c>wte.weight</c>,
/// <c>h.0.attn.c_attn.weight</c> [C, 3C], …), with the config in the metadata, plus optional extra float tensors
/// (optimizer state, under <see cref="OptimizerPrefix"/>) and string metadata (such as <see cref="OptimizerStepKey"/>)
/// so training can resume. Loading also accepts GPT-2 checkpoints converted by common tools: names may carry a
/// <c>transformer.</c> prefix; the attention-mask buffers <c>h.N.attn.bias</c> and <c>h.N.attn.masked_bias</c> are
/// skipped; <c>lm_head.weight</c> must equal <c>wte.weight</c> (the head is tied); F16 and BF16 weights are widened;
/// without config metadata the config is read off the shapes (<see cref="InferConfig"/>).
/// </summary>
/// <remarks>
/// A restricted vocabulary (<see cref="GptConfig.Vocabulary"/>) is saved as the float32 tensor
/// <see cref="KeptIdsName"/> (the kept ids, exact below 2²⁴) and the full id count under
/// <see cref="TokenVocabularySizeKey"/>; <c>wte.weight</c> then has one row per kept id plus the other row. A training
/// checkpoint (<see cref="SaveTraining"/>) adds the AdamW moments as <c>optimizer.m.NAME</c> / <c>optimizer.v.NAME</c>
/// and the step, tokens seen and training time in the metadata; <see cref="TrainerState"/> reads them back.
/// </remarks>
public sealed partial class GptCheckpoint
{
    /// <summary>Metadata keys of the config that <see cref="Save"/> writes.</summary>
    public const string VocabularySizeKey = "gpt.vocab_size";
    public const string ContextLengthKey = "gpt.context_length";
    public const string LayersKey = "gpt.layers";
    public const string HeadsKey = "gpt.heads";
    public const string EmbeddingSizeKey = "gpt.embedding_size";

    /// <summary>Metadata key of a restricted vocabulary's full id count (50257 for GPT-2's tokenizer).</summary>
    public const string TokenVocabularySizeKey = "gpt.token_vocab_size";

    /// <summary>The tensor holding a restricted vocabulary's kept ids, increasing, as float32.</summary>
    public const string KeptIdsName = "vocabulary.kept_ids";

    /// <summary>Metadata key of the training tokens processed so far.</summary>
    public const string TokensSeenKey = "trainer.tokens_seen";

    /// <summary>Metadata key of the training time so far, in 100 ns ticks.</summary>
    public const string TrainedTicksKey = "trainer.trained_ticks";

    /// <summary>The prefixes of the AdamW moment tensors.</summary>
    public const string FirstMomentPrefix = OptimizerPrefix + "m.";
    public const string SecondMomentPrefix = OptimizerPrefix + "v.";

    /// <summary>Float32 holds every integer below this exactly.</summary>
    private const int ExactFloatIds = 1 << 24;

    /// <summary>The prefix of optimizer tensors, e.g. <c>optimizer.m.wte.weight</c>.</summary>
    public const string OptimizerPrefix = "optimizer.";

    /// <summary>The metadata key conventionally holding the optimizer's step count.</summary>
    public const string OptimizerStepKey = "optimizer.step";

    /// <summary>The tied LM head's name in converted GPT-2 files.</summary>
    public const string LmHeadName = "lm_head.weight";

    private const string TransformerPrefix = "transformer.";

    private GptCheckpoint(
        GptParameters parameters,
        IReadOnlyDictionary<string, string> metadata,
        IReadOnlyDictionary<string, float[]> extraTensors)
    {
        Parameters = parameters;
        Metadata = metadata;
        ExtraTensors = extraTensors;
    }

    /// <summary>The weights, with the config read from the file.</summary>
    public GptParameters Parameters { get; }

    public GptConfig Config => Parameters.Config;

    /// <summary>The file's metadata (the config keys included), in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Every tensor that is not a model weight, the vocabulary, an ignored buffer or the tied head, by its name in the
    /// file.
    /// </summary>
    public IReadOnlyDictionary<string, float[]> ExtraTensors { get; }

    /// <summary>
    /// The trainer state saved by <see cref="SaveTraining"/> (AdamW moments and step, tokens seen, training time), or
    /// null when the file holds weights only (or was loaded without its extra tensors).
    /// </summary>
    public GptTrainerState? TrainerState
    {
        get
        {
            if (!Metadata.TryGetValue(OptimizerStepKey, out var stepText))
            {
                return null;
            }

            var m = new float[Parameters.Count];
            var v = new float[Parameters.Count];
            if (!TryGatherByParameter(ExtraTensors, FirstMomentPrefix, Parameters, m) ||
                !TryGatherByParameter(ExtraTensors, SecondMomentPrefix, Parameters, v))
            {
                return null;
            }

            var step = Long(stepText, OptimizerStepKey);
            var tokens = Metadata.TryGetValue(TokensSeenKey, out var tokensText) ? Long(tokensText, TokensSeenKey) : 0;
            var ticks = Metadata.TryGetValue(TrainedTicksKey, out var ticksText) ? Long(ticksText, TrainedTicksKey) : 0;
            return new GptTrainerState(new AdamW.State(step, m, v), tokens, TimeSpan.FromTicks(ticks));
        }
    }

    /// <summary>
    /// Saves <paramref name="trainer"/>'s model and everything needed to resume it exactly: the AdamW moments and step,
    /// the tokens seen and the training time. <paramref name="metadata"/> may add keys (not <c>gpt.</c>,
    /// <c>optimizer.</c> or <c>trainer.</c> ones).
    /// </summary>
    public static void SaveTraining(string path, GptTrainer trainer, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var parameters = trainer.Model.Parameters;
        var state = trainer.ExportState();
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (key.StartsWith(OptimizerPrefix, StringComparison.Ordinal) || key.StartsWith("trainer.", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"GPT checkpoint: the metadata key '{key}' is reserved for the trainer state.");
                }

                header.Add(key, value);
            }
        }

        header[OptimizerStepKey] = state.Optimizer.Step.ToString(CultureInfo.InvariantCulture);
        header[TokensSeenKey] = state.TokensSeen.ToString(CultureInfo.InvariantCulture);
        header[TrainedTicksKey] = state.TrainedTime.Ticks.ToString(CultureInfo.InvariantCulture);
        var extra = SplitByParameter(FirstMomentPrefix, parameters, state.Optimizer.M);
        foreach (var (name, values) in SplitByParameter(SecondMomentPrefix, parameters, state.Optimizer.V))
        {
            extra.Add(name, values);
        }

        Save(path, parameters, header, extra);
    }

    /// <summary>
    /// Reads a training checkpoint written by <see cref="SaveTraining"/>; its <see cref="TrainerState"/> is set. To
    /// resume, build a <see cref="GptModel"/> over <see cref="Parameters"/>, a <see cref="GptTrainer"/> with the same
    /// options and data, and call <see cref="GptTrainer.ImportState"/> with <see cref="TrainerState"/>.
    /// </summary>
    public static GptCheckpoint LoadTraining(string path)
    {
        var checkpoint = Load(path);
        if (checkpoint.TrainerState is null)
        {
            throw new InvalidDataException(
                $"{path}: holds model weights but no trainer state (optimizer moments and step); it cannot resume training. Start a new run from it, or pick a checkpoint written during training.");
        }

        return checkpoint;
    }

    /// <summary>
    /// The weights of a checkpoint (ours or a converted GPT-2 file), restricted vocabulary included, without reading
    /// any optimizer state: ready for <see cref="GptInference"/> or <see cref="GptModel"/>.
    /// </summary>
    public static GptParameters LoadModel(string path, int? heads = null) =>
        Load(path, new GptCheckpointOptions { Heads = heads, LoadExtraTensors = false }).Parameters;

    /// <summary>
    /// Writes <paramref name="parameters"/> (and the extra tensors, one-dimensional) to <paramref name="path"/>,
    /// replacing any file there only once the new one is complete. <paramref name="metadata"/> may not use the
    /// <c>gpt.</c> config keys, and extra tensor names may not be model weight names.
    /// </summary>
    public static void Save(
        string path,
        GptParameters parameters,
        IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyDictionary<string, float[]>? extraTensors = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var tensors = new Dictionary<string, SafeTensorData>(StringComparer.Ordinal);
        var values = parameters.Values.AsMemory();
        foreach (var parameter in parameters.All)
        {
            tensors.Add(parameter.Name, new SafeTensorData(parameter.Shape, values.Slice(parameter.Offset, parameter.Length)));
        }

        if (extraTensors is not null)
        {
            foreach (var (name, data) in extraTensors)
            {
                ArgumentNullException.ThrowIfNull(data, $"extra tensor '{name}'");
                if (tensors.ContainsKey(name) || Classify(name, out _) != NameKind.Extra)
                {
                    throw new ArgumentException(
                        $"GPT checkpoint: the extra tensor '{name}' would be read back as a model tensor; give it a prefix such as '{OptimizerPrefix}'.");
                }

                tensors.Add(name, SafeTensorData.Vector(data));
            }
        }

        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (key.StartsWith("gpt.", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"GPT checkpoint: the metadata key '{key}' is reserved for the config, which is written from the parameters.");
                }

                header.Add(key, value);
            }
        }

        var config = parameters.Config;
        if (config.Vocabulary is { } vocabulary)
        {
            if (vocabulary.FullSize > ExactFloatIds)
            {
                throw new ArgumentException(
                    $"GPT checkpoint: a restricted vocabulary over {vocabulary.FullSize} ids cannot be stored as float32 ids (at most {ExactFloatIds}).");
            }

            var kept = new float[vocabulary.KeptIds.Count];
            for (var i = 0; i < kept.Length; i++)
            {
                kept[i] = vocabulary.KeptIds[i];
            }

            tensors.Add(KeptIdsName, SafeTensorData.Vector(kept));
            header[TokenVocabularySizeKey] = Text(vocabulary.FullSize);
        }

        header[VocabularySizeKey] = Text(config.VocabularySize);
        header[ContextLengthKey] = Text(config.ContextLength);
        header[LayersKey] = Text(config.Layers);
        header[HeadsKey] = Text(config.Heads);
        header[EmbeddingSizeKey] = Text(config.EmbeddingSize);
        SafeTensorsWriter.WriteFile(path, tensors, header);
    }

    /// <summary>Reads a checkpoint; every error names the file and the tensor or key at fault.</summary>
    public static GptCheckpoint Load(string path, GptCheckpointOptions? options = null)
    {
        options ??= new GptCheckpointOptions();
        using var file = SafeTensorsFile.Open(path);
        var model = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
        var extras = new List<SafeTensorInfo>();
        SafeTensorInfo? head = null;
        SafeTensorInfo? keptIds = null;
        foreach (var tensor in file.Tensors)
        {
            switch (Classify(tensor.Name, out var canonical))
            {
                case NameKind.Model:
                    if (!model.TryAdd(canonical, tensor))
                    {
                        throw new SafeTensorsFormatException(
                            $"{path}: '{canonical}' appears both with and without the '{TransformerPrefix}' prefix ('{model[canonical].Name}' and '{tensor.Name}'); keep one.");
                    }

                    break;
                case NameKind.Head:
                    head = tensor;
                    break;
                case NameKind.Ignored:
                    break;
                case NameKind.Vocabulary:
                    keptIds = tensor;
                    break;
                default:
                    extras.Add(tensor);
                    break;
            }
        }

        var shapes = model.ToDictionary(p => p.Key, p => p.Value.Shape, StringComparer.Ordinal);
        var config = InferConfig(shapes, file.Metadata, options.Heads, path);
        config = WithSavedVocabulary(file, keptIds, config, path);
        var parameters = new GptParameters(config);
        foreach (var parameter in parameters.All)
        {
            if (!model.Remove(parameter.Name, out var tensor))
            {
                throw new SafeTensorsFormatException(
                    $"{path}: the tensor '{parameter.Name}' [{string.Join(", ", parameter.Shape)}] is missing; a GPT of config {config} needs it.");
            }

            if (!tensor.Shape.SequenceEqual(parameter.Shape.Select(d => (long)d)))
            {
                throw new SafeTensorsFormatException(
                    $"{path}: tensor '{tensor.Name}' has shape {tensor.ShapeText} but a GPT of config {config} needs [{string.Join(", ", parameter.Shape)}].");
            }

            file.ReadSingles(tensor.Name, parameters.Value(parameter));
        }

        if (model.Count > 0)
        {
            var first = model.Keys.Order(StringComparer.Ordinal).First();
            throw new SafeTensorsFormatException(
                $"{path}: tensor '{model[first].Name}' belongs to no weight of a GPT of config {config} (a layer beyond {config.Layers - 1}?); the file does not match its config.");
        }

        if (head is not null)
        {
            CheckTiedHead(file, head, parameters, path);
        }

        var extraTensors = new SortedDictionary<string, float[]>(StringComparer.Ordinal);
        if (options.LoadExtraTensors)
        {
            foreach (var tensor in extras)
            {
                extraTensors.Add(tensor.Name, file.ReadSingles(tensor.Name));
            }
        }

        return new GptCheckpoint(parameters, file.Metadata, extraTensors);
    }

    /// <summary>
    /// The config of a checkpoint from its weight shapes (names without the <c>transformer.</c> prefix) and metadata:
    /// vocabulary and embedding size from <c>wte.weight</c>, context from <c>wpe.weight</c>, layers from the highest
    /// <c>h.N.</c>; heads from <paramref name="heads"/>, else the <c>gpt.heads</c> metadata, else embedding/64 (GPT-2's
    /// head size). Metadata that disagrees with the shapes is an error.
    /// </summary>
    public static GptConfig InferConfig(
        IReadOnlyDictionary<string, long[]> shapes,
        IReadOnlyDictionary<string, string> metadata,
        int? heads = null,
        string source = "GPT checkpoint")
    {
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!shapes.TryGetValue("wte.weight", out var wte) || wte.Length != 2)
        {
            throw new SafeTensorsFormatException(
                $"{source}: no two-dimensional 'wte.weight' (token embedding); this is not a GPT-2-style checkpoint.");
        }

        if (!shapes.TryGetValue("wpe.weight", out var wpe) || wpe.Length != 2)
        {
            throw new SafeTensorsFormatException(
                $"{source}: no two-dimensional 'wpe.weight' (position embedding); this is not a GPT-2-style checkpoint.");
        }

        var layers = 0;
        foreach (var name in shapes.Keys)
        {
            var match = LayerName().Match(name);
            if (match.Success)
            {
                if (!int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var layer) || layer > 100_000)
                {
                    throw new SafeTensorsFormatException($"{source}: tensor '{name}' has an implausible layer number.");
                }

                layers = Math.Max(layers, layer + 1);
            }
        }

        int Size(long dimension, string name) =>
            dimension is > 0 and <= int.MaxValue
                ? (int)dimension
                : throw new SafeTensorsFormatException($"{source}: '{name}' has a dimension of {dimension}; a GPT needs sizes from 1 to {int.MaxValue}.");
        var embedding = Size(wte[1], "wte.weight");
        var fromShapes = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [VocabularySizeKey] = Size(wte[0], "wte.weight"),
            [ContextLengthKey] = Size(wpe[0], "wpe.weight"),
            [LayersKey] = layers,
            [EmbeddingSizeKey] = embedding,
        };
        foreach (var (key, value) in fromShapes)
        {
            if (metadata.TryGetValue(key, out var text) && Number(text, key, source) != value)
            {
                throw new SafeTensorsFormatException($"{source}: metadata '{key}' says {text} but the tensors' shapes give {value}.");
            }
        }

        int headCount;
        if (heads is { } given)
        {
            headCount = given;
        }
        else if (metadata.TryGetValue(HeadsKey, out var text))
        {
            headCount = Number(text, HeadsKey, source);
        }
        else if (embedding % 64 == 0)
        {
            headCount = embedding / 64;
        }
        else
        {
            throw new SafeTensorsFormatException(
                $"{source}: the file does not say how many attention heads it has and its embedding size {embedding} is not a multiple of GPT-2's head size 64; pass the head count.");
        }

        var config = new GptConfig(fromShapes[VocabularySizeKey], fromShapes[ContextLengthKey], layers, headCount, embedding);
        try
        {
            config.Validate();
        }
        catch (ArgumentException error)
        {
            throw new SafeTensorsFormatException($"{source}: {error.Message}", error);
        }

        return config;
    }

    /// <summary>
    /// Splits <paramref name="flat"/> (laid out as <paramref name="layout"/>'s values, e.g. an optimizer moment) into
    /// one tensor per weight named <paramref name="prefix"/> + the weight's name, for <see cref="Save"/>'s extra tensors.
    /// </summary>
    public static Dictionary<string, float[]> SplitByParameter(string prefix, GptParameters layout, ReadOnlySpan<float> flat)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(layout);
        if (flat.Length != layout.Count)
        {
            throw new ArgumentException($"GPT checkpoint: '{prefix}' has {flat.Length} values but the model has {layout.Count} weights.");
        }

        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var parameter in layout.All)
        {
            result.Add(prefix + parameter.Name, flat.Slice(parameter.Offset, parameter.Length).ToArray());
        }

        return result;
    }

    /// <summary>
    /// The inverse of <see cref="SplitByParameter"/>: gathers the tensors named <paramref name="prefix"/> + each weight's
    /// name into <paramref name="flat"/>; false when none exists, an error when only some do or a length is wrong.
    /// </summary>
    public static bool TryGatherByParameter(
        IReadOnlyDictionary<string, float[]> tensors,
        string prefix,
        GptParameters layout,
        Span<float> flat)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(layout);
        if (flat.Length != layout.Count)
        {
            throw new ArgumentException($"GPT checkpoint: the destination holds {flat.Length} values but the model has {layout.Count} weights.");
        }

        if (!layout.All.Any(p => tensors.ContainsKey(prefix + p.Name)))
        {
            return false;
        }

        foreach (var parameter in layout.All)
        {
            var name = prefix + parameter.Name;
            if (!tensors.TryGetValue(name, out var values))
            {
                throw new InvalidDataException($"GPT checkpoint: '{name}' is missing while other '{prefix}' tensors are present; the saved state is incomplete.");
            }

            if (values.Length != parameter.Length)
            {
                throw new InvalidDataException($"GPT checkpoint: '{name}' has {values.Length} values but '{parameter.Name}' has {parameter.Length}.");
            }

            values.CopyTo(flat.Slice(parameter.Offset, parameter.Length));
        }

        return true;
    }

    /// <summary>The config with the restricted vocabulary the file saves, if any; checks it against the shapes.</summary>
    private static GptConfig WithSavedVocabulary(SafeTensorsFile file, SafeTensorInfo? keptIds, GptConfig config, string path)
    {
        var hasSize = file.Metadata.TryGetValue(TokenVocabularySizeKey, out var sizeText);
        if (keptIds is null)
        {
            return hasSize
                ? throw new SafeTensorsFormatException($"{path}: metadata '{TokenVocabularySizeKey}' is set but the kept-id tensor '{KeptIdsName}' is missing.")
                : config;
        }

        if (!hasSize)
        {
            throw new SafeTensorsFormatException($"{path}: '{KeptIdsName}' is present but the metadata '{TokenVocabularySizeKey}' (the full id count) is missing.");
        }

        var fullSize = Number(sizeText!, TokenVocabularySizeKey, path);
        if (keptIds.Shape.Length != 1)
        {
            throw new SafeTensorsFormatException($"{path}: '{KeptIdsName}' has shape {keptIds.ShapeText}; it must be one-dimensional.");
        }

        var values = file.ReadSingles(keptIds.Name);
        var ids = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!(value >= 0 && value < ExactFloatIds) || value != MathF.Floor(value))
            {
                throw new SafeTensorsFormatException($"{path}: '{KeptIdsName}' entry {i} is {value}, not a token id.");
            }

            ids[i] = (int)value;
        }

        GptVocabulary vocabulary;
        try
        {
            vocabulary = new GptVocabulary(fullSize, ids);
        }
        catch (ArgumentException error)
        {
            throw new SafeTensorsFormatException($"{path}: the saved vocabulary is not valid: {error.Message}", error);
        }

        if (vocabulary.Rows != config.VocabularySize)
        {
            throw new SafeTensorsFormatException(
                $"{path}: the saved vocabulary keeps {ids.Length} ids (+1 other row = {vocabulary.Rows} rows) but wte.weight has {config.VocabularySize} rows.");
        }

        return config.WithVocabulary(vocabulary);
    }

    private static long Long(string text, string key) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"GPT checkpoint: metadata '{key}' is '{text}', not a non-negative integer.");

    private static void CheckTiedHead(SafeTensorsFile file, SafeTensorInfo head, GptParameters parameters, string path)
    {
        var wte = parameters.Value("wte.weight");
        var expected = parameters["wte.weight"].Shape;
        if (!head.Shape.SequenceEqual(expected.Select(d => (long)d)))
        {
            throw new SafeTensorsFormatException(
                $"{path}: '{head.Name}' has shape {head.ShapeText} but the tied head must match wte.weight [{string.Join(", ", expected)}].");
        }

        var values = file.ReadSingles(head.Name);
        for (var i = 0; i < values.Length; i++)
        {
            // Bitwise equality: a converter copies the same tensor (NaN payloads included).
            if (BitConverter.SingleToInt32Bits(values[i]) != BitConverter.SingleToInt32Bits(wte[i]))
            {
                throw new SafeTensorsFormatException(
                    $"{path}: '{head.Name}' differs from wte.weight (first at element {i}: {values[i]} vs {wte[i]}); this GPT ties its LM head to the token embedding and cannot load an untied head.");
            }
        }
    }

    private enum NameKind
    {
        Model,
        Head,
        Ignored,
        Vocabulary,
        Extra,
    }

    private static NameKind Classify(string name, out string canonical)
    {
        canonical = name.StartsWith(TransformerPrefix, StringComparison.Ordinal) ? name[TransformerPrefix.Length..] : name;
        if (canonical == LmHeadName || name == LmHeadName)
        {
            return NameKind.Head;
        }

        if (MaskBuffer().IsMatch(canonical))
        {
            return NameKind.Ignored;
        }

        if (name == KeptIdsName)
        {
            return NameKind.Vocabulary;
        }

        return canonical is "wte.weight" or "wpe.weight" or "ln_f.weight" or "ln_f.bias" || LayerName().IsMatch(canonical)
            ? NameKind.Model
            : NameKind.Extra;
    }

    private static int Number(string text, string key, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SafeTensorsFormatException($"{source}: metadata '{key}' is '{text}', not a non-negative integer.");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^h\.([0-9]+)\.", RegexOptions.CultureInvariant)]
    private static partial Regex LayerName();

    [GeneratedRegex(@"^h\.[0-9]+\.attn\.(bias|masked_bias)$", RegexOptions.CultureInvariant)]
    private static partial Regex MaskBuffer();
}
