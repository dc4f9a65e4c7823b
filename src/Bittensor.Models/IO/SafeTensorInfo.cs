namespace Bittensor.Models.IO;

/// <summary>
/// One tensor's header entry: its name, element type, shape and the byte range
/// [<see cref="Begin"/>, <see cref="End"/>) it occupies in the data section (offsets count from the end of the header).
/// </summary>
public sealed record SafeTensorInfo(string Name, SafeTensorsDType DType, long[] Shape, long Begin, long End)
{
    /// <summary>The number of elements: the product of the shape (1 for a scalar, whose shape is empty).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dimension in Shape)
            {
                count *= dimension;
            }

            return count;
        }
    }

    public long ByteLength => End - Begin;

    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
