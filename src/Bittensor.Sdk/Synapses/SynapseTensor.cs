using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// A tensor in the SDK encoding of spec §2B: <c>{"buffer": base64(msgpack_numpy map), "dtype": "torch.float32",
/// "shape": [dims]}</c>. The buffer repeats the type and shape; <see cref="Validate"/> holds the three together and to
/// what a synapse field expects, so a tensor is checked the same way on both ends.
/// </summary>
public sealed class SynapseTensor
{
    private ReadOnlyMemory<byte>? _data;

    /// <summary>Standard base64 of the msgpack_numpy bytes.</summary>
    public string Buffer { get; set; } = string.Empty;

    /// <summary><c>torch.&lt;name&gt;</c> or the bare numpy name.</summary>
    public string Dtype { get; set; } = string.Empty;

    /// <summary>Dimensions; <c>[0]</c> for a scalar, as upstream writes it.</summary>
    public long[] Shape { get; set; } = [];

    [JsonIgnore]
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    public static SynapseTensor FromInt64(ReadOnlySpan<long> values, params long[] shape) =>
        Create(TensorDtype.Int64, MemoryMarshal.AsBytes(values), shape);

    public static SynapseTensor FromFloat32(ReadOnlySpan<float> values, params long[] shape) =>
        Create(TensorDtype.Float32, MemoryMarshal.AsBytes(values), shape);

    /// <summary>A tensor of <paramref name="dtype"/> whose little-endian C-order bytes are <paramref name="data"/>.</summary>
    /// <exception cref="SynapseException">The byte count is not shape × item size.</exception>
    public static SynapseTensor Create(TensorDtype dtype, ReadOnlySpan<byte> data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var elements = shape.Aggregate(1L, (a, d) => d < 0 ? throw new SynapseException("a tensor dimension is negative") : a * d);
        if (elements * dtype.ItemSize() != data.Length)
        {
            throw new SynapseException($"{data.Length} bytes do not make a {dtype.BareName()} tensor of shape [{string.Join(", ", shape)}]");
        }

        var bytes = NumpyMsgPack.Write(dtype, shape, data);
        return new SynapseTensor { Buffer = Convert.ToBase64String(bytes), Dtype = dtype.TorchName(), Shape = (long[])shape.Clone() };
    }

    /// <summary>
    /// Checks the tensor and remembers its data: a known dtype equal to <paramref name="expected"/>, the buffer's type and
    /// shape equal to the fields, <paramref name="rank"/> dimensions (any when negative), at most
    /// <paramref name="maxElements"/> elements and exactly shape × item size bytes.
    /// </summary>
    /// <exception cref="SynapseException">The first rule broken, naming <paramref name="field"/>.</exception>
    public void Validate(string field, TensorDtype expected, int rank, long maxElements)
    {
        if (!TensorDtypes.TryParse(Dtype, out var dtype))
        {
            throw new SynapseException($"{field}: unknown dtype '{Dtype}' (expected {expected.TorchName()})");
        }

        if (dtype != expected)
        {
            throw new SynapseException($"{field}: dtype {Dtype}, expected {expected.TorchName()}");
        }

        if (Shape is null || (rank >= 0 && Shape.Length != rank))
        {
            throw new SynapseException($"{field}: shape has {Shape?.Length ?? 0} dimensions, expected {rank}");
        }

        long elements = 1;
        foreach (var d in Shape)
        {
            if (d < 0 || (d > 0 && elements > maxElements / d))
            {
                throw new SynapseException($"{field}: shape [{string.Join(", ", Shape)}] is negative or exceeds {maxElements} elements");
            }

            elements *= d;
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(Buffer ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw new SynapseException($"{field}: buffer is not standard base64", e);
        }

        (string type, long[] shape, ReadOnlyMemory<byte> data) decoded;
        try
        {
            decoded = NumpyMsgPack.Read(raw);
        }
        catch (SynapseException e)
        {
            throw new SynapseException($"{field}: {e.Message}", e);
        }

        if (!TensorDtypes.TryParseNumpy(decoded.type, out var inner) || inner != dtype)
        {
            throw new SynapseException($"{field}: buffer holds numpy type '{decoded.type}' but dtype says {Dtype}");
        }

        if (!decoded.shape.AsSpan().SequenceEqual(Shape))
        {
            throw new SynapseException($"{field}: buffer shape [{string.Join(", ", decoded.shape)}] differs from shape [{string.Join(", ", Shape)}]");
        }

        if (decoded.data.Length != elements * dtype.ItemSize())
        {
            throw new SynapseException($"{field}: buffer holds {decoded.data.Length} data bytes, shape × item size is {elements * dtype.ItemSize()}");
        }

        _data = decoded.data;
    }

    /// <summary>The elements of an int64 tensor (call <see cref="Validate"/> first, or this validates with no rank check).</summary>
    public long[] ToInt64() => MemoryMarshal.Cast<byte, long>(DataFor(TensorDtype.Int64)).ToArray();

    /// <summary>The elements of a float32 tensor.</summary>
    public float[] ToFloat32() => MemoryMarshal.Cast<byte, float>(DataFor(TensorDtype.Float32)).ToArray();

    /// <summary>Python's <c>str()</c> of the tensor's <c>model_dump()</c>, for body hashes.</summary>
    internal string PythonRepr() =>
        $"{{'buffer': '{Buffer}', 'dtype': '{Dtype}', 'shape': [{string.Join(", ", Shape)}]}}";

    private ReadOnlySpan<byte> DataFor(TensorDtype dtype)
    {
        if (_data is null || !TensorDtypes.TryParse(Dtype, out var held) || held != dtype)
        {
            Validate("tensor", dtype, -1, long.MaxValue);
        }

        return _data!.Value.Span;
    }
}
