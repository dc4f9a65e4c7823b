using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Bittensor.Models.IO;

/// <summary>
/// A safetensors file opened for reading. The file is memory-mapped, so opening reads only the header and each tensor
/// is read (and converted to float32 from F32, F16, BF16 or F64) when asked for. Opening validates the whole header:
/// its length is bounded and inside the file, it is UTF-8 JSON, every entry has a known dtype, a shape of
/// non-negative sizes and a byte range that matches dtype × shape, lies inside the data section and overlaps no other.
/// Errors name the file, the tensor and the rule broken. Dispose to unmap.
/// </summary>
public sealed unsafe class SafeTensorsFile : IDisposable
{
    /// <summary>The header key of the free-form string map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header accepted (100 MB, as the reference implementation).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, SafeTensorInfo> _byName;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _data;

    private SafeTensorsFile(
        string path,
        MemoryMappedFile map,
        MemoryMappedViewAccessor view,
        byte* data,
        long headerLength,
        long dataLength,
        List<SafeTensorInfo> tensors,
        Dictionary<string, string> metadata)
    {
        Path = path;
        _map = map;
        _view = view;
        _data = data;
        HeaderLength = headerLength;
        DataLength = dataLength;
        tensors.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        Tensors = tensors;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Metadata = new SortedDictionary<string, string>(metadata, StringComparer.Ordinal);
    }

    public string Path { get; }

    /// <summary>The length of the JSON header in bytes (after the 8-byte length prefix).</summary>
    public long HeaderLength { get; }

    /// <summary>The length of the data section in bytes.</summary>
    public long DataLength { get; }

    /// <summary>Every tensor in ordinal name order.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> map (empty when the header has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public bool TryGetInfo(string name, out SafeTensorInfo info) => _byName.TryGetValue(name, out info!);

    public SafeTensorInfo this[string name] =>
        _byName.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException($"{Path}: there is no tensor named '{name}'.");

