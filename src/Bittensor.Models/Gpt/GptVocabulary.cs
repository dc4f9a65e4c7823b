using System.Numerics.Tensors;

namespace Bittensor.Models.Gpt;

/// <summary>
/// An optional restriction of a GPT's output and embedding rows to a subset of the token ids (those a training corpus
/// uses), plus one last "other" row that stands for every id left out. The model's probability of the other row is
/// shared equally by the left-out ids, so the model still gives every one of the <see cref="FullSize"/> ids a
/// probability, the probabilities sum to 1, and losses are measured over the true ids: the negative log-likelihood of
/// a left-out id is that of the other row plus ln(<see cref="OtherCount"/>).
/// </summary>
/// <remarks>
/// For a small embedding size the LM head over GPT-2's 50257 ids costs several times the rest of the network; a corpus
/// of a few megabytes uses a fraction of them, so the restriction buys most of that time back.
/// </remarks>
public sealed class GptVocabulary : IEquatable<GptVocabulary>
{
    private readonly int[] _ids;
    private readonly int[] _rowOfId;

    /// <summary>A restriction to <paramref name="keptIds"/> (strictly increasing, each in [0, fullSize)).</summary>
    public GptVocabulary(int fullSize, IReadOnlyList<int> keptIds)
    {
        ArgumentNullException.ThrowIfNull(keptIds);
        if (fullSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(fullSize), fullSize, "A restricted vocabulary needs a full vocabulary of at least 2 ids.");
        }

        if (keptIds.Count >= fullSize)
        {
            throw new ArgumentException(
                $"A restricted vocabulary keeps {keptIds.Count} of {fullSize} ids; it must leave at least one out (without a restriction, use the full vocabulary).",
                nameof(keptIds));
        }

        _ids = new int[keptIds.Count];
        _rowOfId = new int[fullSize];
        Array.Fill(_rowOfId, keptIds.Count);
        for (var i = 0; i < keptIds.Count; i++)
        {
            var id = keptIds[i];
            if (id < 0 || id >= fullSize)
            {
                throw new ArgumentException($"A restricted vocabulary's id {id} (entry {i}) lies outside [0, {fullSize}).", nameof(keptIds));
            }

            if (i > 0 && id <= _ids[i - 1])
            {
                throw new ArgumentException($"A restricted vocabulary's ids must be strictly increasing; entry {i} ({id}) follows {_ids[i - 1]}.", nameof(keptIds));
            }

            _ids[i] = id;
            _rowOfId[id] = i;
        }

