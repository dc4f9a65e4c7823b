namespace Bittensor.Models.NGram;

public sealed partial class KneserNeyModel
{
    /// <summary>
    /// Counts the n-grams of one token stream (documents separated by <see cref="KneserNeyOptions.DocumentSeparator"/>)
    /// and builds the model. The same tokens and options always give the same model and the same saved bytes.
    /// </summary>
    public static KneserNeyModel Train(ReadOnlySpan<int> tokens, KneserNeyOptions? options = null)
    {
        options ??= KneserNeyOptions.Default;
        options.Validate();
        var builder = new StreamBuilder(tokens.Length + 1);
        builder.Add(tokens, -1, options);
        return Build(builder, options);
    }

    /// <summary>
    /// Trains on several token streams; each starts a new document (as if after a separator), and no n-gram spans two.
    /// </summary>
    public static KneserNeyModel Train(IEnumerable<int[]> streams, KneserNeyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        options ??= KneserNeyOptions.Default;
        options.Validate();
        var list = streams.ToList();
        long length = 0;
        foreach (var stream in list)
        {
            ArgumentNullException.ThrowIfNull(stream, nameof(streams));
            length += stream.Length + 1;
        }

        if (length > Array.MaxLength)
        {
            throw new ArgumentException($"The streams hold {length} tokens; at most {Array.MaxLength} can be trained on at once.", nameof(streams));
        }

        var builder = new StreamBuilder((int)length);
        for (var s = 0; s < list.Count; s++)
        {
            builder.Add(list[s], s, options);
        }

        return Build(builder, options);
    }

    /// <summary>
    /// Counting, level by level: the (k+1)-grams ending at each position are keyed by (entry of the k-gram before the
    /// position's token, token), sorted with their positions, and numbered in key order, which groups them by prefix.
    /// </summary>
    private static KneserNeyModel Build(StreamBuilder stream, KneserNeyOptions options)
    {
        var order = options.Order;
        var v = options.VocabularySize;
        var separator = options.DocumentSeparator;
        var sequence = stream.Tokens;
        var isTarget = stream.IsTarget;
        var length = stream.Length;

        var counts = new int[order + 1][];
        var words = new int[order + 1][];
        var childStart = new int[order + 1][];
        childStart[0] = [0, v];
        words[1] = [];

        var raw = new int[v];
        for (var i = 0; i < length; i++)
        {
            if (isTarget[i])
            {
                raw[sequence[i]]++;
            }
        }

        // node[i]: the level-k entry of the k-gram ending at position i, or −1 where no counted k-gram ends there.
        var node = new int[length];
        Array.Copy(sequence, node, length);
        var startsWithSeparator = Array.Empty<bool>();
        var keys = order > 1 ? new long[length] : [];
        var positions = order > 1 ? new int[length] : [];
        var next = order > 1 ? new int[length] : [];
        var keyBuffer = Array.Empty<long>();
        var positionBuffer = Array.Empty<int>();

        for (var k = 1; k < order; k++)
        {
            var n = 0;
            for (var i = 1; i < length; i++)
            {
                if (isTarget[i] && node[i - 1] >= 0 && (k == 1 || sequence[i - 1] != separator))
                {
                    keys[n] = ((long)node[i - 1] * v) + sequence[i];
                    positions[n] = i;
                    n++;
                }
            }

            RadixSort(keys, positions, n, (long)(k == 1 ? v : counts[k].Length) * v, ref keyBuffer, ref positionBuffer);

            var entries = 0;
            for (var j = 0; j < n; j++)
            {
                entries += j == 0 || keys[j] != keys[j - 1] ? 1 : 0;
            }

            var levelWords = new int[entries];
            var levelRaw = new int[entries];
            var levelStarts = new bool[entries];
            var continuation = new int[k == 1 ? v : counts[k].Length];
            var starts = new int[continuation.Length + 1];
            Array.Fill(next, -1, 0, length);
            var e = -1;
            for (var j = 0; j < n; j++)
            {
                var key = keys[j];
                if (j == 0 || key != keys[j - 1])
                {
                    e++;
                    var parent = (int)(key / v);
                    levelWords[e] = (int)(key % v);
                    levelStarts[e] = k == 1 ? parent == separator : startsWithSeparator[parent];
                    starts[parent + 1]++;

                    // The suffix (this n-gram without its first token) gains one distinct left neighbour.
                    continuation[node[positions[j]]]++;
                }

                levelRaw[e]++;
                next[positions[j]] = e;
            }

            for (var h = 0; h < continuation.Length; h++)
            {
                starts[h + 1] += starts[h];
            }

            // Level k below the top keeps continuation counts, except n-grams that start a document (raw counts).
            if (k == 1)
            {
                counts[1] = continuation;
            }
            else
            {
                var levelCounts = counts[k];
                for (var h = 0; h < levelCounts.Length; h++)
                {
                    if (!startsWithSeparator[h])
                    {
                        levelCounts[h] = continuation[h];
                    }
                }
            }

            childStart[k] = starts;
            words[k + 1] = levelWords;
            counts[k + 1] = levelRaw;
            startsWithSeparator = levelStarts;
            (node, next) = (next, node);
        }

        if (order == 1)
        {
            counts[1] = raw;
        }

        return new KneserNeyModel(order, v, separator, counts, words, childStart);
    }

