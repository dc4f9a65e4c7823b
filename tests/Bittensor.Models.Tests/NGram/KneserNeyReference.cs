namespace Bittensor.Models.Tests.NGram;

/// <summary>
/// Interpolated modified Kneser-Ney written straight from the textbook formulas, with dictionaries keyed by the
/// n-gram's tokens as text and everything recomputed per query. Slow and independent of the model's trie.
/// </summary>
internal sealed class KneserNeyReference
{
    private readonly int _order;
    private readonly int _vocabulary;
    private readonly int _separator;
    private readonly Dictionary<string, int>[] _counts;
    private readonly (double D1, double D2, double D3)[] _discounts;

    public KneserNeyReference(IEnumerable<int[]> streams, int order, int vocabulary, int separator)
    {
        _order = order;
        _vocabulary = vocabulary;
        _separator = separator;

        // Every stream starts after a separator; a leading separator is that start, not a token to predict.
        var raw = new Dictionary<string, int>[order + 1];
        for (var n = 1; n <= order; n++)
        {
            raw[n] = [];
        }

        foreach (var stream in streams)
        {
            var tokens = new List<int> { separator };
            tokens.AddRange(stream.Length > 0 && stream[0] == separator ? stream[1..] : stream);
            for (var i = 1; i < tokens.Count; i++)
            {
                for (var n = 1; n <= order && i - n + 1 >= 0; n++)
                {
                    var gram = tokens.GetRange(i - n + 1, n);
                    // No separator strictly inside an n-gram.
                    if (gram.Skip(1).Take(n - 2).Contains(separator))
                    {
                        break;
                    }

                    Increment(raw[n], Key(gram));
                }
            }
        }

        _counts = new Dictionary<string, int>[order + 1];
        _counts[order] = raw[order];
        for (var n = 1; n < order; n++)
        {
            _counts[n] = [];
            foreach (var gram in raw[n].Keys)
            {
                var tokens = Parse(gram);
                if (n >= 2 && tokens[0] == separator)
                {
                    _counts[n][gram] = raw[n][gram];
                    continue;
                }

                // Continuation count: how many distinct tokens were seen right before it.
                var suffix = "," + gram;
                _counts[n][gram] = raw[n + 1].Keys.Count(longer => longer.EndsWith(suffix, StringComparison.Ordinal) && Parse(longer).Length == n + 1);
            }
        }

        _discounts = new (double, double, double)[order + 1];
        for (var n = 1; n <= order; n++)
        {
            var values = _counts[n].Values.ToList();
            _discounts[n] = Discounts(values.Count(c => c == 1), values.Count(c => c == 2), values.Count(c => c == 3), values.Count(c => c == 4));
        }
    }

    public (double D1, double D2, double D3) DiscountsOf(int n) => _discounts[n];

    /// <summary>Whether Chen and Goodman's estimates were all defined and positive (no fallback) at order n.</summary>
    public bool EstimatesAreDefined(int n)
    {
        var values = _counts[n].Values.ToList();
        double n1 = values.Count(c => c == 1), n2 = values.Count(c => c == 2), n3 = values.Count(c => c == 3), n4 = values.Count(c => c == 4);
        if (n1 == 0 || n2 == 0 || n3 == 0 || n4 == 0)
        {
            return false;
        }

        var y = n1 / (n1 + (2 * n2));
        return 2 - (3 * y * n3 / n2) > 0 && 3 - (4 * y * n4 / n3) > 0;
    }

    public int CountOf(params int[] gram) => _counts[gram.Length].GetValueOrDefault(Key(gram));

    public int DistinctNGrams(int n) => _counts[n].Count;

    public double Probability(IReadOnlyList<int> context, int word)
    {
        var history = context.ToList();
        var cut = history.LastIndexOf(_separator);
        if (cut >= 0)
        {
            history = history.GetRange(cut, history.Count - cut);
        }

        if (history.Count > _order - 1)
        {
            history = history.GetRange(history.Count - (_order - 1), _order - 1);
        }

        return Interpolated(history, word);
    }

    private double Interpolated(List<int> history, int word)
    {
        var n = history.Count + 1;
        var (d1, d2, d3) = _discounts[n];
        double total = 0, discounted = 0, own = 0;
        var prefix = history.Count == 0 ? string.Empty : Key(history) + ",";
        foreach (var (gram, count) in _counts[n])
        {
            if (!gram.StartsWith(prefix, StringComparison.Ordinal) || Parse(gram).Length != n || count == 0)
            {
                continue;
            }

            var d = count == 1 ? d1 : count == 2 ? d2 : d3;
            total += count;
            discounted += d;
            if (Parse(gram)[^1] == word)
            {
                own = Math.Max(count - d, 0);
            }
        }

        var lower = history.Count == 0 ? 1.0 / _vocabulary : Interpolated(history.GetRange(1, history.Count - 1), word);
        if (total == 0)
        {
            // Never seen before any token: the lower order alone (or the uniform distribution below the unigrams).
            return lower;
        }

        return (own / total) + (discounted / total * lower);
    }

    private static (double, double, double) Discounts(double n1, double n2, double n3, double n4)
    {
        // Textbook estimates; where a count-of-counts they need (n1 … nᵢ₊₁) is zero, or one is not positive, Y.
        var y = n1 > 0 && n2 > 0 ? n1 / (n1 + (2 * n2)) : 0.5;
        var d1 = n1 > 0 && n2 > 0 ? 1 - (2 * y * n2 / n1) : y;
        var d2 = n1 > 0 && n2 > 0 && n3 > 0 ? 2 - (3 * y * n3 / n2) : y;
        var d3 = n1 > 0 && n2 > 0 && n3 > 0 && n4 > 0 ? 3 - (4 * y * n4 / n3) : y;
        return (d1 > 0 ? d1 : y, d2 > 0 ? d2 : y, d3 > 0 ? d3 : y);
    }

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Key(IEnumerable<int> gram) => string.Join(",", gram);

    private static int[] Parse(string key) => key.Split(',').Select(int.Parse).ToArray();
}
