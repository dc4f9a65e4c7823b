namespace Bittensor.Models.Gpt;

/// <summary>One named parameter tensor inside <see cref="GptParameters"/>: GPT-2's name and shape.</summary>
public sealed record GptParameter(string Name, int[] Shape, int Offset, int Length);

/// <summary>
/// Every weight of a <see cref="GptConfig"/> in one contiguous float array (and, once asked for, a gradient array of
/// the same layout), named and shaped as in GPT-2's checkpoints. Linear weights are stored [in, out] as GPT-2's
/// <c>Conv1D</c> does, so a layer computes <c>y = x·W + b</c>. The LM head is <c>wte.weight</c> (tied).
/// </summary>
public sealed class GptParameters
{
    private readonly Dictionary<string, GptParameter> _byName = new(StringComparer.Ordinal);
    private float[]? _gradients;

    public GptParameters(GptConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        var list = new List<GptParameter>();
        var offset = 0L;
        void Add(string name, params int[] shape)
        {
            long length = 1;
            foreach (var d in shape)
            {
                length *= d;
            }

            if (offset + length > Array.MaxLength)
            {
                throw new ArgumentException($"GPT config {config} has more than {Array.MaxLength} parameters.");
            }

            var parameter = new GptParameter(name, shape, (int)offset, (int)length);
            list.Add(parameter);
            _byName.Add(name, parameter);
            offset += length;
        }

        int c = config.EmbeddingSize;
        Add("wte.weight", config.VocabularySize, c);
        Add("wpe.weight", config.ContextLength, c);
        for (var layer = 0; layer < config.Layers; layer++)
        {
            var h = $"h.{layer}.";
            Add(h + "ln_1.weight", c);
            Add(h + "ln_1.bias", c);
            Add(h + "attn.c_attn.weight", c, 3 * c);
            Add(h + "attn.c_attn.bias", 3 * c);
            Add(h + "attn.c_proj.weight", c, c);
            Add(h + "attn.c_proj.bias", c);
            Add(h + "ln_2.weight", c);
            Add(h + "ln_2.bias", c);
            Add(h + "mlp.c_fc.weight", c, 4 * c);
            Add(h + "mlp.c_fc.bias", 4 * c);
            Add(h + "mlp.c_proj.weight", 4 * c, c);
            Add(h + "mlp.c_proj.bias", c);
        }

        Add("ln_f.weight", c);
        Add("ln_f.bias", c);
        All = list;
        Values = new float[offset];
    }

    public GptConfig Config { get; }

    /// <summary>The parameters in their fixed order (embeddings, then each layer, then the final LayerNorm).</summary>
    public IReadOnlyList<GptParameter> All { get; }

    /// <summary>Every weight, laid out as <see cref="All"/> says.</summary>
    public float[] Values { get; }

    /// <summary>The gradient of every weight, same layout; allocated (zeroed) on first use.</summary>
    public float[] Gradients => _gradients ??= new float[Values.Length];

    public int Count => Values.Length;

    public GptParameter this[string name] =>
        _byName.TryGetValue(name, out var parameter)
            ? parameter
            : throw new KeyNotFoundException($"The GPT has no parameter named '{name}'.");

    public bool TryGet(string name, out GptParameter parameter) => _byName.TryGetValue(name, out parameter!);

    public Span<float> Value(string name) => Value(this[name]);

    public Span<float> Value(GptParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Values.AsSpan(parameter.Offset, parameter.Length);
    }

    public Span<float> Gradient(string name) => Gradient(this[name]);

    public Span<float> Gradient(GptParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Gradients.AsSpan(parameter.Offset, parameter.Length);
    }

    public void ZeroGradients() => Array.Clear(Gradients);

    /// <summary>
    /// GPT-2's initialisation, deterministic for a seed: weights N(0, 0.02), the residual projections
    /// (<c>c_proj</c>) N(0, 0.02/√(2·layers)), biases 0, LayerNorm gains 1.
    /// </summary>
    public void Initialize(int seed)
    {
        var random = new Random(seed);
        var residualStd = 0.02 / Math.Sqrt(2.0 * Config.Layers);
        foreach (var parameter in All)
        {
            var values = Value(parameter);
            if (parameter.Name.EndsWith(".bias", StringComparison.Ordinal))
            {
                values.Clear();
            }
            else if (parameter.Name.Contains("ln_", StringComparison.Ordinal))
            {
                values.Fill(1f);
            }
            else
            {
                var std = parameter.Name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? residualStd : 0.02;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)(std * StandardNormal(random));
                }
            }
        }
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
