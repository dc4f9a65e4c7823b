using Bittensor.Models;
using Bittensor.Models.Corpus;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;

namespace Bittensor.Neurons.Miners;

/// <summary>What a backend may need from the miner that runs it.</summary>
/// <param name="Dendrite">The miner's own dendrite (its hotkey), for backends that call other axons (copycat).</param>
/// <param name="Metagraph">The miner's latest metagraph.</param>
/// <param name="OpenAiModel">The <c>model</c> field for <c>openai:URL</c>.</param>
/// <param name="TokenCacheDirectory">Where corpus token streams are cached (constant); null to tokenize every time.</param>
public sealed record MinerBackendContext(DendriteClient? Dendrite = null, Func<Metagraph?>? Metagraph = null, string? OpenAiModel = null, string? TokenCacheDirectory = null);

/// <summary>Builds the backend a <see cref="MinerModelSpec"/> names.</summary>
public static class MinerBackends
{
    /// <summary>Opens <paramref name="spec"/>'s backend: loads the model file, counts the corpus, or wraps the inner spec.</summary>
    /// <exception cref="FileNotFoundException">The model file or corpus does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The corpus folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a model of the kind named.</exception>
    /// <exception cref="InvalidOperationException">A copycat without a dendrite and metagraph.</exception>
    public static MinerBackend Create(MinerModelSpec spec, MinerBackendContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        context ??= new MinerBackendContext();
        switch (spec.Kind)
        {
            case MinerModelKind.File:
            case MinerModelKind.NGram:
            case MinerModelKind.Gpt:
                var path = spec.Argument!;
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"--model: the model file '{path}' does not exist; train one with 'btcli model train' or give the right path.", path);
                }

                var expected = spec.Kind switch
                {
                    MinerModelKind.NGram => LanguageModelFileKind.NGram,
                    MinerModelKind.Gpt => LanguageModelFileKind.Gpt,
                    _ => LanguageModels.DetectKind(path),
                };
                var found = LanguageModels.DetectKind(path);
                if (found != expected || found == LanguageModelFileKind.Unknown)
                {
                    throw new InvalidDataException(found == LanguageModelFileKind.Unknown
                        ? $"--model: '{path}' is neither an n-gram model nor a GPT safetensors checkpoint."
                        : $"--model {spec}: '{path}' holds a{(found == LanguageModelFileKind.NGram ? "n n-gram model" : " GPT checkpoint")}, not the kind named.");
                }

                return new LanguageModelBackend(LanguageModels.Load(path));
            case MinerModelKind.OpenAi:
                return new OpenAiBackend(new Uri(spec.Argument!), context.OpenAiModel);
            case MinerModelKind.Noise:
                return new NoiseBackend();
            case MinerModelKind.Constant:
                return ConstantBackend.FromCorpus(TextCorpus.Open(spec.Argument), context.TokenCacheDirectory);
            case MinerModelKind.Copycat:
                if (context.Dendrite is null || context.Metagraph is null)
                {
                    throw new InvalidOperationException("A copycat miner needs the miner's dendrite and metagraph.");
                }

                return new CopycatBackend(spec.Uid, context.Dendrite, context.Metagraph);
            case MinerModelKind.Slow:
                return new SlowBackend(Create(spec.Inner ?? new MinerModelSpec(MinerModelKind.Noise), context));
            case MinerModelKind.Broken:
                return new BrokenBackend();
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown model kind.");
        }
    }
}