    /// <summary>
    /// Sorts the first <paramref name="n"/> keys (all below <paramref name="limit"/>) with their positions: least
    /// significant digit first, 11 bits a pass, as many passes as the keys have bits. Stable, so deterministic.
    /// </summary>
    private static void RadixSort(long[] keys, int[] positions, int n, long limit, ref long[] keyBuffer, ref int[] positionBuffer)
    {
        const int Bits = 11;
        const int Buckets = 1 << Bits;
        if (keyBuffer.Length < n)
        {
            keyBuffer = new long[keys.Length];
            positionBuffer = new int[keys.Length];
        }

        var passes = (64 - long.LeadingZeroCount(Math.Max(1, limit - 1)) + Bits - 1) / Bits;
        var fromKeys = keys;
        var fromPositions = positions;
        var toKeys = keyBuffer;
        var toPositions = positionBuffer;
        var offsets = new int[Buckets];
        for (var pass = 0; pass < passes; pass++)
        {
            var shift = pass * Bits;
            Array.Clear(offsets);
            for (var i = 0; i < n; i++)
            {
                offsets[(int)(fromKeys[i] >> shift) & (Buckets - 1)]++;
            }

            var sum = 0;
            for (var b = 0; b < Buckets; b++)
            {
                (offsets[b], sum) = (sum, sum + offsets[b]);
            }

            for (var i = 0; i < n; i++)
            {
                var key = fromKeys[i];
                var at = offsets[(int)(key >> shift) & (Buckets - 1)]++;
                toKeys[at] = key;
                toPositions[at] = fromPositions[i];
            }

            (fromKeys, toKeys) = (toKeys, fromKeys);
            (fromPositions, toPositions) = (toPositions, fromPositions);
        }

        if (!ReferenceEquals(fromKeys, keys))
        {
            Array.Copy(fromKeys, keys, n);
            Array.Copy(fromPositions, positions, n);
        }
    }

    /// <summary>The training streams joined, each opened by a separator that is context only (never counted as a target).</summary>
    private sealed class StreamBuilder(int capacity)
    {
        public int[] Tokens { get; } = new int[capacity];

        public bool[] IsTarget { get; } = new bool[capacity];

        public int Length { get; private set; }

        public void Add(ReadOnlySpan<int> tokens, int stream, KneserNeyOptions options)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                if ((uint)tokens[i] >= (uint)options.VocabularySize)
                {
                    var where = stream < 0 ? $"position {i}" : $"position {i} of stream {stream}";
                    throw new ArgumentException(
                        $"Token {tokens[i]} at {where} is outside the vocabulary [0, {options.VocabularySize}); "
                        + "train with a VocabularySize that covers every id.",
                        nameof(tokens));
                }
            }

            if (tokens.IsEmpty)
            {
                return;
            }

            // A stream that opens with the separator uses it as its start; otherwise one is implied.
            var first = 0;
            Tokens[Length] = options.DocumentSeparator;
            IsTarget[Length] = false;
            Length++;
            if (tokens[0] == options.DocumentSeparator)
            {
                first = 1;
            }

            for (var i = first; i < tokens.Length; i++)
            {
                Tokens[Length] = tokens[i];
                IsTarget[Length] = true;
                Length++;
            }
        }
    }
}
