using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// The request and response object of the 2024 protocol (spec §2B): common fields here, payload fields in each
/// subclass. The JSON body is the whole object in snake_case; the route is <c>/{SynapseName}</c>.
/// </summary>
public abstract class Synapse
{
    /// <summary>Default call timeout, seconds.</summary>
    public const double DefaultTimeoutSeconds = 12.0;

    /// <summary>The route name (spec §2B: the class name). Read from the body, but the axon insists it equals the route.</summary>
    public string Name { get; set; }

    /// <summary>Seconds the caller waits; the axon answers 408 when a request waited this long for a slot.</summary>
    public double Timeout { get; set; } = DefaultTimeoutSeconds;

    public long TotalSize { get; set; }

    public long HeaderSize { get; set; }

    public TerminalInfo Dendrite { get; set; } = new();

    public TerminalInfo Axon { get; set; } = new();

    /// <summary>Always empty in the body; the hash travels in the <c>computed_body_hash</c> header.</summary>
    public string ComputedBodyHash { get; set; } = string.Empty;

    protected Synapse() => Name = SynapseName;

    /// <summary>The route and <c>name</c> of this synapse type.</summary>
    [JsonIgnore]
    public abstract string SynapseName { get; }

    /// <summary>Whether the call succeeded (the axon's status 200).</summary>
    [JsonIgnore]
    public bool IsSuccess => Axon.StatusCode == 200;

    /// <summary>
    /// The payload fields the body hash covers, in declaration order, each rendered as Python's <c>str()</c> of its
    /// <c>model_dump()</c> value (spec §2B).
    /// </summary>
    protected internal virtual IEnumerable<string> HashFieldValues() => [];

    /// <summary>
    /// Required payload fields (no default) with the JSON of an empty value of their type, for the
    /// <c>bt_header_input_obj_*</c> headers.
    /// </summary>
    protected internal virtual IEnumerable<(string Field, string EmptyJson)> RequiredFields() => [];

    /// <summary>
    /// Copies the request fields of <paramref name="request"/> onto this response, so a response is always checked
    /// against what was asked, not against what the other end echoed.
    /// </summary>
    protected internal virtual void RestoreRequestFields(Synapse request)
    {
    }

    /// <summary>Checks the request payload against <paramref name="limits"/>.</summary>
    /// <exception cref="SynapseException">A field breaks a rule; the message names it.</exception>
    public virtual void ValidateRequest(SynapseLimits limits)
    {
    }

    /// <summary>Checks the response payload against <paramref name="limits"/> and this request.</summary>
    /// <exception cref="SynapseException">A field breaks a rule; the message names it.</exception>
    public virtual void ValidateResponse(SynapseLimits limits)
    {
    }

    /// <summary>
    /// SHA3-256 hex of the concatenated SHA3-256 hex digests of the hash fields (spec §2B); with none, SHA3-256 of the
    /// empty string.
    /// </summary>
    public string ComputeBodyHash()
    {
        StringBuilder? inner = null;
        foreach (var value in HashFieldValues())
        {
            (inner ??= new StringBuilder(64 * 4)).Append(Sha3Hex(value));
        }

        return inner is null ? EmptyBodyHash : Sha3Hex(inner.ToString());
    }

    /// <summary>The body hash of a synapse without hash fields (the ping and most subnets' synapses): SHA3-256 of "".</summary>
    private static readonly string EmptyBodyHash = Sha3Hex(string.Empty);