    /// <summary>Opens and validates <paramref name="path"/>.</summary>
    public static SafeTensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"The safetensors file {path} does not exist.", path);
        }

        var length = file.Length;
        if (length < 8)
        {
            throw new SafeTensorsFormatException(
                $"{path}: the file is {length} bytes long, shorter than the 8-byte header length; it is not a safetensors file (or was truncated).");
        }

        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            pointer += view.PointerOffset;
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(pointer, 8));
            if (headerLength > MaxHeaderLength)
            {
                throw new SafeTensorsFormatException(
                    $"{path}: the header length prefix says {headerLength} bytes, more than the {MaxHeaderLength} allowed; the file is corrupt or not a safetensors file.");
            }

            if ((long)headerLength > length - 8)
            {
                throw new SafeTensorsFormatException(
                    $"{path}: the header length prefix says {headerLength} bytes but only {length - 8} follow it; the file is truncated or not a safetensors file.");
            }

            var header = new ReadOnlySpan<byte>(pointer + 8, (int)headerLength);
            var dataLength = length - 8 - (long)headerLength;
            var (tensors, metadata) = ParseHeader(header, dataLength, path);
            var result = new SafeTensorsFile(path, map, view, pointer + 8 + (long)headerLength, (long)headerLength, dataLength, tensors, metadata);
            acquired = false;
            return result;
        }
        catch
        {
            if (acquired)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    /// <summary>Reads a tensor as float32 into a new array.</summary>
    public float[] ReadSingles(string name)
    {
        var info = this[name];
        if (info.ElementCount > Array.MaxLength)
        {
            throw new NotSupportedException($"{Path}: tensor '{name}' has {info.ElementCount} elements, more than one array holds.");
        }

        var values = new float[info.ElementCount];
        ReadSingles(name, values);
        return values;
    }

    /// <summary>
    /// Reads a tensor as float32 into <paramref name="destination"/>, whose length must be the tensor's element count.
    /// </summary>
    public void ReadSingles(string name, Span<float> destination)
    {
        var info = this[name];
        if (!info.DType.IsReadableAsSingle())
        {
            throw new SafeTensorsFormatException(
                $"{Path}: tensor '{name}' has dtype {info.DType}; only F32, F16, BF16 and F64 tensors can be read as float32.");
        }

        if (destination.Length != info.ElementCount)
        {
            throw new ArgumentException(
                $"{Path}: tensor '{name}' {info.ShapeText} has {info.ElementCount} elements but the destination holds {destination.Length}.");
        }

        var source = Data();
        var size = info.DType.Size();
        const int Chunk = 1 << 24;
        for (var start = 0; start < destination.Length; start += Chunk)
        {
            var n = Math.Min(Chunk, destination.Length - start);
            var bytes = new ReadOnlySpan<byte>(source + info.Begin + ((long)start * size), n * size);
            Convert(info.DType, bytes, destination.Slice(start, n));
        }
    }

    /// <summary>The raw little-endian bytes of a tensor under 2 GiB; valid until the file is disposed.</summary>
    public ReadOnlySpan<byte> RawBytes(string name)
    {
        var info = this[name];
        if (info.ByteLength > int.MaxValue)
        {
            throw new NotSupportedException($"{Path}: tensor '{name}' is {info.ByteLength} bytes, too large for one span.");
        }

        return new ReadOnlySpan<byte>(Data() + info.Begin, (int)info.ByteLength);
    }

    public void Dispose()
    {
        if (_data is null)
        {
            return;
        }

        _data = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private byte* Data() => _data is null ? throw new ObjectDisposedException(nameof(SafeTensorsFile), $"{Path} was closed.") : _data;

    private static void Convert(SafeTensorsDType dtype, ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        switch (dtype)
        {
            case SafeTensorsDType.F32 when BitConverter.IsLittleEndian:
                bytes.CopyTo(MemoryMarshal.AsBytes(destination));
                break;
            case SafeTensorsDType.F32:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                }

                break;
            case SafeTensorsDType.F16:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]));
                }

                break;
            case SafeTensorsDType.BF16:
                for (var i = 0; i < destination.Length; i++)
                {
                    // bfloat16 is the upper half of a float32.
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]) << 16);
                }

                break;
            case SafeTensorsDType.F64:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
                }

                break;
            default:
                throw new InvalidOperationException($"dtype {dtype} is not convertible to float32.");
        }
    }

    /// <summary>Parses and validates a header against a data section of <paramref name="dataLength"/> bytes.</summary>
    internal static (List<SafeTensorInfo> Tensors, Dictionary<string, string> Metadata) ParseHeader(
        ReadOnlySpan<byte> header,
        long dataLength,
        string source)
    {
        try
        {
            StrictUtf8.GetCharCount(header);
        }
        catch (DecoderFallbackException error)
        {
            throw new SafeTensorsFormatException($"{source}: the header is not valid UTF-8 (at byte {error.Index}); the file is corrupt or not a safetensors file.", error);
        }

        JsonDocument document;
        try
        {
            // The header is one JSON object, possibly followed by space padding.
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
            if (header[(int)reader.BytesConsumed..].TrimEnd((byte)' ').Length != 0)
            {
                throw new SafeTensorsFormatException($"{source}: the header has bytes other than space padding after its JSON object.");
            }
        }
        catch (JsonException error)
        {
            throw new SafeTensorsFormatException($"{source}: the header is not valid JSON ({error.Message}); the file is corrupt or not a safetensors file.", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException($"{source}: the header is a JSON {root.ValueKind}, not an object of tensors.");
            }

            var tensors = new List<SafeTensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name;
                if (!seen.Add(name))
                {
                    throw new SafeTensorsFormatException($"{source}: the header names '{name}' twice.");
                }

                if (name == MetadataKey)
                {
                    ParseMetadata(property.Value, metadata, source);
                    continue;
                }

                tensors.Add(ParseTensor(name, property.Value, dataLength, source));
            }

            CheckOverlaps(tensors, source);
            return (tensors, metadata);
        }
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException($"{source}: '{MetadataKey}' is a JSON {value.ValueKind}; it must be an object of strings.");
        }

        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException($"{source}: metadata '{entry.Name}' is a JSON {entry.Value.ValueKind}; metadata values must be strings.");
            }

            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw new SafeTensorsFormatException($"{source}: metadata '{entry.Name}' appears twice.");
            }
        }
    }

    private static SafeTensorInfo ParseTensor(string name, JsonElement value, long dataLength, string source)
    {
        string Where() => $"{source}: tensor '{name}'";
        if (name.Length == 0)
        {
            throw new SafeTensorsFormatException($"{source}: a tensor has an empty name.");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException($"{Where()}: its entry is a JSON {value.ValueKind}, not an object with dtype, shape and data_offsets.");
        }

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new SafeTensorsFormatException($"{Where()}: 'dtype' is missing or not a string.");
        }

        var dtypeText = dtypeElement.GetString()!;
        if (!SafeTensorsDTypes.TryParse(dtypeText, out var dtype))
        {
            throw new SafeTensorsFormatException(
                $"{Where()}: unknown dtype '{dtypeText}'; known: {string.Join(", ", Enum.GetNames<SafeTensorsDType>())}.");
        }

        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw new SafeTensorsFormatException($"{Where()}: 'shape' is missing or not an array.");
        }

        var shape = new long[shapeElement.GetArrayLength()];
        var elements = 1L;
        var overflow = false;
        var axis = 0;
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out var size) || size < 0)
            {
                throw new SafeTensorsFormatException($"{Where()}: shape entry {axis} ({dimension.GetRawText()}) is not a non-negative integer.");
            }

            shape[axis++] = size;
            overflow |= size != 0 && elements > long.MaxValue / size;
            elements = overflow ? 0 : elements * size;
        }

        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new SafeTensorsFormatException($"{Where()}: 'data_offsets' is missing or not an array of two integers [begin, end).");
        }

        if (!offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end) || begin < 0 || end < begin)
        {
            throw new SafeTensorsFormatException(
                $"{Where()}: data_offsets [{offsets[0].GetRawText()}, {offsets[1].GetRawText()}] are not integers with 0 ≤ begin ≤ end.");
        }

        var shapeText = $"[{string.Join(", ", shape)}]";
        if (overflow || elements > long.MaxValue / dtype.Size() || elements * dtype.Size() != end - begin)
        {
            throw new SafeTensorsFormatException(
                $"{Where()}: {dtype} {shapeText} needs {(overflow ? "more than 2^63" : (elements * dtype.Size()).ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes but data_offsets [{begin}, {end}) span {end - begin}.");
        }

        if (end > dataLength)
        {
            throw new SafeTensorsFormatException(
                $"{Where()}: data_offsets [{begin}, {end}) reach past the data section's {dataLength} bytes; the file is truncated or corrupt.");
        }

        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    private static void CheckOverlaps(List<SafeTensorInfo> tensors, string source)
    {
        var ranges = tensors.Where(t => t.End > t.Begin).OrderBy(t => t.Begin).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Begin < ranges[i - 1].End)
            {
                throw new SafeTensorsFormatException(
                    $"{source}: tensor '{ranges[i].Name}' [{ranges[i].Begin}, {ranges[i].End}) overlaps tensor '{ranges[i - 1].Name}' [{ranges[i - 1].Begin}, {ranges[i - 1].End}).");
            }
        }
    }
}
