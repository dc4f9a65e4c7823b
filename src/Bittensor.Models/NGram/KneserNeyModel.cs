using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace Bittensor.Models.NGram;

/// <summary>
/// An interpolated modified Kneser-Ney n-gram model over token ids (Chen and Goodman, 1998): three discounts per order
/// estimated from count-of-counts, continuation counts at every order below the highest, and interpolation down to a
/// uniform distribution over the vocabulary, so every id has a probability above zero and each distribution sums to 1.
/// </summary>
/// <remarks>
/// <para>
/// For a context h (its last <c>Order − 1</c> tokens) and a token w, with c(h w) the count of the n-gram at that
/// order (the raw count at the highest order; below it the number of distinct tokens seen before it, except for
/// n-grams that start with the document separator, which keep their raw count since nothing precedes them):
/// p(w | h) = max(c(h w) − D(c(h w)), 0) / Σᵥ c(h v) + γ(h) · p(w | h′), γ(h) = (D1·N1(h) + D2·N2(h) + D3+·N3+(h)) / Σᵥ c(h v),
/// where h′ drops h's first token and Nᵢ(h) counts the tokens seen after h with count i (3 or more for N3+). A
/// context never seen before any token falls back to p(w | h′) entirely. Below the unigrams is 1 / VocabularySize.
/// </para>
/// <para>
/// Documents: <see cref="KneserNeyOptions.DocumentSeparator"/> ends a document and starts the next. No n-gram spans it,
/// every training stream starts as if after one, and a query's context is cut to its part after (and including) the
/// last separator. To ask for the start of a document, put the separator first in the context.
/// </para>
/// <para>
/// Storage is a trie of sorted arrays: order k's n-grams are grouped by their (k−1)-token prefix and sorted by last
/// token, so a prefix's continuations are one contiguous range, found by binary search. Queries are read-only and
/// safe from several threads.
/// </para>
/// </remarks>
public sealed partial class KneserNeyModel : ILanguageModel
{
    /// <summary>The highest order supported.</summary>
    public const int MaxOrder = 6;

    /// <summary>The largest vocabulary supported.</summary>
    public const int MaxVocabularySize = 1 << 24;

    // Level k (1..Order) holds the distinct k-grams. Level 1 is dense: entry w is the unigram w.
    // _counts[k][e]: the count used at order k; _words[k][e]: the k-gram's last token (k ≥ 2);
    // _childStart[k][e]..[e + 1]: entry e's continuations in level k + 1 (k = 0..Order−1; level 0 is the empty context).
    private readonly int[][] _counts;
    private readonly int[][] _words;
    private readonly int[][] _childStart;
    private readonly KneserNeyDiscounts[] _discounts;

    // Per context entry of level k (k = 0..Order−1): 1 / Σ continuation counts (0 when it has none) and γ.
    private readonly double[][] _inverseTotal;
    private readonly double[][] _gamma;

    // The unigram level interpolated with the uniform distribution; the same for every context.
    private readonly double[] _unigram;
    private readonly float[] _unigramSingle;
    private readonly int[] _unigramRanking;
    private readonly int[] _unigramClassEnd;

    // Per one-token context, its continuations' entries ordered by their order-2 probability, best first.
    private readonly int[] _bigramRanking;


