using Bittensor.Models;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>Reading requests and writing responses in the synapses' tensor layout, shared by every backend.</summary>
public static class MinerAnswers
{
    /// <summary>The request's token ids as one int array per batch item.</summary>
    /// <exception cref="SynapseException">The tensor is missing or malformed.</exception>
    public static int[][] Rows(SynapseTensor? tokenIds)
    {
        if (tokenIds is not { Shape.Length: 2 })
        {
            throw new SynapseException("token_ids is missing or not [batch, sequence]");
        }

        var values = tokenIds.ToInt64();
        var batch = (int)tokenIds.Shape[0];
        var sequence = (int)tokenIds.Shape[1];
        var rows = new int[batch][];
        for (var b = 0; b < batch; b++)
        {
            rows[b] = new int[sequence];
            for (var i = 0; i < sequence; i++)
            {
                rows[b][i] = checked((int)values[(b * sequence) + i]);
            }
        }

        return rows;
    }

    /// <summary>
    /// The per-token floor the synapse carries: the mass outside the top k spread evenly over the
    /// <paramref name="vocabularySize"/> − k other ids (spec §2A), 0 when no id is left.
    /// </summary>
    public static float Floor(NextTokenDistribution distribution, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var others = vocabularySize - distribution.TokenIds.Length;
        return others > 0 ? distribution.Remainder / others : 0f;
    }

    /// <summary>
    /// Writes <paramref name="rows"/> (one distribution per leading index, in order) into <paramref name="synapse"/>'s
    /// response tensors of shape [<paramref name="prefix"/>…, k], k being the smallest row's size; the mass a longer
    /// row loses to the cut moves to its floor.
    /// </summary>
    public static void Fill(TopKSynapse synapse, IReadOnlyList<NextTokenDistribution> rows, long[] prefix, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(synapse);
        ArgumentNullException.ThrowIfNull(rows);
        var k = rows.Count == 0 ? 1 : rows.Min(r => r.TokenIds.Length);
        if (k < 1)
        {
            throw new InvalidOperationException("A model returned no candidate token.");
        }

        var ids = new long[rows.Count * k];
        var probabilities = new float[rows.Count * k];
        var floors = new float[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = Cut(rows[r], k);
            for (var j = 0; j < k; j++)
            {
                ids[(r * k) + j] = row.TokenIds[j];
                probabilities[(r * k) + j] = row.Probabilities[j];
            }

            floors[r] = Floor(row, vocabularySize);
        }

        synapse.TopkTokenIds = SynapseTensor.FromInt64(ids, [.. prefix, k]);
        synapse.TopkProbabilities = SynapseTensor.FromFloat32(probabilities, [.. prefix, k]);
        synapse.FloorProbabilities = SynapseTensor.FromFloat32(floors, prefix);
    }

    /// <summary>The first <paramref name="k"/> entries of a distribution, the rest of its mass added to the remainder.</summary>
    public static NextTokenDistribution Cut(NextTokenDistribution distribution, int k)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (distribution.TokenIds.Length <= k)
        {
            return distribution;
        }

        var dropped = 0f;
        for (var j = k; j < distribution.Probabilities.Length; j++)
        {
            dropped += distribution.Probabilities[j];
        }

        return new NextTokenDistribution(distribution.TokenIds[..k], distribution.Probabilities[..k], Math.Min(1f, distribution.Remainder + dropped));
    }

    /// <summary>The [batch] prefix of a <see cref="TextCausalLMNext"/> response.</summary>
    public static long[] NextPrefix(int[][] rows) => [rows.Length];

    /// <summary>The [batch, sequence] prefix of a <see cref="TextCausalLM"/> response.</summary>
    public static long[] PositionPrefix(int[][] rows) => [rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
}
