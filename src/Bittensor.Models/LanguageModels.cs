using Bittensor.Models.Gpt;
using Bittensor.Models.IO;
using Bittensor.Models.Kernels;
using Bittensor.Models.NGram;
using Bittensor.Models.Sampling;

namespace Bittensor.Models;

/// <summary>The kinds of model file <see cref="LanguageModels.Load"/> reads.</summary>
public enum LanguageModelFileKind
{
    /// <summary>Neither of the formats below.</summary>
    Unknown,

    /// <summary>A <see cref="KneserNeyModel"/> file (magic <c>BTKNLM</c>).</summary>
    NGram,

    /// <summary>A GPT checkpoint in the safetensors format (<see cref="GptCheckpoint"/>).</summary>
    Gpt,
}

/// <summary>
/// Model files and model-independent operations for any <see cref="ILanguageModel"/>: opening a file whatever its
/// kind, cross-entropy through the model's fastest path, and sampled generation.
/// </summary>
public static class LanguageModels
{
    /// <summary>GPT-2's <c>&lt;|endoftext|&gt;</c>: the document separator and the default stop token.</summary>
    public const int EndOfText = 50256;

    /// <summary>
    /// The kind of model in <paramref name="path"/>, from its first bytes: <c>BTKNLM</c> for the n-gram format; an
    /// 8-byte little-endian header length followed by <c>{</c> for safetensors.
    /// </summary>
    public static LanguageModelFileKind DetectKind(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> head = stackalloc byte[9];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (read >= 6 && head[..6].SequenceEqual("BTKNLM"u8))
        {
            return LanguageModelFileKind.NGram;
        }

        if (read == 9 && head[8] == (byte)'{' && BitConverter.ToUInt64(head[..8]) is > 1 and < 1UL << 32)
        {
            return LanguageModelFileKind.Gpt;
        }

        return LanguageModelFileKind.Unknown;
    }

    /// <summary>
    /// Opens a model file of either kind: an n-gram model, or a GPT checkpoint (ours or a converted GPT-2 file) run by
    /// <see cref="GptInference"/> on <paramref name="gemm"/> (default <see cref="Gemm.Default"/>). Optimizer state in a
    /// training checkpoint is not read.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is neither kind, or is damaged (the message names the file and the fault).</exception>
    public static ILanguageModel Load(string path, IGemmBackend? gemm = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist; train one with 'btcli model train' or pass the right path.", path);
        }

        switch (DetectKind(path))
        {
            case LanguageModelFileKind.NGram:
                try
                {
                    return KneserNeyModel.Load(path);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{path}: not a readable n-gram model: {e.Message}", e);
                }

            case LanguageModelFileKind.Gpt:
                try
                {
                    var parameters = GptCheckpoint.LoadModel(path);
                    return new GptInference(parameters, gemm ?? Gemm.Default);
                }
                catch (SafeTensorsFormatException e)
                {
                    throw new InvalidDataException(e.Message, e);
                }

            default:
                throw new InvalidDataException(
                    $"{path}: neither an n-gram model (BTKNLM) nor a safetensors GPT checkpoint; pass a file written by 'btcli model train' or a GPT-2 checkpoint converted to safetensors.");
        }
    }

    /// <summary>
    /// Generates up to <paramref name="maxNewTokens"/> tokens after <paramref name="prompt"/>, yielding each as it is
    /// drawn; deterministic for a seed. Stops early, without yielding it, at <paramref name="stopToken"/> (null never
    /// stops). An empty prompt starts a document (<see cref="EndOfText"/>). A GPT uses its KV-cached
    /// <see cref="GptInference.Generate"/>; any other model is sampled from its <see cref="ILanguageModel.NextTokenProbabilities"/>
    /// (log-probabilities as logits) by the same <see cref="Sampler"/>.
    /// </summary>
    public static IEnumerable<int> Generate(
        ILanguageModel model,
        IReadOnlyList<int> prompt,
        int maxNewTokens,
        SamplingOptions options,
        ulong seed,
        int? stopToken = EndOfText)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        options.Validate();
        if (model is GptInference gpt)
        {
            return gpt.Generate(prompt, maxNewTokens, options, seed, stopToken);
        }

        for (var i = 0; i < prompt.Count; i++)
        {
            if ((uint)prompt[i] >= (uint)model.VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(prompt), prompt[i], $"Prompt token {i} is {prompt[i]}, outside the vocabulary [0, {model.VocabularySize}).");
            }
        }

        return GenerateFromProbabilities(model, prompt, maxNewTokens, new Sampler(options, seed), stopToken);
    }

    private static IEnumerable<int> GenerateFromProbabilities(ILanguageModel model, IReadOnlyList<int> prompt, int maxNewTokens, Sampler sampler, int? stopToken)
    {
        var history = new List<int>(prompt.Count == 0 ? [EndOfText] : prompt);
        var logits = new float[model.VocabularySize];
        var context = new int[Math.Max(1, model.ContextLength)];
        for (var produced = 0; produced < maxNewTokens; produced++)
        {
            var length = Math.Min(history.Count, model.ContextLength);
            history.CopyTo(history.Count - length, context, 0, length);
            model.NextTokenProbabilities(context.AsSpan(0, length), logits);
            for (var i = 0; i < logits.Length; i++)
            {
                logits[i] = MathF.Log(logits[i]);
            }

            var token = sampler.Next(logits);
            if (token == stopToken)
            {
                yield break;
            }

            history.Add(token);
            yield return token;
        }
    }
}