        FullSize = fullSize;
        OtherLogCount = Math.Log(OtherCount);
    }

    /// <summary>The number of true token ids (50257 for GPT-2's tokenizer).</summary>
    public int FullSize { get; }

    /// <summary>The kept ids, increasing; row <c>i</c> of the model stands for <c>KeptIds[i]</c>.</summary>
    public IReadOnlyList<int> KeptIds => _ids;

    /// <summary>The model's row count: the kept ids and the other row.</summary>
    public int Rows => _ids.Length + 1;

    /// <summary>The index of the other row (the last).</summary>
    public int OtherRow => _ids.Length;

    /// <summary>How many ids share the other row.</summary>
    public int OtherCount => FullSize - _ids.Length;

    /// <summary>ln(<see cref="OtherCount"/>): what a left-out id adds to the other row's negative log-likelihood.</summary>
    public double OtherLogCount { get; }

    /// <summary>The model row of a true token id (the other row for a left-out id).</summary>
    public int RowOf(int tokenId)
    {
        if ((uint)tokenId >= (uint)FullSize)
        {
            throw new ArgumentOutOfRangeException(nameof(tokenId), tokenId, $"Token ids lie in [0, {FullSize}).");
        }

        return _rowOfId[tokenId];
    }

    /// <summary>The true token id of a model row; null for the other row.</summary>
    public int? IdOfRow(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Model rows lie in [0, {Rows}).");
        }

        return row == OtherRow ? null : _ids[row];
    }

    /// <summary>
    /// The <paramref name="index"/>-th left-out id in increasing order (index in [0, <see cref="OtherCount"/>)): how a
    /// draw of the other row becomes a true id.
    /// </summary>
    public int OtherId(int index)
    {
        if ((uint)index >= (uint)OtherCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {OtherCount} left-out ids.");
        }

        // The answer is the smallest id with exactly index left-out ids below it: index plus the kept ids before it.
        var id = index;
        foreach (var kept in _ids)
        {
            if (kept > id)
            {
                break;
            }

            id++;
        }

        return id;
    }

    /// <summary>
    /// The negative log-likelihood in nats of true id <paramref name="tokenId"/> given the model's log-probability of
    /// its row: that of the row, plus ln(<see cref="OtherCount"/>) for a left-out id.
    /// </summary>
    public double NegativeLogLikelihood(double rowLogProbability, int tokenId) =>
        RowOf(tokenId) == OtherRow ? OtherLogCount - rowLogProbability : -rowLogProbability;

    /// <summary>
    /// The top-k true ids (ties to the lower id) and the mass outside them, from the model's probabilities over its
    /// <see cref="Rows"/> rows, without expanding to every id: the left-out ids all carry the other row's share.
    /// </summary>
    public NextTokenDistribution TopK(ReadOnlySpan<float> rowProbabilities, int k)
    {
        if (rowProbabilities.Length != Rows)
        {
            throw new ArgumentException($"Expected {Rows} row probabilities, got {rowProbabilities.Length}.", nameof(rowProbabilities));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        k = Math.Min(k, FullSize);

        // Kept ids in order (probability down, id up), then a merge with the left-out ids, which share one value and
        // come in increasing id order.
        var kept = LanguageModelExtensions.TopK(rowProbabilities[..OtherRow], Math.Min(k, _ids.Length));
        var share = (float)(rowProbabilities[OtherRow] / (double)OtherCount);
        var ids = new int[k];
        var values = new float[k];
        var nextKept = 0;
        var nextOther = 0;
        var otherId = OtherCount > 0 ? OtherId(0) : -1;
        double inside = 0;
        for (var n = 0; n < k; n++)
        {
            var takeKept = nextKept < kept.TokenIds.Length && (nextOther >= OtherCount ||
                kept.Probabilities[nextKept] > share ||
                (kept.Probabilities[nextKept] == share && _ids[kept.TokenIds[nextKept]] < otherId));
            if (takeKept)
            {
                ids[n] = _ids[kept.TokenIds[nextKept]];
                values[n] = kept.Probabilities[nextKept++];
            }
            else
            {
                ids[n] = otherId;
                values[n] = share;
                if (++nextOther < OtherCount)
                {
                    otherId = NextLeftOut(otherId);
                }
            }

            inside += values[n];
        }

        return new NextTokenDistribution(ids, values, (float)Math.Max(0, 1 - inside));
    }

    private int NextLeftOut(int id)
    {
        do
        {
            id++;
        }
        while (_rowOfId[id] != OtherRow);
        return id;
    }

    /// <summary>
    /// The ids a corpus uses, most frequent first, at most <paramref name="maxRows"/> − 1 of them (the last row is
    /// other) and only those seen at least <paramref name="minCount"/> times; ties go to the lower id. Deterministic.
    /// </summary>
    public static GptVocabulary FromCorpus(ReadOnlySpan<int> tokens, int fullSize, int maxRows = int.MaxValue, int minCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var counts = new long[fullSize];
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)fullSize)
            {
                throw new ArgumentException($"The corpus holds token id {token}, outside [0, {fullSize}).", nameof(tokens));
            }

            counts[token]++;
        }

        var seen = new List<int>();
        for (var id = 0; id < fullSize; id++)
        {
            if (counts[id] >= minCount)
            {
                seen.Add(id);
            }
        }

        var keep = Math.Min(Math.Min(seen.Count, maxRows - 1), fullSize - 1);
        if (keep < seen.Count)
        {
            seen.Sort((a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
            seen.RemoveRange(keep, seen.Count - keep);
            seen.Sort();
        }

        return new GptVocabulary(fullSize, seen);
    }

    /// <summary>
    /// Turns the model's probabilities over its <see cref="Rows"/> rows into probabilities over every true id
    /// (the other row's share spread equally over the left-out ids).
    /// </summary>
    public void ExpandProbabilities(ReadOnlySpan<float> rowProbabilities, Span<float> probabilities)
    {
        if (rowProbabilities.Length != Rows)
        {
            throw new ArgumentException($"Expected {Rows} row probabilities, got {rowProbabilities.Length}.", nameof(rowProbabilities));
        }

        if (probabilities.Length != FullSize)
        {
            throw new ArgumentException($"Expected room for {FullSize} probabilities, got {probabilities.Length}.", nameof(probabilities));
        }

        probabilities.Fill((float)(rowProbabilities[OtherRow] / (double)OtherCount));
        for (var i = 0; i < _ids.Length; i++)
        {
            probabilities[_ids[i]] = rowProbabilities[i];
        }
    }

    /// <summary>Softmax of one row of model logits, expanded to every true id.</summary>
    public void ProbabilitiesFromLogits(ReadOnlySpan<float> rowLogits, Span<float> probabilities)
    {
        var rows = System.Buffers.ArrayPool<float>.Shared.Rent(rowLogits.Length);
        try
        {
            var span = rows.AsSpan(0, rowLogits.Length);
            TensorPrimitives.SoftMax(rowLogits, span);
            ExpandProbabilities(span, probabilities);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(rows);
        }
    }

    public bool Equals(GptVocabulary? other) =>
        other is not null && (ReferenceEquals(this, other) || (FullSize == other.FullSize && _ids.AsSpan().SequenceEqual(other._ids)));

    public override bool Equals(object? obj) => Equals(obj as GptVocabulary);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(FullSize);
        foreach (var id in _ids)
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"{_ids.Length} of {FullSize} ids + other";
}
