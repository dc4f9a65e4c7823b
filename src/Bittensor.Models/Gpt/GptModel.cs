using System.Numerics.Tensors;
using Bittensor.Models.Kernels;

namespace Bittensor.Models.Gpt;

/// <summary>
/// The trainable GPT: a batched forward pass over [batch, time] token ids that keeps what the backward pass needs, the
/// mean cross-entropy against targets, and the backward pass written out by hand into
/// <see cref="GptParameters.Gradients"/>. Every matrix multiply goes through the <see cref="IGemmBackend"/> given to
/// the constructor; row operations are vectorised and attention runs in parallel over batch × heads.
/// </summary>
/// <remarks>
/// Token ids are always the true ids (GPT-2's); a config with a <see cref="GptVocabulary"/> maps them to its rows and
/// reports losses over the true ids. Not thread-safe: one forward/backward at a time.
/// </remarks>
public sealed class GptModel : ILanguageModel
{
    private readonly GptParameters _parameters;
    private readonly IGemmBackend _gemm;
    private readonly LayerOffsets[] _layers;
    private readonly int _wte;
    private readonly int _wpe;
    private readonly int _lnfWeight;
    private readonly int _lnfBias;
    private readonly Dictionary<(int Batch, int Time, bool Training), Activations> _activations = [];
    private Activations? _pendingBackward;

    /// <summary>A model over <paramref name="parameters"/> whose matrix products use <see cref="Kernels.Gemm.Default"/>.</summary>
    public GptModel(GptParameters parameters)
        : this(parameters, Kernels.Gemm.Default)
    {
    }

