using System.Text.Json.Serialization;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// Compile-time JSON metadata and writers for the SDK's own synapses, with the settings of <see cref="SynapseJson"/>
/// (snake_case, nulls written, strict numbers). Other synapse types fall back to reflection; both produce the same
/// bytes (a test holds them equal).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 16)]
[JsonSerializable(typeof(Ping))]
[JsonSerializable(typeof(TextCausalLMNext))]
[JsonSerializable(typeof(TextCausalLM))]
[JsonSerializable(typeof(TextLastHiddenState))]
[JsonSerializable(typeof(TextGeneration))]
internal sealed partial class SynapseJsonContext : JsonSerializerContext;
