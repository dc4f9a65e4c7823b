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
        var rows = new float[rowLogits.Length];
        TensorPrimitives.SoftMax(rowLogits, rows);
        ExpandProbabilities(rows, probabilities);
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