    /// <summary>A model over <paramref name="parameters"/> whose matrix products use <paramref name="gemm"/>.</summary>
    public GptModel(GptParameters parameters, IGemmBackend gemm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gemm);
        _parameters = parameters;
        _gemm = gemm;
        _wte = parameters["wte.weight"].Offset;
        _wpe = parameters["wpe.weight"].Offset;
        _lnfWeight = parameters["ln_f.weight"].Offset;
        _lnfBias = parameters["ln_f.bias"].Offset;
        _layers = new LayerOffsets[Config.Layers];
        for (var l = 0; l < _layers.Length; l++)
        {
            var h = $"h.{l}.";
            int O(string name) => parameters[h + name].Offset;
            _layers[l] = new LayerOffsets(
                O("ln_1.weight"), O("ln_1.bias"), O("attn.c_attn.weight"), O("attn.c_attn.bias"), O("attn.c_proj.weight"),
                O("attn.c_proj.bias"), O("ln_2.weight"), O("ln_2.bias"), O("mlp.c_fc.weight"), O("mlp.c_fc.bias"),
                O("mlp.c_proj.weight"), O("mlp.c_proj.bias"));
        }
    }

    public GptParameters Parameters => _parameters;

    public GptConfig Config => _parameters.Config;

    public IGemmBackend Gemm => _gemm;

    public string Description =>
        $"GPT {Config.Layers} layers × {Config.Heads} heads × {Config.EmbeddingSize}, context {Config.ContextLength}, " +
        $"{_parameters.Count:N0} parameters, vocabulary {(Config.Vocabulary is null ? Config.VocabularySize.ToString(System.Globalization.CultureInfo.InvariantCulture) : Config.Vocabulary.ToString())}, GEMM {_gemm.Name}";

    public int VocabularySize => Config.TokenVocabularySize;

    public int ContextLength => Config.ContextLength;

    /// <summary>
    /// The training forward pass: <paramref name="inputs"/> and <paramref name="targets"/> are [batch, time]
    /// row-major true token ids (targets are usually the inputs shifted by one). Returns the mean negative
    /// log-likelihood in nats and keeps the activations for <see cref="Backward"/>.
    /// </summary>
    public float Forward(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int batch)
    {
        var time = CheckBatch(inputs, targets, batch);
        var a = ActivationsFor(batch, time, training: true);
        MapRows(inputs, a.InputRows);
        MapRows(targets, a.TargetRows);
        ForwardCore(a);
        var loss = Loss(a, gradients: true);
        _pendingBackward = a;
        return (float)loss;
    }

    /// <summary>
    /// Adds the gradient of the last <see cref="Forward"/>'s loss to <see cref="GptParameters.Gradients"/>
    /// (call <see cref="GptParameters.ZeroGradients"/> first unless accumulating).
    /// </summary>
    public void Backward()
    {
        var a = _pendingBackward ?? throw new InvalidOperationException("Backward needs a training Forward (with targets) first.");
        _pendingBackward = null;
        BackwardCore(a);
    }

    /// <summary>Zeroes the gradients, runs forward and backward, and returns the loss.</summary>
    public float ForwardBackward(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int batch)
    {
        _parameters.ZeroGradients();
        var loss = Forward(inputs, targets, batch);
        Backward();
        return loss;
    }

    /// <summary>
    /// The mean negative log-likelihood in nats of a [batch, time] block of targets without keeping anything for a
    /// backward pass.
    /// </summary>
    public double Loss(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int batch)
    {
        var time = CheckBatch(inputs, targets, batch);
        var a = ActivationsFor(batch, time, training: false);
        MapRows(inputs, a.InputRows);
        MapRows(targets, a.TargetRows);
        ForwardCore(a);
        return Loss(a, gradients: false);
    }

    /// <summary>
    /// The full-sequence forward pass over one sequence of 1..<see cref="GptConfig.ContextLength"/> true token ids:
    /// the logits over the model's rows (<see cref="GptConfig.VocabularySize"/>; GPT-2's ids unless the config
    /// restricts its vocabulary) after the last token, or after every token ([time, rows] row-major) when
    /// <paramref name="allPositions"/> is set. Slow next to an inference pass with a KV cache; for checking it.
    /// </summary>
    public float[] Logits(ReadOnlySpan<int> tokens, bool allPositions = false)
    {
        if (tokens.Length < 1 || tokens.Length > Config.ContextLength)
        {
            throw new ArgumentException($"Logits takes 1 to {Config.ContextLength} tokens; got {tokens.Length}.", nameof(tokens));
        }

        var a = ActivationsFor(1, tokens.Length, training: false);
        MapRows(tokens, a.InputRows);
        ForwardCore(a);
        var v = Config.VocabularySize;
        return allPositions
            ? a.Logits.AsSpan(0, tokens.Length * v).ToArray()
            : a.Logits.AsSpan((tokens.Length - 1) * v, v).ToArray();
    }

    /// <summary>The next-token distribution over every true id; the context is cut to its last tokens.</summary>
    public void NextTokenProbabilities(ReadOnlySpan<int> context, Span<float> probabilities)
    {
        if (probabilities.Length != VocabularySize)
        {
            throw new ArgumentException($"Expected room for {VocabularySize} probabilities, got {probabilities.Length}.", nameof(probabilities));
        }

        var logits = Logits(StartOrCut(context));
        if (Config.Vocabulary is { } vocabulary)
        {
            vocabulary.ProbabilitiesFromLogits(logits, probabilities);
        }
        else
        {
            TensorPrimitives.SoftMax(logits, probabilities);
        }
    }

    /// <summary>
    /// The <paramref name="k"/> most likely true ids after <paramref name="context"/> (ties to the lower id) and the
    /// mass outside them; with a restricted vocabulary, without expanding to every id.
    /// </summary>
    public NextTokenDistribution NextTokenTopK(ReadOnlySpan<int> context, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var rows = Logits(StartOrCut(context));
        TensorPrimitives.SoftMax(rows, rows);
        return Config.Vocabulary is { } vocabulary ? vocabulary.TopK(rows, k) : LanguageModelExtensions.TopK(rows, k);
    }

    /// <summary>
    /// The context the model reads: the last <see cref="GptConfig.ContextLength"/> tokens, or for an empty context
    /// <see cref="GptInference.EndOfText"/> (GPT-2 starts documents with it), as <see cref="GptInference"/> does.
    /// </summary>
    private ReadOnlySpan<int> StartOrCut(ReadOnlySpan<int> context)
    {
        if (context.IsEmpty)
        {
            return VocabularySize > GptInference.EndOfText
                ? new[] { GptInference.EndOfText }
                : throw new ArgumentException(
                    $"An empty context needs a start token, but this vocabulary of {VocabularySize} has no <|endoftext|> ({GptInference.EndOfText}); pass at least one token.",
                    nameof(context));
        }

        return context.Length > Config.ContextLength ? context[^Config.ContextLength..] : context;
    }

    /// <summary>
    /// The mean negative log-likelihood in nats of every token of <paramref name="tokens"/> but the first, each given
    /// the tokens before it within a window of <see cref="GptConfig.ContextLength"/>: windows start every
    /// <paramref name="stride"/> tokens (0: half the context length), the first scores all its predictions and each
    /// later one only those the previous did not, so every prediction past the first window sees at least
    /// context − stride tokens; the last window ends at the stream's end. With more windows than
    /// <paramref name="maxWindows"/>, that many evenly spaced windows are scored (each for its own positions).
    /// Deterministic.
    /// </summary>
    public GptEvaluation Evaluate(ReadOnlySpan<int> tokens, int batchSize = 8, int maxWindows = int.MaxValue, int stride = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindows, 1);
        if (tokens.Length < 2)
        {
            throw new ArgumentException("Evaluation needs at least two tokens: a context and a target.", nameof(tokens));
        }

        var t = Math.Min(Config.ContextLength, tokens.Length - 1);
        stride = stride == 0 ? Math.Max(1, Config.ContextLength / 2) : stride;
        if (stride < 1 || stride > Config.ContextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The evaluation stride must lie in [1, {Config.ContextLength}] (0 for half the context).");
        }

        // Window starts, and how many leading predictions of each the previous window already scored.
        var starts = new List<int>();
        var skips = new List<int>();
        var last = tokens.Length - 1 - t;
        var scoredUpTo = 0; // predictions [0, scoredUpTo) of the stream are scored
        for (var s = 0; ; s += stride)
        {
            s = Math.Min(s, last);
            starts.Add(s);
            skips.Add(scoredUpTo - s);
            scoredUpTo = s + t;
            if (s == last)
            {
                break;
            }
        }

        var chosen = Enumerable.Range(0, starts.Count).ToList();
        if (starts.Count > maxWindows)
        {
            chosen = Enumerable.Range(0, maxWindows).Select(i => (int)((long)i * starts.Count / maxWindows)).ToList();
        }

        double total = 0;
        long count = 0;
        var inputs = new int[batchSize * t];
        var targets = new int[batchSize * t];
        for (var first = 0; first < chosen.Count; first += batchSize)
        {
            var b = Math.Min(batchSize, chosen.Count - first);
            for (var i = 0; i < b; i++)
            {
                var start = starts[chosen[first + i]];
                tokens.Slice(start, t).CopyTo(inputs.AsSpan(i * t, t));
                tokens.Slice(start + 1, t).CopyTo(targets.AsSpan(i * t, t));
            }

            CheckBatch(inputs.AsSpan(0, b * t), targets.AsSpan(0, b * t), b);
            var a = ActivationsFor(b, t, training: false);
            MapRows(inputs.AsSpan(0, b * t), a.InputRows);
            MapRows(targets.AsSpan(0, b * t), a.TargetRows);
            ForwardCore(a);
            Loss(a, gradients: false);
            for (var i = 0; i < b; i++)
            {
                for (var j = skips[chosen[first + i]]; j < t; j++)
                {
                    total += a.Losses[(i * t) + j];
                    count++;
                }
            }
        }

        return new GptEvaluation(total / count, count);
    }

    private int CheckBatch(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if (inputs.Length != targets.Length)
        {
            throw new ArgumentException($"Inputs ({inputs.Length}) and targets ({targets.Length}) must have the same length.", nameof(targets));
        }

        if (inputs.Length == 0 || inputs.Length % batch != 0)
        {
            throw new ArgumentException($"{inputs.Length} tokens do not split into {batch} equal non-empty rows.", nameof(inputs));
        }

        var time = inputs.Length / batch;
        if (time > Config.ContextLength)
        {
            throw new ArgumentException(
                $"Rows of {time} tokens are longer than the context length {Config.ContextLength}; use shorter rows.", nameof(inputs));
        }

        return time;
    }

    private void MapRows(ReadOnlySpan<int> tokens, int[] rows)
    {
        var vocabulary = Config.Vocabulary;
        var size = Config.TokenVocabularySize;
        for (var i = 0; i < tokens.Length; i++)
        {
            var id = tokens[i];
            if ((uint)id >= (uint)size)
            {
                throw new ArgumentException($"Token id {id} at position {i} lies outside the vocabulary [0, {size}).", nameof(tokens));
            }

            rows[i] = vocabulary is null ? id : vocabulary.RowOf(id);
        }
    }

    private Activations ActivationsFor(int batch, int time, bool training)
    {
        var key = (batch, time, training);
        if (!_activations.TryGetValue(key, out var a))
        {
            // Keep one training shape and at most two evaluation shapes (a batch and a tail).
            var stale = _activations.Keys.Where(k => k.Training == training).ToList();
            if (training || stale.Count >= 2)
            {
                foreach (var old in stale)
                {
                    _activations.Remove(old);
                }
            }

            a = new Activations(Config, batch, time, training);
            _activations[key] = a;
        }

        return a;
    }

    private void ForwardCore(Activations a)
    {
        var p = _parameters.Values;
        int bt = a.Batch * a.Time, c = Config.EmbeddingSize, t = a.Time;
        for (var i = 0; i < bt; i++)
        {
            TensorPrimitives.Add(
                p.AsSpan(_wte + (a.InputRows[i] * c), c),
                p.AsSpan(_wpe + (i % t * c), c),
                a.Encoded.AsSpan(i * c, c));
        }

        for (var l = 0; l < _layers.Length; l++)
        {
            var o = _layers[l];
            var (res, resOff) = l == 0 ? (a.Encoded, 0) : (a.Res3, (l - 1) * bt * c);
            var lc = l * bt * c;
            Elementwise.LayerNormForward(res, resOff, a.Ln1, lc, a.Ln1Mean, a.Ln1Rstd, l * bt, p, o.Ln1W, o.Ln1B, bt, c);
            Linear(a.Ln1, lc, bt, c, o.AttnW, o.AttnB, 3 * c, a.Qkv, l * bt * 3 * c);
            AttentionForward(a, l);
            Elementwise.AddBiasRows(res, resOff, a.Res2, lc, bt, p.AsSpan(o.ProjB, c));
            _gemm.Sgemm(false, false, bt, c, c, 1f, a.Atty.AsSpan(lc), c, p.AsSpan(o.ProjW, c * c), c, 1f, a.Res2.AsSpan(lc), c);
            Elementwise.LayerNormForward(a.Res2, lc, a.Ln2, lc, a.Ln2Mean, a.Ln2Rstd, l * bt, p, o.Ln2W, o.Ln2B, bt, c);
            Linear(a.Ln2, lc, bt, c, o.FcW, o.FcB, 4 * c, a.Fch, l * bt * 4 * c);
            Elementwise.GeluForward(a.Fch, l * bt * 4 * c, a.FchGelu, l * bt * 4 * c, bt, 4 * c);
            Elementwise.AddBiasRows(a.Res2, lc, a.Res3, lc, bt, p.AsSpan(o.FcProjB, c));
            _gemm.Sgemm(
                false, false, bt, c, 4 * c, 1f, a.FchGelu.AsSpan(l * bt * 4 * c), 4 * c, p.AsSpan(o.FcProjW, 4 * c * c), c, 1f,
                a.Res3.AsSpan(lc), c);
        }

        var last = (_layers.Length - 1) * bt * c;
        Elementwise.LayerNormForward(a.Res3, last, a.Lnf, 0, a.LnfMean, a.LnfRstd, 0, p, _lnfWeight, _lnfBias, bt, c);
        var v = Config.VocabularySize;
        _gemm.Sgemm(false, true, bt, v, c, 1f, a.Lnf, c, p.AsSpan(_wte, v * c), c, 0f, a.Logits, v);
    }

    /// <summary>out[rows, outC] = x[rows, inC]·W + b.</summary>
    private void Linear(float[] x, int xOffset, int rows, int inC, int weight, int bias, int outC, float[] output, int outOffset)
    {
        var p = _parameters.Values;
        Elementwise.FillRows(output, outOffset, rows, p.AsSpan(bias, outC));
        _gemm.Sgemm(false, false, rows, outC, inC, 1f, x.AsSpan(xOffset), inC, p.AsSpan(weight, inC * outC), outC, 1f, output.AsSpan(outOffset), outC);
    }

    /// <summary>
    /// Softmax cross-entropy of every row of logits against its target row; with <paramref name="gradients"/> the
    /// logits are replaced by ∂(mean loss)/∂logits. Returns the mean loss over the true ids.
    /// </summary>
    private double Loss(Activations a, bool gradients)
    {
        var bt = a.Batch * a.Time;
        var v = Config.VocabularySize;
        var vocabulary = Config.Vocabulary;
        var scale = 1f / bt;
        Elementwise.ForRows(bt, 4L * v, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var row = a.Logits.AsSpan(i * v, v);
                var target = a.TargetRows[i];
                var max = TensorPrimitives.Max(row);
                var targetLogit = row[target];
                TensorPrimitives.Subtract(row, max, row);
                TensorPrimitives.Exp(row, row);
                double sum = TensorPrimitives.Sum(row);
                var loss = Math.Log(sum) - (targetLogit - max);
                if (vocabulary is not null && target == vocabulary.OtherRow)
                {
                    loss += vocabulary.OtherLogCount;
                }

                a.Losses[i] = loss;
                if (gradients)
                {
                    TensorPrimitives.Multiply(row, (float)(scale / sum), row);
                    row[target] -= scale;
                }
            }
        });

        double total = 0;
        for (var i = 0; i < bt; i++)
        {
            total += a.Losses[i];
        }

        return total / bt;
    }

    private void AttentionForward(Activations a, int l)
    {
        int b = a.Batch, t = a.Time, c = Config.EmbeddingSize, nh = Config.Heads, hs = Config.HeadSize;
        var bt = b * t;
        var scale = 1f / MathF.Sqrt(hs);
        Parallel.For(0, b * nh, bh =>
        {
            int bi = bh / nh, h = bh % nh;
            var q = (l * bt * 3 * c) + (bi * t * 3 * c) + (h * hs);
            var att = a.Att.AsSpan((((l * b * nh) + bh) * t * t), t * t);
            _gemm.Sgemm(false, true, t, t, hs, scale, a.Qkv.AsSpan(q), 3 * c, a.Qkv.AsSpan(q + c), 3 * c, 0f, att, t);
            for (var i = 0; i < t; i++)
            {
                var row = att.Slice(i * t, t);
                var live = row[..(i + 1)];
                var max = TensorPrimitives.Max(live);
                TensorPrimitives.Subtract(live, max, live);
                TensorPrimitives.Exp(live, live);
                TensorPrimitives.Multiply(live, 1f / TensorPrimitives.Sum(live), live);
                row[(i + 1)..].Clear();
            }

            _gemm.Sgemm(false, false, t, hs, t, 1f, att, t, a.Qkv.AsSpan(q + (2 * c)), 3 * c, 0f, a.Atty.AsSpan((l * bt * c) + (bi * t * c) + (h * hs)), c);
        });
    }

    /// <summary>∂L/∂atty in <c>DSmall</c> → ∂L/∂qkv in <c>DQkv</c> (overwritten).</summary>
    private void AttentionBackward(Activations a, int l)
    {
        int b = a.Batch, t = a.Time, c = Config.EmbeddingSize, nh = Config.Heads, hs = Config.HeadSize;
        var bt = b * t;
        var scale = 1f / MathF.Sqrt(hs);
        Parallel.For(0, b * nh, bh =>
        {
            int bi = bh / nh, h = bh % nh;
            var q = (l * bt * 3 * c) + (bi * t * 3 * c) + (h * hs);
            var dq = (bi * t * 3 * c) + (h * hs);
            var dOut = a.DSmall.AsSpan((bi * t * c) + (h * hs));
            var att = a.Att.AsSpan((((l * b * nh) + bh) * t * t), t * t);
            var dAtt = a.DAtt.AsSpan(bh * t * t, t * t);
            _gemm.Sgemm(false, true, t, t, hs, 1f, dOut, c, a.Qkv.AsSpan(q + (2 * c)), 3 * c, 0f, dAtt, t);
            _gemm.Sgemm(true, false, t, hs, t, 1f, att, t, dOut, c, 0f, a.DQkv.AsSpan(dq + (2 * c)), 3 * c);
            for (var i = 0; i < t; i++)
            {
                var p = att.Slice(i * t, i + 1);
                var d = dAtt.Slice(i * t, t);
                var live = d[..(i + 1)];
                var dot = TensorPrimitives.Dot(p, live);
                TensorPrimitives.Subtract(live, dot, live);
                TensorPrimitives.Multiply(live, p, live);
                d[(i + 1)..].Clear();
            }

            _gemm.Sgemm(false, false, t, hs, t, scale, dAtt, t, a.Qkv.AsSpan(q + c), 3 * c, 0f, a.DQkv.AsSpan(dq), 3 * c);
            _gemm.Sgemm(true, false, t, hs, t, scale, dAtt, t, a.Qkv.AsSpan(q), 3 * c, 0f, a.DQkv.AsSpan(dq + c), 3 * c);
        });
    }

    private void BackwardCore(Activations a)
    {
        var p = _parameters.Values;
        var g = _parameters.Gradients;
        int bt = a.Batch * a.Time, c = Config.EmbeddingSize, v = Config.VocabularySize, t = a.Time;

        // LM head (tied): logits = lnf·wteᵀ.
        _gemm.Sgemm(false, false, bt, c, v, 1f, a.Logits, v, p.AsSpan(_wte, v * c), c, 0f, a.DSmall, c);
        _gemm.Sgemm(true, false, v, c, bt, 1f, a.Logits, v, a.Lnf, c, 1f, g.AsSpan(_wte, v * c), c);
        Array.Clear(a.DRes, 0, bt * c);
        var last = (_layers.Length - 1) * bt * c;
        Elementwise.LayerNormBackward(a.DSmall, 0, a.Res3, last, a.LnfMean, a.LnfRstd, 0, p, g, _lnfWeight, _lnfBias, a.DRes, 0, bt, c);

        for (var l = _layers.Length - 1; l >= 0; l--)
        {
            var o = _layers[l];
            var (res, resOff) = l == 0 ? (a.Encoded, 0) : (a.Res3, (l - 1) * bt * c);
            var lc = l * bt * c;
            var l4 = l * bt * 4 * c;

            // res3 = res2 + gelu(fch)·Wp + bp; DRes holds ∂L/∂res3.
            _gemm.Sgemm(true, false, 4 * c, c, bt, 1f, a.FchGelu.AsSpan(l4), 4 * c, a.DRes, c, 1f, g.AsSpan(o.FcProjW, 4 * c * c), c);
            Elementwise.AddColumnSums(a.DRes, 0, bt, g.AsSpan(o.FcProjB, c));
            _gemm.Sgemm(false, true, bt, 4 * c, c, 1f, a.DRes, c, p.AsSpan(o.FcProjW, 4 * c * c), c, 0f, a.DBig, 4 * c);
            Elementwise.GeluBackward(a.Fch, l4, a.DBig, 0, bt, 4 * c);

            // fch = ln2·Wfc + bfc.
            _gemm.Sgemm(true, false, c, 4 * c, bt, 1f, a.Ln2.AsSpan(lc), c, a.DBig, 4 * c, 1f, g.AsSpan(o.FcW, 4 * c * c), 4 * c);
            Elementwise.AddColumnSums(a.DBig, 0, bt, g.AsSpan(o.FcB, 4 * c));
            _gemm.Sgemm(false, true, bt, c, 4 * c, 1f, a.DBig, 4 * c, p.AsSpan(o.FcW, 4 * c * c), 4 * c, 0f, a.DSmall, c);
            Elementwise.LayerNormBackward(a.DSmall, 0, a.Res2, lc, a.Ln2Mean, a.Ln2Rstd, l * bt, p, g, o.Ln2W, o.Ln2B, a.DRes, 0, bt, c);

            // res2 = res + atty·Wap + bap; DRes now holds ∂L/∂res2.
            _gemm.Sgemm(true, false, c, c, bt, 1f, a.Atty.AsSpan(lc), c, a.DRes, c, 1f, g.AsSpan(o.ProjW, c * c), c);
            Elementwise.AddColumnSums(a.DRes, 0, bt, g.AsSpan(o.ProjB, c));
            _gemm.Sgemm(false, true, bt, c, c, 1f, a.DRes, c, p.AsSpan(o.ProjW, c * c), c, 0f, a.DSmall, c);
            AttentionBackward(a, l);

            // qkv = ln1·Wqkv + bqkv.
            _gemm.Sgemm(true, false, c, 3 * c, bt, 1f, a.Ln1.AsSpan(lc), c, a.DQkv, 3 * c, 1f, g.AsSpan(o.AttnW, 3 * c * c), 3 * c);
            Elementwise.AddColumnSums(a.DQkv, 0, bt, g.AsSpan(o.AttnB, 3 * c));
            _gemm.Sgemm(false, true, bt, c, 3 * c, 1f, a.DQkv, 3 * c, p.AsSpan(o.AttnW, 3 * c * c), 3 * c, 0f, a.DSmall, c);
            Elementwise.LayerNormBackward(a.DSmall, 0, res, resOff, a.Ln1Mean, a.Ln1Rstd, l * bt, p, g, o.Ln1W, o.Ln1B, a.DRes, 0, bt, c);
        }

        // Embeddings: encoded = wte[row] + wpe[position].
        for (var i = 0; i < bt; i++)
        {
            var d = a.DRes.AsSpan(i * c, c);
            var te = g.AsSpan(_wte + (a.InputRows[i] * c), c);
            TensorPrimitives.Add(te, d, te);
            var pe = g.AsSpan(_wpe + (i % t * c), c);
            TensorPrimitives.Add(pe, d, pe);
        }
    }

    private readonly record struct LayerOffsets(
        int Ln1W, int Ln1B, int AttnW, int AttnB, int ProjW, int ProjB, int Ln2W, int Ln2B, int FcW, int FcB, int FcProjW, int FcProjB);

    /// <summary>Everything one [batch, time] forward pass keeps, and the backward pass's scratch.</summary>
    private sealed class Activations
    {
        public Activations(GptConfig config, int batch, int time, bool training)
        {
            Batch = batch;
            Time = time;
            int l = config.Layers, c = config.EmbeddingSize, bt = batch * time, nh = config.Heads;
            InputRows = new int[bt];
            TargetRows = new int[bt];
            Encoded = new float[bt * c];
            Ln1 = new float[l * bt * c];
            Ln1Mean = new float[l * bt];
            Ln1Rstd = new float[l * bt];
            Qkv = new float[l * bt * 3 * c];
            Att = new float[l * batch * nh * time * time];
            Atty = new float[l * bt * c];
            Res2 = new float[l * bt * c];
            Ln2 = new float[l * bt * c];
            Ln2Mean = new float[l * bt];
            Ln2Rstd = new float[l * bt];
            Fch = new float[l * bt * 4 * c];
            FchGelu = new float[l * bt * 4 * c];
            Res3 = new float[l * bt * c];
            Lnf = new float[bt * c];
            LnfMean = new float[bt];
            LnfRstd = new float[bt];
            Logits = new float[(long)bt * config.VocabularySize > Array.MaxLength
                ? throw new ArgumentException($"A batch of {bt} positions × {config.VocabularySize} logits is too large; use a smaller batch.")
                : bt * config.VocabularySize];
            Losses = new double[bt];
            DRes = training ? new float[bt * c] : [];
            DSmall = training ? new float[bt * c] : [];
            DBig = training ? new float[bt * 4 * c] : [];
            DQkv = training ? new float[bt * 3 * c] : [];
            DAtt = training ? new float[batch * nh * time * time] : [];
        }

        public int Batch { get; }

        public int Time { get; }

        public int[] InputRows { get; }

        public int[] TargetRows { get; }

        public float[] Encoded { get; }

        public float[] Ln1 { get; }

        public float[] Ln1Mean { get; }

        public float[] Ln1Rstd { get; }

        public float[] Qkv { get; }

        public float[] Att { get; }

        public float[] Atty { get; }

        public float[] Res2 { get; }

        public float[] Ln2 { get; }

        public float[] Ln2Mean { get; }

        public float[] Ln2Rstd { get; }

        public float[] Fch { get; }

        public float[] FchGelu { get; }

        public float[] Res3 { get; }

        public float[] Lnf { get; }

        public float[] LnfMean { get; }

        public float[] LnfRstd { get; }

        public float[] Logits { get; }

        public double[] Losses { get; }

        public float[] DRes { get; }

        public float[] DSmall { get; }

        public float[] DBig { get; }

        public float[] DQkv { get; }

        public float[] DAtt { get; }
    }
}

/// <summary>A held-out loss: the mean negative log-likelihood in nats over <see cref="Tokens"/> predictions.</summary>
public sealed record GptEvaluation(double MeanNll, long Tokens)
{
    public double Perplexity => Math.Exp(MeanNll);
}