    private KneserNeyModel(int order, int vocabularySize, int separator, int[][] counts, int[][] words, int[][] childStart)
    {
        Order = order;
        VocabularySize = vocabularySize;
        DocumentSeparator = separator;
        _counts = counts;
        _words = words;
        _childStart = childStart;

        _discounts = new KneserNeyDiscounts[order + 1];
        for (var k = 1; k <= order; k++)
        {
            long n1 = 0, n2 = 0, n3 = 0, n4 = 0;
            foreach (var c in counts[k])
            {
                switch (c)
                {
                    case 1: n1++; break;
                    case 2: n2++; break;
                    case 3: n3++; break;
                    case 4: n4++; break;
                }
            }

            _discounts[k] = KneserNeyDiscounts.Estimate(n1, n2, n3, n4);
        }

        _inverseTotal = new double[order][];
        _gamma = new double[order][];
        for (var level = 0; level < order; level++)
        {
            var starts = childStart[level];
            var childCounts = counts[level + 1];
            var d = _discounts[level + 1];
            var contexts = starts.Length - 1;
            var inverse = new double[contexts];
            var gamma = new double[contexts];
            for (var h = 0; h < contexts; h++)
            {
                long total = 0;
                double discounted = 0;
                for (var e = starts[h]; e < starts[h + 1]; e++)
                {
                    var c = childCounts[e];
                    if (c > 0)
                    {
                        total += c;
                        discounted += d.For(c);
                    }
                }

                if (total > 0)
                {
                    inverse[h] = 1.0 / total;
                    gamma[h] = discounted / total;
                }
            }

            _inverseTotal[level] = inverse;
            _gamma[level] = gamma;
        }

        _unigram = new double[vocabularySize];
        _unigramSingle = new float[vocabularySize];
        var rootInverse = _inverseTotal[0][0];
        var uniform = (rootInverse > 0 ? _gamma[0][0] : 1.0) / vocabularySize;
        var d1 = _discounts[1];
        for (var w = 0; w < vocabularySize; w++)
        {
            var c = counts[1][w];
            var p = uniform + (c > 0 ? (c - d1.For(c)) * rootInverse : 0);
            _unigram[w] = p;
            _unigramSingle[w] = (float)p;
        }

        _unigramRanking = new int[vocabularySize];
        for (var w = 0; w < vocabularySize; w++)
        {
            _unigramRanking[w] = w;
        }

        var single = _unigramSingle;
        Array.Sort(_unigramRanking, (a, b) => single[a] != single[b] ? single[b].CompareTo(single[a]) : a.CompareTo(b));

        _bigramRanking = order >= 2 ? RankContinuations() : [];

        // _unigramClassEnd[i]: the first place in the ranking after i with a different unigram probability.
        _unigramClassEnd = new int[vocabularySize];
        for (var i = vocabularySize - 1; i >= 0; i--)
        {
            _unigramClassEnd[i] = i + 1 < vocabularySize && single[_unigramRanking[i + 1]] == single[_unigramRanking[i]]
                ? _unigramClassEnd[i + 1]
                : i + 1;
        }
    }

    /// <summary>The longest n-gram the model counts.</summary>
    public int Order { get; }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <summary>The token that separates documents (GPT-2's <c>&lt;|endoftext|&gt;</c>, 50256, by default).</summary>
    public int DocumentSeparator { get; }

    /// <inheritdoc />
    public int ContextLength => Order - 1;

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"interpolated modified Kneser-Ney {Order}-gram, vocabulary {VocabularySize}, {NGramCount():N0} n-grams");

    /// <summary>The number of distinct n-grams of length <paramref name="order"/> seen in training.</summary>
    public int NGramCount(int order)
    {
        CheckOrder(order);
        if (order > 1)
        {
            return _counts[order].Length;
        }

        var seen = 0;
        foreach (var c in _counts[1])
        {
            seen += c > 0 ? 1 : 0;
        }

        return seen;
    }

    /// <summary>The number of distinct n-grams of every length seen in training.</summary>
    public long NGramCount()
    {
        long total = 0;
        for (var k = 1; k <= Order; k++)
        {
            total += NGramCount(k);
        }

        return total;
    }

    /// <summary>The discounts of order <paramref name="order"/> (1 = unigrams).</summary>
    public KneserNeyDiscounts Discounts(int order)
    {
        CheckOrder(order);
        return _discounts[order];
    }

    /// <inheritdoc />
    public void NextTokenProbabilities(ReadOnlySpan<int> context, Span<float> probabilities)
    {
        if (probabilities.Length != VocabularySize)
        {
            throw new ArgumentException(
                $"The probability buffer has {probabilities.Length} entries; it needs one per token id ({VocabularySize}).",
                nameof(probabilities));
        }

        Span<int> nodes = stackalloc int[MaxOrder + 1];
        Span<double> weights = stackalloc double[MaxOrder + 1];
        var top = Resolve(context, nodes, weights);

        // The context-free part once (unigrams interpolated with the uniform distribution), then each order's
        // discounted counts for the continuations it has seen.
        var baseWeight = (float)weights[1];
        ReadOnlySpan<float> unigram = _unigramSingle;
        var w = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(baseWeight);
            for (; w <= unigram.Length - Vector<float>.Count; w += Vector<float>.Count)
            {
                (new Vector<float>(unigram[w..]) * scale).CopyTo(probabilities[w..]);
            }
        }

        for (; w < unigram.Length; w++)
        {
            probabilities[w] = baseWeight * unigram[w];
        }

