using System.Buffers;

namespace Bittensor.Models.Kernels;

/// <summary>
/// A dense row-major float32 tensor over a buffer rented from the shared array pool. Dispose it to give the buffer
/// back; the contents of a new tensor are zero.
/// </summary>
public sealed class Tensor : IDisposable
{
    private readonly int[] _shape;
    private float[]? _buffer;

    private Tensor(int[] shape, int length)
    {
        _shape = shape;
        Length = length;
        _buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, length));
        Array.Clear(_buffer, 0, length);
    }

    /// <summary>A tensor of the given shape filled with zeros.</summary>
    public static Tensor Zeros(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Tensor: dimension {dimension} in shape [{string.Join(", ", shape)}] is negative.", nameof(shape));
            }

            length *= dimension;
            if (length > Array.MaxLength)
            {
                throw new ArgumentException($"Tensor: shape [{string.Join(", ", shape)}] holds more than {Array.MaxLength} elements.", nameof(shape));
            }
        }

        return new Tensor((int[])shape.Clone(), (int)length);
    }

    public ReadOnlySpan<int> Shape => _shape;

    public int Rank => _shape.Length;

    /// <summary>The number of elements (the product of the shape).</summary>
    public int Length { get; }

    /// <summary>The elements, row-major.</summary>
    public Span<float> Span => Buffer.AsSpan(0, Length);

    /// <summary>The rented array; it may be longer than <see cref="Length"/>.</summary>
    public float[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Tensor));

    public int Dimension(int axis) => _shape[axis];

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public override string ToString() => $"Tensor[{string.Join("×", _shape)}]";
}