    internal static string Sha3Hex(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA3_256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Python's float <c>repr</c> for the values the protocol prints (<c>12.0</c>, <c>0.5</c>).</summary>
    internal static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    internal static string RequireLength(string? value, string field, int max)
    {
        if (value is null)
        {
            throw new SynapseException($"{field} is missing");
        }

        if (value.Length > max)
        {
            throw new SynapseException($"{field} has {value.Length} characters, at most {max} are accepted");
        }

        return value;
    }

    internal static void RequireTokens(SynapseTensor? tokens, string field, SynapseLimits limits)
    {
        if (tokens is null)
        {
            throw new SynapseException($"{field} is missing");
        }

        tokens.Validate(field, TensorDtype.Int64, 2, limits.MaxRequestTokens);
        if (tokens.Shape[0] == 0 || tokens.Shape[1] == 0)
        {
            throw new SynapseException($"{field}: shape [{tokens.Shape[0]}, {tokens.Shape[1]}] is empty; batch and sequence must both be positive");
        }

        foreach (var id in tokens.ToInt64())
        {
            if (id < 0 || id >= limits.VocabularySize)
            {
                throw new SynapseException($"{field}: token id {id} is outside [0, {limits.VocabularySize})");
            }
        }
    }

    internal static void RequireTopK(int topk, SynapseLimits limits)
    {
        if (topk < 1 || topk > limits.MaxTopK)
        {
            throw new SynapseException($"topk {topk} is outside [1, {limits.MaxTopK}]");
        }
    }

    /// <summary>Checks a top-k response: ids [..., K] int64, probabilities [..., K] float32, floors [...]; per row sums ≤ 1.</summary>
    internal static void RequireTopKResponse(SynapseTensor? ids, SynapseTensor? probabilities, SynapseTensor? floors, long[] prefix, int topk, SynapseLimits limits)
    {
        if (ids is null || probabilities is null || floors is null)
        {
            throw new SynapseException("the response lacks topk_token_ids, topk_probabilities or floor_probabilities");
        }

        ids.Validate("topk_token_ids", TensorDtype.Int64, prefix.Length + 1, limits.MaxTensorElements);
        probabilities.Validate("topk_probabilities", TensorDtype.Float32, prefix.Length + 1, limits.MaxTensorElements);
        floors.Validate("floor_probabilities", TensorDtype.Float32, prefix.Length, limits.MaxTensorElements);
        var k = ids.Shape[^1];
        if (!ids.Shape.AsSpan(0, prefix.Length).SequenceEqual(prefix) || k < 1 || k > topk)
        {
            throw new SynapseException($"topk_token_ids: shape [{string.Join(", ", ids.Shape)}], expected [{string.Join(", ", prefix)}, k] with 1 ≤ k ≤ {topk}");
        }

        if (!probabilities.Shape.AsSpan().SequenceEqual(ids.Shape) || !floors.Shape.AsSpan().SequenceEqual(prefix))
        {
            throw new SynapseException("topk_probabilities must have the shape of topk_token_ids, and floor_probabilities that shape without its last dimension");
        }

        var idValues = ids.ToInt64();
        var p = probabilities.ToFloat32();
        var f = floors.ToFloat32();
        for (var row = 0; row < f.Length; row++)
        {
            double sum = 0;
            for (var j = 0; j < k; j++)
            {
                var id = idValues[(row * k) + j];
                var value = p[(row * k) + j];
                if (id < 0 || id >= limits.VocabularySize)
                {
                    throw new SynapseException($"topk_token_ids: token id {id} is outside [0, {limits.VocabularySize})");
                }

                if (!(value >= 0 && value <= 1))
                {
                    throw new SynapseException($"topk_probabilities: {value} is not a probability");
                }

                sum += value;
            }

            if (!(f[row] >= 0 && f[row] <= 1) || sum > 1 + limits.ProbabilityTolerance)
            {
                throw new SynapseException($"row {row}: probabilities sum to {sum} with floor {f[row]}; the sum must be at most 1 and the floor a probability");
            }
        }
    }
}

/// <summary>The JSON settings of synapse bodies: snake_case names, nulls written (as upstream writes them).</summary>
public static class SynapseJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(SynapseJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static byte[] Serialize(Synapse synapse)
    {
        ArgumentNullException.ThrowIfNull(synapse);
        return JsonSerializer.SerializeToUtf8Bytes(synapse, synapse.GetType(), Options);
    }

    /// <summary>Reads a synapse of <paramref name="type"/>.</summary>
    /// <exception cref="SynapseException">Not JSON, or not the shape of the type; the message says where.</exception>
    public static Synapse Deserialize(ReadOnlySpan<byte> json, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type, Options) as Synapse
                ?? throw new SynapseException("the body is JSON null, expected a synapse object");
        }
        catch (JsonException e)
        {
            throw new SynapseException($"the body is not a valid {type.Name} JSON object: {e.Message}", e);
        }
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> json)
        where T : Synapse => (T)Deserialize(json, typeof(T));
}
