namespace Bittensor.Models.IO;

/// <summary>A float32 tensor to write: its shape and its elements, row-major (the product of the shape many).</summary>
public readonly record struct SafeTensorData(int[] Shape, ReadOnlyMemory<float> Data)
{
    /// <summary>A one-dimensional tensor over <paramref name="data"/>.</summary>
    public static SafeTensorData Vector(ReadOnlyMemory<float> data) => new([data.Length], data);
}
