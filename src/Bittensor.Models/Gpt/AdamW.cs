using System.Numerics;
using System.Numerics.Tensors;

namespace Bittensor.Models.Gpt;

/// <summary>AdamW's hyperparameters (the learning rate is given per step).</summary>
public sealed record AdamWOptions
{
    public float Beta1 { get; init; } = 0.9f;

    public float Beta2 { get; init; } = 0.95f;

    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>Decoupled weight decay, applied to the 2-D weights only (not to biases or LayerNorm gains).</summary>
    public float WeightDecay { get; init; } = 0.1f;

    public void Validate()
    {
        if (!(Beta1 is >= 0f and < 1f) || !(Beta2 is >= 0f and < 1f))
        {
            throw new ArgumentException($"AdamW: β1 ({Beta1}) and β2 ({Beta2}) must lie in [0, 1).");
        }

        if (!(Epsilon > 0f) || !(WeightDecay >= 0f))
        {
            throw new ArgumentException($"AdamW: ε ({Epsilon}) must be positive and the weight decay ({WeightDecay}) non-negative.");
        }
    }
}

/// <summary>
/// AdamW (Loshchilov and Hutter) over a <see cref="GptParameters"/>' flat arrays: bias-corrected first and second
/// moments, and weight decay decoupled from the gradient (θ ← θ − lr·(m̂/(√v̂ + ε) + λ·θ)) on the 2-D weights.
/// </summary>
public sealed class AdamW
{
    private readonly GptParameters _parameters;
    private readonly float[] _m;
    private readonly float[] _v;
    private readonly (int Offset, int Length, bool Decay)[] _segments;

    public AdamW(GptParameters parameters, AdamWOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Options = options ?? new AdamWOptions();
        Options.Validate();
        _parameters = parameters;
        _m = new float[parameters.Count];
        _v = new float[parameters.Count];
        _segments = parameters.All.Select(p => (p.Offset, p.Length, p.Shape.Length == 2)).ToArray();
    }

    public AdamWOptions Options { get; }

    /// <summary>The number of updates taken so far.</summary>
    public long Step { get; private set; }

    /// <summary>One update from the gradients in <see cref="GptParameters.Gradients"/>.</summary>
    public void Update(float learningRate)
    {
        if (!float.IsFinite(learningRate) || learningRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and non-negative.");
        }

        Step++;
        var b1 = Options.Beta1;
        var b2 = Options.Beta2;
        var correction1 = (float)(1 - Math.Pow(b1, Step));
        var correction2 = (float)(1 - Math.Pow(b2, Step));
        var values = _parameters.Values;
        var gradients = _parameters.Gradients;
        Parallel.ForEach(Chunks(), chunk =>
        {
            var (offset, length, decay) = chunk;
            UpdateSegment(
                values.AsSpan(offset, length), gradients.AsSpan(offset, length), _m.AsSpan(offset, length), _v.AsSpan(offset, length),
                learningRate, b1, b2, correction1, correction2, Options.Epsilon, decay ? Options.WeightDecay : 0f);
        });
    }

    /// <summary>
    /// Scales the gradients so that their global L2 norm is at most <paramref name="maxNorm"/> (no change when it
    /// already is, or when <paramref name="maxNorm"/> is not positive); returns the norm before clipping.
    /// </summary>
    public static float ClipGradients(float[] gradients, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        double sum = 0;
        const int chunk = 1 << 16;
        for (var i = 0; i < gradients.Length; i += chunk)
        {
            sum += TensorPrimitives.SumOfSquares(gradients.AsSpan(i, Math.Min(chunk, gradients.Length - i)));
        }

        var norm = (float)Math.Sqrt(sum);
        if (maxNorm > 0 && norm > maxNorm)
        {
            TensorPrimitives.Multiply(gradients, maxNorm / norm, gradients);
        }

        return norm;
    }

    /// <summary>The optimizer's state, for a checkpoint.</summary>
    public State Export() => new(Step, (float[])_m.Clone(), (float[])_v.Clone());

    /// <summary>Restores a state exported from an optimizer over parameters of the same layout.</summary>
    public void Import(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.M.Length != _m.Length || state.V.Length != _v.Length)
        {
            throw new ArgumentException(
                $"AdamW state holds {state.M.Length} and {state.V.Length} moments but the model has {_m.Length} parameters; it was saved for another configuration.");
        }

