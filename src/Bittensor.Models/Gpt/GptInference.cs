using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bittensor.Models.Kernels;
using Bittensor.Models.Sampling;

namespace Bittensor.Models.Gpt;

/// <summary>
/// Runs a GPT-2-style model for inference: GPT-2's pre-LayerNorm math exactly (token + position embeddings; per block
/// x += proj(attn(LN₁(x))), x += mlp(LN₂(x)) with LayerNorm ε = 1e-5, causal multi-head attention scaled by
/// 1/√headSize, the tanh GELU; a final LayerNorm and the LM head tied to <c>wte</c>). Multi-token work goes through
/// the <see cref="IGemmBackend"/> given; single-token decoding through vectorised matrix–vector products. The weights
/// are read live from <see cref="Parameters"/>. The model is stateless and thread-safe; a <see cref="GptSession"/>
/// holds one sequence's KV cache.
/// </summary>
/// <remarks>
/// Token ids in and out are always the true ids (GPT-2's). With a restricted vocabulary
/// (<see cref="GptConfig.Vocabulary"/>) the embedding and the logits have <see cref="OutputRows"/> rows (the kept ids
/// and one "other" row): inputs are mapped to their rows, probabilities and losses are over the true ids (a left-out
/// id gets an equal share of the other row), and a sampled other row becomes one of the left-out ids, picked by the
/// sampler's seeded generator. Only <see cref="NextTokenProbabilities"/> expands to every id.
/// </remarks>
public sealed class GptInference : ILanguageModel
{
    /// <summary>GPT-2's <c>&lt;|endoftext|&gt;</c> id: the document separator, and the start token for an empty context.</summary>
    public const int EndOfText = 50256;

    /// <summary>Rows of logits computed at once by <see cref="CrossEntropy(ReadOnlySpan{int}, int)"/>.</summary>
    private const int LogitRowBlock = 32;

    private readonly Layer[] _layers;
    private readonly GptParameter _wte;
    private readonly GptParameter _wpe;
    private readonly GptParameter _lnFWeight;
    private readonly GptParameter _lnFBias;
    private readonly GptVocabulary? _vocabulary;

    /// <summary>A model over <paramref name="parameters"/> whose matrix products use <see cref="Kernels.Gemm.Default"/>.</summary>
    public GptInference(GptParameters parameters)
        : this(parameters, Kernels.Gemm.Default)
    {
    }

