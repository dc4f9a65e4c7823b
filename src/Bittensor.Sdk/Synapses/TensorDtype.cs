namespace Bittensor.Sdk.Synapses;

/// <summary>The element types of the SDK tensor encoding (spec §2B): the <c>dtype</c> field and numpy's type string.</summary>
public enum TensorDtype
{
    Float16,
    Float32,
    Float64,
    UInt8,
    Int8,
    Int16,
    Int32,
    Int64,
    Bool,
}

/// <summary>Names and sizes of <see cref="TensorDtype"/>.</summary>
public static class TensorDtypes
{
    /// <summary>Bytes per element.</summary>
    public static int ItemSize(this TensorDtype dtype) => dtype switch
    {
        TensorDtype.Float16 or TensorDtype.Int16 => 2,
        TensorDtype.Float32 or TensorDtype.Int32 => 4,
        TensorDtype.Float64 or TensorDtype.Int64 => 8,
        _ => 1,
    };

    /// <summary>The <c>dtype</c> field as a torch-built sender writes it, e.g. <c>torch.float32</c>.</summary>
    public static string TorchName(this TensorDtype dtype) => "torch." + BareName(dtype);

    /// <summary>numpy's name, e.g. <c>float32</c> (what a sender without torch writes).</summary>
    public static string BareName(this TensorDtype dtype) => dtype switch
    {
        TensorDtype.Float16 => "float16",
        TensorDtype.Float32 => "float32",
        TensorDtype.Float64 => "float64",
        TensorDtype.UInt8 => "uint8",
        TensorDtype.Int8 => "int8",
        TensorDtype.Int16 => "int16",
        TensorDtype.Int32 => "int32",
        TensorDtype.Int64 => "int64",
        _ => "bool",
    };

    /// <summary>numpy's <c>dtype.str</c> inside the msgpack buffer, e.g. <c>&lt;f4</c>.</summary>
    public static string NumpyTypeString(this TensorDtype dtype) => dtype switch
    {
        TensorDtype.Float16 => "<f2",
        TensorDtype.Float32 => "<f4",
        TensorDtype.Float64 => "<f8",
        TensorDtype.UInt8 => "|u1",
        TensorDtype.Int8 => "|i1",
        TensorDtype.Int16 => "<i2",
        TensorDtype.Int32 => "<i4",
        TensorDtype.Int64 => "<i8",
        _ => "|b1",
    };

    /// <summary>Reads the <c>dtype</c> field: <c>torch.float32</c> or <c>float32</c>.</summary>
    public static bool TryParse(string? name, out TensorDtype dtype)
    {
        var bare = name is not null && name.StartsWith("torch.", StringComparison.Ordinal) ? name[6..] : name;
        foreach (var candidate in Enum.GetValues<TensorDtype>())
        {
            if (string.Equals(bare, BareName(candidate), StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    internal static bool TryParseNumpy(string typeString, out TensorDtype dtype)
    {
        foreach (var candidate in Enum.GetValues<TensorDtype>())
        {
            if (string.Equals(typeString, NumpyTypeString(candidate), StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }
}