        if (state.Step < 0)
        {
            throw new ArgumentException($"AdamW state step {state.Step} is negative.");
        }

        state.M.CopyTo(_m, 0);
        state.V.CopyTo(_v, 0);
        Step = state.Step;
    }

    private IEnumerable<(int Offset, int Length, bool Decay)> Chunks()
    {
        const int size = 1 << 16;
        foreach (var (offset, length, decay) in _segments)
        {
            for (var i = 0; i < length; i += size)
            {
                yield return (offset + i, Math.Min(size, length - i), decay);
            }
        }
    }

    private static void UpdateSegment(
        Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float lr, float b1, float b2, float c1, float c2, float eps, float decay)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vb1 = new Vector<float>(b1);
            var vb1c = new Vector<float>(1 - b1);
            var vb2 = new Vector<float>(b2);
            var vb2c = new Vector<float>(1 - b2);
            var vc1 = new Vector<float>(1 / c1);
            var vc2 = new Vector<float>(1 / c2);
            var veps = new Vector<float>(eps);
            var vlr = new Vector<float>(lr);
            var vdecay = new Vector<float>(decay);
            for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gi = new Vector<float>(g[i..]);
                var mi = (vb1 * new Vector<float>(m[i..])) + (vb1c * gi);
                var vi = (vb2 * new Vector<float>(v[i..])) + (vb2c * gi * gi);
                var wi = new Vector<float>(w[i..]);
                wi -= vlr * (((mi * vc1) / (Vector.SquareRoot(vi * vc2) + veps)) + (vdecay * wi));
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                wi.CopyTo(w[i..]);
            }
        }

        for (; i < w.Length; i++)
        {
            var gi = g[i];
            var mi = m[i] = (b1 * m[i]) + ((1 - b1) * gi);
            var vi = v[i] = (b2 * v[i]) + ((1 - b2) * gi * gi);
            w[i] -= lr * (((mi / c1) / (MathF.Sqrt(vi / c2) + eps)) + (decay * w[i]));
        }
    }

    /// <summary>
    /// AdamW's state: the update count and the first and second moments, each a flat array in the
    /// <see cref="GptParameters.Values"/> layout.
    /// </summary>
    public sealed record State(long Step, float[] M, float[] V)
    {
        /// <summary>The moment arrays by name (<c>adamw.m</c>, <c>adamw.v</c>), for a checkpoint writer.</summary>
        public IReadOnlyDictionary<string, float[]> Arrays => new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            ["adamw.m"] = M,
            ["adamw.v"] = V,
        };

        /// <summary>The inverse of <see cref="Arrays"/>.</summary>
        public static State FromArrays(long step, IReadOnlyDictionary<string, float[]> arrays)
        {
            ArgumentNullException.ThrowIfNull(arrays);
            return arrays.TryGetValue("adamw.m", out var m) && arrays.TryGetValue("adamw.v", out var v)
                ? new State(step, m, v)
                : throw new ArgumentException("AdamW state needs the arrays 'adamw.m' and 'adamw.v'.", nameof(arrays));
        }
    }
}

/// <summary>
/// Linear warm-up over <see cref="WarmupSteps"/> steps to <see cref="MaxLearningRate"/>, then cosine decay to
/// <see cref="MinLearningRate"/> as training progresses from 0 to 1 (a fraction of the steps, or of the time budget).
/// </summary>
public sealed record LearningRateSchedule(float MaxLearningRate, float MinLearningRate, int WarmupSteps)
{
    /// <summary>
    /// The rate for update <paramref name="step"/> (0-based) at <paramref name="progress"/> ∈ [0, 1] of the run.
    /// </summary>
    public float At(long step, double progress)
    {
        if (step < WarmupSteps)
        {
            return MaxLearningRate * (step + 1) / WarmupSteps;
        }

        var p = Math.Clamp(progress, 0, 1);
        return (float)(MinLearningRate + (0.5 * (MaxLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * p))));
    }

    /// <summary>The rate for a run of <paramref name="totalSteps"/> steps: cosine over the steps after warm-up.</summary>
    public float AtStep(long step, long totalSteps)
    {
        var decaySteps = Math.Max(1, totalSteps - WarmupSteps);
        return At(step, (double)(step - WarmupSteps) / decaySteps);
    }
}
