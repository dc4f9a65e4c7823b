using System.Text;

namespace Bittensor.Models.Tokenization;

/// <summary>Settings of <see cref="BpeTrainer.Train"/>.</summary>
public sealed record BpeTrainingOptions
{
    /// <summary>The number of tokens to end with: the 256 bytes, the learned merges and (if added) end-of-text.</summary>
    public int VocabularySize { get; init; } = 8192;

    /// <summary>Training stops early when the most frequent pair occurs fewer times than this.</summary>
    public int MinPairCount { get; init; } = 2;

    /// <summary>Whether to end the vocabulary with <c>&lt;|endoftext|&gt;</c> (as GPT-2's last id).</summary>
    public bool AddEndOfText { get; init; } = true;
}

/// <summary>
/// Learns a byte-level BPE vocabulary from text, for vocabularies other than GPT-2's. The text is pre-tokenised
/// exactly as <see cref="Gpt2Tokenizer"/> does; the vocabulary starts with the 256 bytes in GPT-2's order, and each step
/// merges the most frequent adjacent pair of tokens (counted over all pieces, weighted by how often each piece occurs)
/// into a new token. Ties go to the pair whose left token's bytes, then right token's bytes, sort first, so the result
/// depends only on the text (not on the order of the documents).
/// </summary>
public static class BpeTrainer
{
    /// <summary>Learns a vocabulary from <paramref name="documents"/>.</summary>
    public static Gpt2Tokenizer Train(IEnumerable<string> documents, BpeTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new BpeTrainingOptions();
        var target = options.VocabularySize - (options.AddEndOfText ? 1 : 0);
        if (target < 256)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.VocabularySize,
                $"A byte-level vocabulary needs at least {256 + (options.AddEndOfText ? 1 : 0)} tokens (the 256 bytes" +
                (options.AddEndOfText ? " and end-of-text)." : ")."));
        }

        if (options.MinPairCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinPairCount, "MinPairCount must be at least 1.");
        }

        var pieceCounts = CountPieces(documents);
        var tokens = new List<byte[]>(target + 1);
        var byteIds = new int[256];
        foreach (var b in ByteLevel.Order)
        {
            byteIds[b] = tokens.Count;
            tokens.Add([b]);
        }

        // Distinct pieces in byte order, so word indices (and everything after) do not depend on hash order.
        var pieces = pieceCounts.Keys.ToArray();
        Array.Sort(pieces, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        var words = new int[pieces.Length][];
        var lengths = new int[pieces.Length];
        var counts = new long[pieces.Length];
        var pairCounts = new Dictionary<long, long>(PairKeyComparer.Instance);
        var pairWords = new Dictionary<long, List<int>>(PairKeyComparer.Instance);
        for (var w = 0; w < pieces.Length; w++)
        {
            var piece = pieces[w];
            words[w] = new int[piece.Length];
            for (var i = 0; i < piece.Length; i++)
            {
                words[w][i] = byteIds[piece[i]];
            }

            lengths[w] = piece.Length;
            counts[w] = pieceCounts[piece];
            for (var i = 0; i + 1 < piece.Length; i++)
            {
                var key = Key(words[w][i], words[w][i + 1]);
                pairCounts[key] = pairCounts.GetValueOrDefault(key) + counts[w];
                AddWord(pairWords, key, w);
            }
        }

        var queue = new PriorityQueue<long, (long Count, int Left, int Right)>(new PairOrder(tokens));
        foreach (var (key, count) in pairCounts)
        {
            queue.Enqueue(key, (count, Left(key), Right(key)));
        }

        var merges = new List<(int Left, int Right)>();
        var seen = new int[pieces.Length];
        var changed = new HashSet<long>(PairKeyComparer.Instance);
        while (tokens.Count < target && queue.TryDequeue(out var best, out var entry))
        {
            if (!pairCounts.TryGetValue(best, out var current) || current != entry.Count)
            {
                continue; // stale entry
            }

            if (current < options.MinPairCount)
            {
                break;
            }

            var (left, right) = (Left(best), Right(best));
            var merged = tokens.Count;
            tokens.Add([.. tokens[left], .. tokens[right]]);
            merges.Add((left, right));
            changed.Clear();
            var stamp = merges.Count;
            foreach (var w in pairWords[best])
            {
                if (seen[w] == stamp)
                {
                    continue;
                }

                seen[w] = stamp;
                var symbols = words[w];
                var n = lengths[w];
                var contains = false;
                for (var i = 0; i + 1 < n && !contains; i++)
                {
                    contains = symbols[i] == left && symbols[i + 1] == right;
                }

                if (!contains)
                {
                    continue;
                }

                for (var i = 0; i + 1 < n; i++)
                {
                    var key = Key(symbols[i], symbols[i + 1]);
                    pairCounts[key] -= counts[w];
                    changed.Add(key);
                }

                var write = 0;
                for (var read = 0; read < n;)
                {
                    if (read + 1 < n && symbols[read] == left && symbols[read + 1] == right)
                    {
                        symbols[write++] = merged;
                        read += 2;
                    }
                    else
                    {
                        symbols[write++] = symbols[read++];
                    }
                }

                lengths[w] = n = write;
                for (var i = 0; i + 1 < n; i++)
                {
                    var key = Key(symbols[i], symbols[i + 1]);
                    pairCounts[key] = pairCounts.GetValueOrDefault(key) + counts[w];
                    changed.Add(key);
                    if (symbols[i] == merged || symbols[i + 1] == merged)
                    {
                        AddWord(pairWords, key, w);
                    }
                }
            }

            pairWords.Remove(best);
            foreach (var key in changed)
            {
                var count = pairCounts[key];
                if (count <= 0)
                {
                    pairCounts.Remove(key);
                }
                else
                {
                    queue.Enqueue(key, (count, Left(key), Right(key)));
                }
            }
        }

        if (options.AddEndOfText)
        {
            tokens.Add(Encoding.UTF8.GetBytes(Gpt2Tokenizer.EndOfTextToken));
        }

        return new Gpt2Tokenizer(tokens, merges);
    }

    private static Dictionary<byte[], long> CountPieces(IEnumerable<string> documents)
    {
        var counts = new Dictionary<byte[], long>(ByteSequenceComparer.Instance);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<byte>>();
        foreach (var document in documents)
        {
            if (string.IsNullOrEmpty(document))
            {
                continue;
            }

            var utf8 = Encoding.UTF8.GetBytes(document);
            for (var start = 0; start < utf8.Length;)
            {
                var end = Gpt2PreTokenizer.PieceEnd(utf8, start);
                var piece = utf8.AsSpan(start, end - start);
                lookup[piece] = lookup.TryGetValue(piece, out var count) ? count + 1 : 1;
                start = end;
            }
        }

        return counts;
    }

    private static void AddWord(Dictionary<long, List<int>> pairWords, long key, int word)
    {
        if (!pairWords.TryGetValue(key, out var list))
        {
            pairWords[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != word)
        {
            list.Add(word);
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private static int Left(long key) => (int)(key >> 32);

    private static int Right(long key) => (int)(uint)key;

    /// <summary>Most frequent first; ties by the left token's bytes, then the right token's, in ascending byte order.</summary>
    private sealed class PairOrder(List<byte[]> tokens) : IComparer<(long Count, int Left, int Right)>
    {
        public int Compare((long Count, int Left, int Right) x, (long Count, int Left, int Right) y)
        {
            if (x.Count != y.Count)
            {
                return y.Count.CompareTo(x.Count);
            }

            var byLeft = tokens[x.Left].AsSpan().SequenceCompareTo(tokens[y.Left]);
            return byLeft != 0 ? byLeft : tokens[x.Right].AsSpan().SequenceCompareTo(tokens[y.Right]);
        }
    }
}