    /// <summary>A model over <paramref name="parameters"/> whose matrix products use <paramref name="gemm"/>.</summary>
    public GptInference(GptParameters parameters, IGemmBackend gemm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gemm);
        Parameters = parameters;
        Gemm = gemm;
        _wte = parameters["wte.weight"];
        _wpe = parameters["wpe.weight"];
        _lnFWeight = parameters["ln_f.weight"];
        _lnFBias = parameters["ln_f.bias"];
        _vocabulary = parameters.Config.Vocabulary;
        _layers = new Layer[Config.Layers];
        for (var l = 0; l < _layers.Length; l++)
        {
            var h = $"h.{l}.";
            _layers[l] = new Layer(
                parameters[h + "ln_1.weight"],
                parameters[h + "ln_1.bias"],
                parameters[h + "attn.c_attn.weight"],
                parameters[h + "attn.c_attn.bias"],
                parameters[h + "attn.c_proj.weight"],
                parameters[h + "attn.c_proj.bias"],
                parameters[h + "ln_2.weight"],
                parameters[h + "ln_2.bias"],
                parameters[h + "mlp.c_fc.weight"],
                parameters[h + "mlp.c_fc.bias"],
                parameters[h + "mlp.c_proj.weight"],
                parameters[h + "mlp.c_proj.bias"]);
        }
    }

    public GptParameters Parameters { get; }

    public GptConfig Config => Parameters.Config;

    /// <summary>The backend of the multi-token (prefill, evaluation) matrix multiplies.</summary>
    public IGemmBackend Gemm { get; }

    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"GPT {Config.Layers} layers × {Config.Heads} heads × {Config.EmbeddingSize} wide, context {Config.ContextLength}, vocabulary {(_vocabulary is null ? Config.VocabularySize.ToString(CultureInfo.InvariantCulture) : _vocabulary.ToString())}, {Parameters.Count:N0} weights, GEMM {Gemm.Name}");

    /// <summary>The number of true token ids (inputs, probabilities, samples); GPT-2's 50257 for the presets.</summary>
    public int VocabularySize => Config.TokenVocabularySize;

    /// <summary>
    /// The rows of the embedding and of every logits vector: <see cref="VocabularySize"/>, or with a restricted
    /// vocabulary its kept ids plus the other row.
    /// </summary>
    public int OutputRows => Config.VocabularySize;

    public int ContextLength => Config.ContextLength;

    /// <summary>A new empty sequence holding up to <paramref name="capacity"/> tokens (default: the context length).</summary>
    public GptSession CreateSession(int? capacity = null)
    {
        var size = capacity ?? ContextLength;
        if (size < 1 || size > ContextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), size, $"A GPT session holds 1 to {ContextLength} tokens (the context length).");
        }

        return new GptSession(this, size);
    }

    /// <summary>
    /// The logits after every token of <paramref name="tokens"/> ([tokens, <see cref="OutputRows"/>] row-major), computed from
    /// scratch in one pass (no earlier cache). At most <see cref="ContextLength"/> tokens.
    /// </summary>
    public void Logits(ReadOnlySpan<int> tokens, Span<float> logits)
    {
        CheckWindow(tokens);
        CreateSession(tokens.Length).AppendAll(tokens, logits);
    }

    /// <summary>
    /// The logits (<see cref="OutputRows"/> of them) of the token after <paramref name="context"/> (cut to its last
    /// <see cref="ContextLength"/> tokens).
    /// </summary>
    public void NextTokenLogits(ReadOnlySpan<int> context, Span<float> logits)
    {
        if (logits.Length != OutputRows)
        {
            throw new ArgumentException($"The logits buffer holds {logits.Length} values; pass {OutputRows} (the output rows).", nameof(logits));
        }

        context = StartOrCut(context);
        CreateSession(context.Length).Append(context, logits);
    }

    /// <summary>
    /// The next-token distribution after <paramref name="context"/>, cut to its last <see cref="ContextLength"/> tokens.
    /// An empty context means the start of a document: <see cref="EndOfText"/>, as GPT-2 was trained.
    /// </summary>
    public void NextTokenProbabilities(ReadOnlySpan<int> context, Span<float> probabilities)
    {
        if (probabilities.Length != VocabularySize)
        {
            throw new ArgumentException($"The probabilities buffer holds {probabilities.Length} values; pass {VocabularySize} (the vocabulary).", nameof(probabilities));
        }

        if (_vocabulary is null)
        {
            NextTokenLogits(context, probabilities);
            VectorMath.Softmax(probabilities);
            return;
        }

        var rows = new float[OutputRows];
        NextTokenLogits(context, rows);
        VectorMath.Softmax(rows);
        _vocabulary.ExpandProbabilities(rows, probabilities);
    }

    /// <summary>
    /// The <paramref name="k"/> most likely true ids after <paramref name="context"/> (ties to the lower id) and the
    /// mass outside them; with a restricted vocabulary, without expanding to every id.
    /// </summary>
    public NextTokenDistribution NextTokenTopK(ReadOnlySpan<int> context, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var rows = new float[OutputRows];
        NextTokenLogits(context, rows);
        VectorMath.Softmax(rows);
        return _vocabulary is null ? LanguageModelExtensions.TopK(rows, k) : _vocabulary.TopK(rows, k);
    }

    /// <summary>The final LayerNorm's output for every token, [tokens, embedding] row-major (at most the context length).</summary>
    public float[] LastHiddenState(ReadOnlySpan<int> tokens)
    {
        var hidden = new float[tokens.Length * Config.EmbeddingSize];
        LastHiddenState(tokens, hidden);
        return hidden;
    }

    /// <inheritdoc cref="LastHiddenState(ReadOnlySpan{int})"/>
    public void LastHiddenState(ReadOnlySpan<int> tokens, Span<float> hidden)
    {
        CheckWindow(tokens);
        CreateSession(tokens.Length).AppendHidden(tokens, hidden);
    }

    /// <summary>
    /// The mean negative log-likelihood in nats of <paramref name="tokens"/>[1..], each given what precedes it, scored
    /// in windows of <see cref="ContextLength"/> that advance by half a context (see the overload).
    /// </summary>
    public double CrossEntropy(ReadOnlySpan<int> tokens) => CrossEntropy(tokens, Math.Max(1, ContextLength / 2));

    /// <summary>
    /// The mean negative log-likelihood in nats of <paramref name="tokens"/>[1..] over sliding windows: each window
    /// holds up to <see cref="ContextLength"/> tokens and starts <paramref name="stride"/> after the previous one, and
    /// only the targets the previous window did not score are scored, so every target sees between
    /// ContextLength − stride + 1 and ContextLength tokens of context (all before it while the text fits one window).
    /// A stride of 1 gives each target its full window, as the generic definition does, at one forward pass per token.
    /// </summary>
    public double CrossEntropy(ReadOnlySpan<int> tokens, int stride)
    {
        if (tokens.Length < 2)
        {
            throw new ArgumentException("Cross-entropy needs at least two tokens: a context and a target.", nameof(tokens));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stride, ContextLength);
        var c = Config.EmbeddingSize;
        var v = OutputRows;
        var window = Math.Min(ContextLength, tokens.Length - 1);
        var session = CreateSession(window);
        var hidden = new float[window * c];
        var logits = new float[LogitRowBlock * v];
        double total = 0;
        var scoredUpTo = 0; // targets 1..scoredUpTo are done
        for (var start = 0; scoredUpTo < tokens.Length - 1; start += stride)
        {
            var end = Math.Min(start + ContextLength, tokens.Length - 1); // inputs [start, end), targets (start, end]
            var inputs = tokens[start..end];
            session.Reset();
            session.AppendHidden(inputs, hidden.AsSpan(0, inputs.Length * c));

            // Row r predicts target start + r + 1; score the rows whose targets are new.
            var firstRow = scoredUpTo - start;
            for (var row = firstRow; row < inputs.Length; row += LogitRowBlock)
            {
                var rows = Math.Min(LogitRowBlock, inputs.Length - row);
                HeadRows(hidden.AsSpan(row * c, rows * c), rows, logits.AsSpan(0, rows * v));
                for (var r = 0; r < rows; r++)
                {
                    var target = tokens[start + row + r + 1];
                    var logProbability = VectorMath.LogSoftmaxAt(logits.AsSpan(r * v, v), RowOf(target));
                    total += _vocabulary?.NegativeLogLikelihood(logProbability, target) ?? -logProbability;
                }
            }

            scoredUpTo = end;
        }

        return total / (tokens.Length - 1);
    }

    /// <summary>
    /// Generates up to <paramref name="maxNewTokens"/> tokens after <paramref name="prompt"/>, yielding each as it is
    /// sampled (for streaming). Deterministic for a seed. Stops early, without yielding it, at
    /// <paramref name="stopToken"/> (<see cref="EndOfText"/> by default; null never stops). An empty prompt starts a
    /// document with <see cref="EndOfText"/>. Past the context length the oldest half of the text is dropped and the
    /// rest read again.
    /// </summary>
    public IEnumerable<int> Generate(
        IReadOnlyList<int> prompt,
        int maxNewTokens,
        SamplingOptions options,
        ulong seed,
        int? stopToken = EndOfText)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        options.Validate();
        var history = new List<int>(prompt.Count == 0 ? [StartToken()] : prompt);
        for (var i = 0; i < history.Count; i++)
        {
            if ((uint)history[i] >= (uint)VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(prompt), history[i], $"Prompt token {i} is {history[i]}, outside the vocabulary [0, {VocabularySize}).");
            }
        }

        return GenerateTokens(history, maxNewTokens, new Sampler(options, seed), stopToken);
    }

    /// <summary>
    /// <see cref="Generate"/> for asynchronous consumers (a server streaming tokens): each token is computed on the
    /// thread pool, and <paramref name="cancellationToken"/> is checked between tokens.
    /// </summary>
    public async IAsyncEnumerable<int> GenerateAsync(
        IReadOnlyList<int> prompt,
        int maxNewTokens,
        SamplingOptions options,
        ulong seed,
        int? stopToken = EndOfText,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var tokens = Generate(prompt, maxNewTokens, options, seed, stopToken).GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await Task.Run(tokens.MoveNext, cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }

            yield return tokens.Current;
        }
    }

    private IEnumerable<int> GenerateTokens(List<int> history, int maxNewTokens, Sampler sampler, int? stopToken)
    {
        if (maxNewTokens == 0)
        {
            yield break;
        }

        var session = CreateSession();
        var logits = new float[OutputRows];
        Refill(session, history, logits);
        for (var produced = 0; produced < maxNewTokens; produced++)
        {
            var token = IdOfDraw(sampler.Next(logits), sampler);
            if (token == stopToken)
            {
                yield break;
            }

            yield return token;
            history.Add(token);
            if (produced + 1 == maxNewTokens)
            {
                yield break;
            }

            if (session.Length == session.Capacity)
            {
                Refill(session, history, logits);
            }
            else
            {
                session.Append([token], logits);
            }
        }
    }

    /// <summary>Reads the most recent tokens again: all that fit when starting, half a context when sliding.</summary>
    private void Refill(GptSession session, List<int> history, float[] logits)
    {
        var keep = session.Length == 0 ? Math.Min(history.Count, ContextLength) : Math.Max(1, ContextLength / 2);
        session.Reset();
        session.Append(CollectionsMarshal.AsSpan(history)[^keep..], logits);
    }

    /// <summary>The model row of a true token id (the id itself without a restricted vocabulary).</summary>
    public int RowOf(int tokenId)
    {
        if (_vocabulary is not null)
        {
            return _vocabulary.RowOf(tokenId);
        }

        return (uint)tokenId < (uint)VocabularySize
            ? tokenId
            : throw new ArgumentOutOfRangeException(nameof(tokenId), tokenId, $"Token ids lie in [0, {VocabularySize}).");
    }

    /// <summary>
    /// The true id of a sampled row: the row itself, a kept id, or for the other row one of the left-out ids chosen
    /// uniformly by <paramref name="sampler"/>'s generator.
    /// </summary>
    private int IdOfDraw(int row, Sampler sampler)
    {
        if (_vocabulary is null)
        {
            return row;
        }

        return _vocabulary.IdOfRow(row) ?? _vocabulary.OtherId(sampler.NextIndex(_vocabulary.OtherCount));
    }

    private int StartToken() =>
        VocabularySize > EndOfText
            ? EndOfText
            : throw new ArgumentException($"An empty context needs a start token, but this vocabulary of {VocabularySize} has no <|endoftext|> ({EndOfText}); pass at least one token.");

    private ReadOnlySpan<int> StartOrCut(ReadOnlySpan<int> context)
    {
        if (context.IsEmpty)
        {
            return new[] { StartToken() };
        }

        return context.Length > ContextLength ? context[^ContextLength..] : context;
    }

    private void CheckWindow(ReadOnlySpan<int> tokens)
    {
        if (tokens.IsEmpty || tokens.Length > ContextLength)
        {
            throw new ArgumentException(
                $"The GPT reads 1 to {ContextLength} tokens in one pass but was given {tokens.Length}; split the text into windows.", nameof(tokens));
        }
    }

    /// <summary>The tied LM head for one row: logits = wte · x.</summary>
    internal void Head(ReadOnlySpan<float> hidden, Span<float> logits) =>
        VectorMath.MatrixTimesVector(Parameters.Values, _wte.Offset, OutputRows, Config.EmbeddingSize, hidden, logits);

    /// <summary>The tied LM head for <paramref name="rows"/> rows: logits = hidden · wteᵀ.</summary>
    internal void HeadRows(ReadOnlySpan<float> hidden, int rows, Span<float> logits)
    {
        var c = Config.EmbeddingSize;
        var v = OutputRows;
        if (rows == 1)
        {
            Head(hidden[..c], logits[..v]);
            return;
        }

        Gemm.Sgemm(false, true, rows, v, c, 1f, hidden[..(rows * c)], c, Parameters.Values.AsSpan(_wte.Offset, _wte.Length), c, 0f, logits[..(rows * v)], v);
    }

    /// <summary>
    /// Runs every block over <paramref name="tokens"/> at positions <paramref name="start"/>…, appending their keys
    /// and values to the cache, and writes the final LayerNorm's output rows into <paramref name="hidden"/>.
    /// <paramref name="scratch"/> holds at least 11 × rows × embedding floats.
    /// </summary>
    internal void Forward(ReadOnlySpan<int> tokens, int start, int capacity, float[] keys, float[] values, float[] hidden, float[] scratch)
    {
        var c = Config.EmbeddingSize;
        var n = tokens.Length;
        var w = Parameters.Values;
        var nc = n * c;
        var x = scratch.AsSpan(0, nc);
        var normed = scratch.AsSpan(nc, nc);
        var qkv = scratch.AsSpan(2 * nc, 3 * nc);
        var attended = scratch.AsSpan(5 * nc, nc);
        var wide = scratch.AsSpan(6 * nc, 4 * nc);
        var projected = scratch.AsSpan(10 * nc, nc);
        for (var i = 0; i < n; i++)
        {
            var row = x.Slice(i * c, c);
            var embeddingRow = _vocabulary?.RowOf(tokens[i]) ?? tokens[i];
            w.AsSpan(_wte.Offset + (embeddingRow * c), c).CopyTo(row);
            VectorMath.Add(w.AsSpan(_wpe.Offset + ((start + i) * c), c), row);
        }

        for (var l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            var cacheOffset = l * capacity * c;
            Normalize(x, layer.Ln1Weight, layer.Ln1Bias, normed, n);
            Linear(normed, n, c, 3 * c, layer.AttentionWeight, layer.AttentionBias, qkv);
            for (var i = 0; i < n; i++)
            {
                var at = cacheOffset + ((start + i) * c);
                qkv.Slice((i * 3 * c) + c, c).CopyTo(keys.AsSpan(at, c));
                qkv.Slice((i * 3 * c) + (2 * c), c).CopyTo(values.AsSpan(at, c));
            }

            Attention(scratch, 2 * nc, n, start, keys, values, cacheOffset, scratch, 5 * nc);
            Linear(attended, n, c, c, layer.AttentionProjectionWeight, layer.AttentionProjectionBias, projected);
            VectorMath.Add(projected, x);
            Normalize(x, layer.Ln2Weight, layer.Ln2Bias, normed, n);
            Linear(normed, n, c, 4 * c, layer.FcWeight, layer.FcBias, wide);
            Elementwise.Gelu(wide, wide);
            Linear(wide, n, 4 * c, c, layer.FcProjectionWeight, layer.FcProjectionBias, projected);
            VectorMath.Add(projected, x);
        }

        Normalize(x, _lnFWeight, _lnFBias, hidden.AsSpan(0, nc), n);
    }

    private void Normalize(ReadOnlySpan<float> x, GptParameter gain, GptParameter bias, Span<float> y, int rows)
    {
        var c = Config.EmbeddingSize;
        var g = Parameters.Value(gain);
        var b = Parameters.Value(bias);
        for (var i = 0; i < rows; i++)
        {
            Elementwise.LayerNorm(x.Slice(i * c, c), g, b, y.Slice(i * c, c));
        }
    }

    /// <summary>y[rows × outputs] = x[rows × inputs] · W[inputs × outputs] + b.</summary>
    private void Linear(ReadOnlySpan<float> x, int rows, int inputs, int outputs, GptParameter weight, GptParameter bias, Span<float> y)
    {
        var b = Parameters.Value(bias);
        if (rows == 1)
        {
            VectorMath.RowTimesMatrix(x, Parameters.Values, weight.Offset, inputs, outputs, b, y);
            return;
        }

        for (var i = 0; i < rows; i++)
        {
            b.CopyTo(y.Slice(i * outputs, outputs));
        }

        Gemm.Sgemm(false, false, rows, outputs, inputs, 1f, x, inputs, Parameters.Value(weight), outputs, 1f, y, outputs);
    }

    /// <summary>
    /// Causal attention of each new row (queries inside <paramref name="qkv"/> from <paramref name="qkvOffset"/>, rows of
    /// 3C) over the cached keys and values of positions 0…its own, written to <paramref name="output"/> rows of C.
    /// </summary>
    private void Attention(float[] qkv, int qkvOffset, int rows, int start, float[] keys, float[] values, int cacheOffset, float[] output, int outputOffset)
    {
        var heads = Config.Heads;
        var c = Config.EmbeddingSize;
        var work = (long)rows * (start + rows) * c;
        if (work < (1 << 16) || Environment.ProcessorCount == 1)
        {
            var scores = ArrayPool<float>.Shared.Rent(start + rows);
            for (var item = 0; item < rows * heads; item++)
            {
                AttendOne(item / heads, item % heads, qkv, qkvOffset, start, keys, values, cacheOffset, output, outputOffset, scores);
            }

            ArrayPool<float>.Shared.Return(scores);
            return;
        }

        Parallel.For(
            0,
            rows * heads,
            () => ArrayPool<float>.Shared.Rent(start + rows),
            (item, _, scores) =>
            {
                AttendOne(item / heads, item % heads, qkv, qkvOffset, start, keys, values, cacheOffset, output, outputOffset, scores);
                return scores;
            },
            scores => ArrayPool<float>.Shared.Return(scores));
    }

    private void AttendOne(int row, int head, float[] qkv, int qkvOffset, int start, float[] keys, float[] values, int cacheOffset, float[] output, int outputOffset, float[] scoreBuffer)
    {
        var c = Config.EmbeddingSize;
        var hs = Config.HeadSize;
        var position = start + row;
        var scale = 1f / MathF.Sqrt(hs);
        var query = qkv.AsSpan(qkvOffset + (row * 3 * c) + (head * hs), hs);
        var scores = scoreBuffer.AsSpan(0, position + 1);
        var max = float.NegativeInfinity;
        for (var t = 0; t <= position; t++)
        {
            var s = VectorMath.Dot(query, keys.AsSpan(cacheOffset + (t * c) + (head * hs), hs)) * scale;
            scores[t] = s;
            max = Math.Max(max, s);
        }

        var sum = 0f;
        for (var t = 0; t <= position; t++)
        {
            var e = MathF.Exp(scores[t] - max);
            scores[t] = e;
            sum += e;
        }

        var inverse = 1f / sum;
        var target = output.AsSpan(outputOffset + (row * c) + (head * hs), hs);
        target.Clear();
        for (var t = 0; t <= position; t++)
        {
            VectorMath.Axpy(scores[t] * inverse, values.AsSpan(cacheOffset + (t * c) + (head * hs), hs), target);
        }
    }

    private sealed record Layer(
        GptParameter Ln1Weight,
        GptParameter Ln1Bias,
        GptParameter AttentionWeight,
        GptParameter AttentionBias,
        GptParameter AttentionProjectionWeight,
        GptParameter AttentionProjectionBias,
        GptParameter Ln2Weight,
        GptParameter Ln2Bias,
        GptParameter FcWeight,
        GptParameter FcBias,
        GptParameter FcProjectionWeight,
        GptParameter FcProjectionBias);
}