        for (var k = top; k >= 2; k--)
        {
            var level = k - 1;
            var h = nodes[level];
            var inverse = _inverseTotal[level][h];
            var weight = weights[k];
            var d = _discounts[k];
            var counts = _counts[k];
            var words = _words[k];
            for (int e = _childStart[level][h], end = _childStart[level][h + 1]; e < end; e++)
            {
                var c = counts[e];
                probabilities[words[e]] += (float)(weight * (c - d.For(c)) * inverse);
            }
        }
    }

    /// <summary>The probability of <paramref name="token"/> following <paramref name="context"/>, in double precision.</summary>
    public double NextTokenProbability(ReadOnlySpan<int> context, int token)
    {
        CheckToken(token, "The token");
        Span<int> nodes = stackalloc int[MaxOrder + 1];
        Span<double> weights = stackalloc double[MaxOrder + 1];
        var top = Resolve(context, nodes, weights);
        var p = 0.0;
        for (var k = top; k >= 2; k--)
        {
            var level = k - 1;
            var e = Child(level, nodes[level], token);
            if (e >= 0)
            {
                var c = _counts[k][e];
                p += weights[k] * (c - _discounts[k].For(c)) * _inverseTotal[level][nodes[level]];
            }
        }

        return p + (weights[1] * _unigram[token]);
    }

    /// <summary>
    /// The <paramref name="k"/> most likely next tokens, exactly as <see cref="LanguageModelExtensions.TopK"/> picks them
    /// from <see cref="NextTokenProbabilities"/>, without building the full distribution: only the continuations seen
    /// after the context and the head of the precomputed unigram ranking are scored.
    /// </summary>
    public NextTokenDistribution NextTokenTopK(ReadOnlySpan<int> context, int k)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "top-k needs k ≥ 1.");
        }

        k = Math.Min(k, VocabularySize);
        Span<int> nodes = stackalloc int[MaxOrder + 1];
        Span<double> weights = stackalloc double[MaxOrder + 1];
        var top = Resolve(context, nodes, weights);

        var baseWeight = (float)weights[1];
        var best = new TopKBuffer(k);
        var h = nodes[1];
        var pendingCount = 0;
        int[] pendingIds = [];
        if (top >= 3)
        {
            // Orders above 2 first: every id seen after a longer context was also seen after each shorter one, and each
            // order's continuations are sorted by id, so order 3's list with the longer ones merged in covers them all.
            // Each gets the same float operations in the same order as NextTokenProbabilities.
            var h3 = nodes[2];
            var first = _childStart[2][h3];
            pendingCount = _childStart[2][h3 + 1] - first;
            pendingIds = ArrayPool<int>.Shared.Rent(pendingCount);
            Span<int> cursor = stackalloc int[MaxOrder + 1];
            for (var order = 4; order <= top; order++)
            {
                cursor[order] = _childStart[order - 1][nodes[order - 1]];
            }

            var words3 = _words[3];
            for (var i = 0; i < pendingCount; i++)
            {
                var w = words3[first + i];
                var p = baseWeight * _unigramSingle[w];
                for (var order = top; order >= 4; order--)
                {
                    var at = cursor[order];
                    if (at < _childStart[order - 1][nodes[order - 1] + 1] && _words[order][at] == w)
                    {
                        p += Discounted(order, at, nodes[order - 1], weights[order]);
                        cursor[order] = at + 1;
                    }
                }

                p += Discounted(3, first + i, h3, weights[3]);
                p += Discounted(2, Child(1, h, w), h, weights[2]);
                pendingIds[i] = w;
                best.Offer(w, p);
            }
        }

        if (top >= 2)
        {
            // The rest of order 2's continuations, best first in the context's own order-2 distribution
            // p2(w | h) = discounted(h w) + γ(h)·p1(w): their probability is weights[2]·p2(w | h) up to float rounding,
            // so the walk stops once that is clearly below the k-th probability found.
            var inverse = _inverseTotal[1][h];
            var gamma = _gamma[1][h];
            var weight = weights[2];
            var d = _discounts[2];
            var counts = _counts[2];
            var words = _words[2];
            var ranking = _bigramRanking;
            for (int r = _childStart[1][h], last = _childStart[1][h + 1]; r < last; r++)
            {
                var e = ranking[r];
                var w = words[e];
                var c = counts[e];
                var discounted = (c - d.For(c)) * inverse;
                if (best.IsFull && weight * (discounted + (gamma * _unigram[w])) < best.Floor * (1 - 1e-5))
                {
                    break;
                }

                if (pendingCount > 0 && pendingIds.AsSpan(0, pendingCount).BinarySearch(w) >= 0)
                {
                    continue;
                }

                best.Offer(w, (baseWeight * _unigramSingle[w]) + (float)(weight * discounted));
            }
        }

        if (top >= 3)
        {
            ArrayPool<int>.Shared.Return(pendingIds);
        }

        // Every id not seen after the last token has probability baseWeight · unigram, in the unigram ranking's order:
        // the walk stops once the list refuses one. Ids with equal unigrams follow in increasing order, so the rest of a
        // refused one's class is refused too; only a following class that rounds to the same probability is looked at.
        var unigramRanking = _unigramRanking;
        if (best.IsFull && baseWeight * _unigramSingle[unigramRanking[0]] < best.Floor)
        {
            return Result(best);
        }

        for (var i = 0; i < unigramRanking.Length;)
        {
            var w = unigramRanking[i];
            if (top >= 2 && Child(1, h, w) >= 0)
            {
                i++;
                continue;
            }

            var p = baseWeight * _unigramSingle[w];
            if (best.Offer(w, p))
            {
                i++;
                continue;
            }

            var next = _unigramClassEnd[i];
            if (next >= unigramRanking.Length || baseWeight * _unigramSingle[unigramRanking[next]] != p)
            {
                break;
            }

            i = next;
        }

        return Result(best);

        static NextTokenDistribution Result(TopKBuffer best)
        {
            double inside = 0;
            foreach (var p in best.Values)
            {
                inside += p;
            }

            return new NextTokenDistribution(best.Ids, best.Values, (float)Math.Max(0, 1 - inside));
        }
    }

    /// <summary>
    /// The mean negative log-likelihood in nats of <paramref name="tokens"/>[1..], each given the tokens before it
    /// (the same value as <see cref="LanguageModelExtensions.CrossEntropy"/>, in double precision), computed directly
    /// from the n-gram counts: one trie step per order and token, no distributions built.
    /// </summary>
    public double CrossEntropy(ReadOnlySpan<int> tokens)
    {
        if (tokens.Length < 2)
        {
            throw new ArgumentException("Cross-entropy needs at least two tokens: a context and a target.", nameof(tokens));
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            if ((uint)tokens[i] >= (uint)VocabularySize)
            {
                throw new ArgumentException(
                    $"Token {tokens[i]} at position {i} is outside the vocabulary [0, {VocabularySize}).", nameof(tokens));
            }
        }

        // previous[j]: level-j entry of the j-gram ending at the previous token (−1 if unseen or cut by a separator).
        Span<int> previous = stackalloc int[MaxOrder + 1];
        Span<int> current = stackalloc int[MaxOrder + 1];
        previous.Fill(-1);
        previous[1] = tokens[0];
        double total = 0;
        for (var i = 1; i < tokens.Length; i++)
        {
            var t = tokens[i];
            var top = 1;
            while (top < Order && previous[top] >= 0 && _inverseTotal[top][previous[top]] > 0)
            {
                top++;
            }

            current.Fill(-1);
            current[1] = t;
            for (var k = 2; k <= Order; k++)
            {
                current[k] = previous[k - 1] >= 0 ? Child(k - 1, previous[k - 1], t) : -1;
            }

            double p = 0, weight = 1;
            for (var k = top; k >= 2; k--)
            {
                var level = k - 1;
                var h = previous[level];
                var e = current[k];
                if (e >= 0)
                {
                    var c = _counts[k][e];
                    p += weight * (c - _discounts[k].For(c)) * _inverseTotal[level][h];
                }

                weight *= _gamma[level][h];
            }

            p += weight * _unigram[t];
            total -= Math.Log(p);
            if (t == DocumentSeparator)
            {
                current[2..].Fill(-1);
            }

            current.CopyTo(previous);
        }

        return total / (tokens.Length - 1);
    }

    /// <summary>
    /// Finds the context's entry at each level (nodes[j] for its last j tokens) and the weight of each order's
    /// discounted counts (weights[k], with weights[1] on the interpolated unigrams); returns the highest order used.
    /// </summary>
    private int Resolve(ReadOnlySpan<int> context, Span<int> nodes, Span<double> weights)
    {
        for (var i = 0; i < context.Length; i++)
        {
            if ((uint)context[i] >= (uint)VocabularySize)
            {
                throw new ArgumentException(
                    $"Context token {context[i]} at position {i} is outside the vocabulary [0, {VocabularySize}).", nameof(context));
            }
        }

        var cut = context.LastIndexOf(DocumentSeparator);
        if (cut > 0)
        {
            context = context[cut..];
        }

        if (context.Length > Order - 1)
        {
            context = context[^(Order - 1)..];
        }

        var top = 1;
        for (var j = 1; j <= context.Length; j++)
        {
            var node = context[^j];
            for (var i = j - 1; i >= 1 && node >= 0; i--)
            {
                node = Child(j - i, node, context[^i]);
            }

            if (node < 0 || _inverseTotal[j][node] == 0)
            {
                break;
            }

            nodes[j] = node;
            top = j + 1;
        }

        weights[top] = 1;
        for (var k = top; k >= 2; k--)
        {
            weights[k - 1] = weights[k] * _gamma[k - 1][nodes[k - 1]];
        }

        return top;
    }

    /// <summary>For each one-token context, its continuations' level-2 entries sorted by p2(w | h), highest first.</summary>
    private int[] RankContinuations()
    {
        var starts = _childStart[1];
        var counts = _counts[2];
        var words = _words[2];
        var d = _discounts[2];
        var ranking = new int[counts.Length];
        var keys = new double[counts.Length];
        for (var h = 0; h + 1 < starts.Length; h++)
        {
            for (var e = starts[h]; e < starts[h + 1]; e++)
            {
                var c = counts[e];
                ranking[e] = e;
                keys[e] = -(((c - d.For(c)) * _inverseTotal[1][h]) + (_gamma[1][h] * _unigram[words[e]]));
            }

            if (starts[h + 1] - starts[h] > 1)
            {
                Array.Sort(keys, ranking, starts[h], starts[h + 1] - starts[h]);
            }
        }

        return ranking;
    }

    /// <summary>Order <paramref name="order"/>'s weighted discounted term for entry <paramref name="entry"/> after context <paramref name="context"/>, in float as the full distribution adds it.</summary>
    private float Discounted(int order, int entry, int context, double weight)
    {
        var c = _counts[order][entry];
        return (float)(weight * (c - _discounts[order].For(c)) * _inverseTotal[order - 1][context]);
    }

    /// <summary>The level-(level + 1) entry extending level-<paramref name="level"/> entry <paramref name="parent"/> by <paramref name="word"/>, or −1.</summary>
    private int Child(int level, int parent, int word)
    {
        if (level == 0)
        {
            return word;
        }

        var starts = _childStart[level];
        var words = _words[level + 1];
        int lo = starts[parent], hi = starts[parent + 1] - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var w = words[mid];
            if (w == word)
            {
                return mid;
            }

            if (w < word)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private void CheckOrder(int order)
    {
        if (order < 1 || order > Order)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"This model's orders are 1 to {Order}.");
        }
    }

    private void CheckToken(int token, string what)
    {
        if ((uint)token >= (uint)VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(token), token, $"{what} {token} is outside the vocabulary [0, {VocabularySize}).");
        }
    }

    /// <summary>The best k (id, probability) pairs offered so far: higher probability first, then lower id.</summary>
    private sealed class TopKBuffer(int k)
    {
        private int _count;

        public int[] Ids { get; } = new int[k];

        public float[] Values { get; } = new float[k];

        public bool IsFull => _count == Ids.Length;

        /// <summary>The k-th probability once the list is full: below it nothing can enter.</summary>
        public float Floor => Values[_count - 1];

        /// <summary>Adds the pair if it belongs in the best k; false if it does not.</summary>
        public bool Offer(int id, float p)
        {
            if (_count == Ids.Length && !Before(id, p, Ids[_count - 1], Values[_count - 1]))
            {
                return false;
            }

            var at = _count < Ids.Length ? _count++ : _count - 1;
            while (at > 0 && Before(id, p, Ids[at - 1], Values[at - 1]))
            {
                Ids[at] = Ids[at - 1];
                Values[at] = Values[at - 1];
                at--;
            }

            Ids[at] = id;
            Values[at] = p;
            return true;
        }

        private static bool Before(int id, float p, int otherId, float otherP) => p > otherP || (p == otherP && id < otherId);
    }
}
