namespace Bittensor.Neurons.Dataset;

/// <summary>A batch of token windows: <see cref="Rows"/>[b] has the requested length; <see cref="Domains"/>[b] names its source.</summary>
public sealed record TokenBatch(int[][] Rows, string[] Domains)
{
    public int Count => Rows.Length;
}
