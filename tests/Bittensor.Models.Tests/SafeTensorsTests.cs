using System.Buffers.Binary;
using System.Text;
using Bittensor.Models.IO;

namespace Bittensor.Models.Tests;

public sealed class SafeTensorsTests
{
    /// <summary>A file from a header string and data bytes, the length prefix computed unless given.</summary>
    private static string Raw(TempFolder folder, byte[] header, byte[] data, ulong? length = null)
    {
        var path = folder.File(Guid.NewGuid().ToString("N") + ".safetensors");
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Raw(TempFolder folder, string header, byte[] data, ulong? length = null) =>
        Raw(folder, Encoding.UTF8.GetBytes(header), data, length);

    private static string OpenError(string path) =>
        Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path).Dispose()).Message;

    [Fact(Timeout = 10_000)]
    public async Task Writes_sorted_aligned_deterministic_files_that_read_back()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var tensors = new Dictionary<string, SafeTensorData>
        {
            ["zeta"] = new([2, 3], new float[] { 1, -2, 3.5f, float.MaxValue, float.Epsilon, -0f }),
            ["alpha"] = SafeTensorData.Vector(new float[] { 0.25f }),
            ["scalar"] = new([], new float[] { 7 }),
            ["empty"] = new([0, 4], Array.Empty<float>()),
        };
        var metadata = new Dictionary<string, string> { ["b"] = "two", ["a"] = "one ✓" };
        var first = folder.File("one.safetensors");
        var second = folder.File("two.safetensors");
        SafeTensorsWriter.WriteFile(first, tensors, metadata);
        SafeTensorsWriter.WriteFile(second, tensors.Reverse().ToDictionary(), metadata.Reverse().ToDictionary());
        var bytes = File.ReadAllBytes(first);
        Assert.Equal(bytes, File.ReadAllBytes(second));

        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{\"a\":", header, StringComparison.Ordinal);
        Assert.True(header.IndexOf("\"alpha\"", StringComparison.Ordinal) < header.IndexOf("\"empty\"", StringComparison.Ordinal));
        Assert.True(header.IndexOf("\"scalar\"", StringComparison.Ordinal) < header.IndexOf("\"zeta\"", StringComparison.Ordinal));
        Assert.Equal(8 + headerLength + (4 * (6 + 1 + 1)), bytes.Length);

        using var file = SafeTensorsFile.Open(first);
        Assert.Equal(["alpha", "empty", "scalar", "zeta"], file.Tensors.Select(t => t.Name));
        Assert.Equal("one ✓", file.Metadata["a"]);
        Assert.Equal(new long[] { 2, 3 }, file["zeta"].Shape);
        Assert.Equal(SafeTensorsDType.F32, file["zeta"].DType);
        Assert.Equal(tensors["zeta"].Data.ToArray(), file.ReadSingles("zeta"));
        Assert.Equal([7f], file.ReadSingles("scalar"));
        Assert.Empty(file.ReadSingles("empty"));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(file.ReadSingles("zeta")[5]));
    }

    [Fact(Timeout = 10_000)]
    public async Task Decodes_hand_built_f16_and_bf16_tensors()
    {
        await Task.Yield();
        using var folder = new TempFolder();

        // F16: 1, -2, 65504 (largest), 2^-24 (smallest subnormal), 1/3 rounded (0x3555), +∞.
        ushort[] half = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0x7C00];
        float[] halfExpected = [1f, -2f, 65504f, 5.9604645e-8f, 0.33325195f, float.PositiveInfinity];

        // BF16: 1, -3, 3.140625 (0x4049), 2^-126·… (0x0080 is the smallest normal), −0.
        ushort[] brain = [0x3F80, 0xC040, 0x4049, 0x0080, 0x8000];
        float[] brainExpected = [1f, -3f, 3.140625f, 1.1754944e-38f, -0f];

        var data = new byte[(half.Length + brain.Length) * 2];
        for (var i = 0; i < half.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), half[i]);
        }

        for (var i = 0; i < brain.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((half.Length + i) * 2), brain[i]);
        }

        var path = Raw(folder, "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},\"b\":{\"dtype\":\"BF16\",\"shape\":[5],\"data_offsets\":[12,22]}}", data);
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(halfExpected, file.ReadSingles("h"));
        var b = file.ReadSingles("b");
        Assert.Equal(brainExpected, b);
        Assert.True(float.IsNegative(b[4]));
        Assert.Empty(file.Metadata);
    }

    [Fact(Timeout = 10_000)]
    public async Task Refuses_corrupt_files_with_errors_that_name_the_problem()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var eight = new byte[8];

        var tiny = folder.File("tiny.safetensors");
        File.WriteAllBytes(tiny, [1, 2, 3]);
        Assert.Contains("shorter than the 8-byte header length", OpenError(tiny), StringComparison.Ordinal);

        Assert.Contains("more than the 100000000 allowed", OpenError(Raw(folder, "{}", eight, length: 1UL << 40)), StringComparison.Ordinal);
        Assert.Contains("only 10 follow it", OpenError(Raw(folder, "{}", eight, length: 11)), StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", OpenError(Raw(folder, [(byte)'{', 0xC3, 0x28, (byte)'}'], eight)), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", OpenError(Raw(folder, "{\"a\":", eight)), StringComparison.Ordinal);
        Assert.Contains("not an object of tensors", OpenError(Raw(folder, "[1,2]", eight)), StringComparison.Ordinal);
        Assert.Contains("other than space padding", OpenError(Raw(folder, "{}  x", eight)), StringComparison.Ordinal);

        const string Good = "\"dtype\":\"F32\",\"shape\":[2]";
        var past = OpenError(Raw(folder, $"{{\"w\":{{{Good},\"data_offsets\":[4,12]}}}}", eight));
        Assert.Contains("tensor 'w'", past, StringComparison.Ordinal);
        Assert.Contains("reach past the data section's 8 bytes", past, StringComparison.Ordinal);

        var size = OpenError(Raw(folder, "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight));
        Assert.Contains("tensor 'w': F32 [3] needs 12 bytes but data_offsets [0, 8) span 8", size, StringComparison.Ordinal);

        var overlap = OpenError(Raw(folder, $"{{\"a\":{{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}},\"b\":{{{Good},\"data_offsets\":[2,10]}}}}", new byte[12]));
        Assert.Contains("tensor 'b' [2, 10) overlaps tensor 'a' [0, 4)", overlap, StringComparison.Ordinal);

        Assert.Contains("tensor 'w': unknown dtype 'F12'", OpenError(Raw(folder, "{\"w\":{\"dtype\":\"F12\",\"shape\":[2],\"data_offsets\":[0,8]}}", eight)), StringComparison.Ordinal);
        Assert.Contains("names 'w' twice", OpenError(Raw(folder, $"{{\"w\":{{{Good},\"data_offsets\":[0,8]}},\"w\":{{{Good},\"data_offsets\":[0,8]}}}}", eight)), StringComparison.Ordinal);
        Assert.Contains("metadata 'step' is a JSON Number", OpenError(Raw(folder, "{\"__metadata__\":{\"step\":3}}", eight)), StringComparison.Ordinal);
        Assert.Contains("shape entry 0 (-2)", OpenError(Raw(folder, "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", eight)), StringComparison.Ordinal);
        Assert.Contains("'data_offsets' is missing", OpenError(Raw(folder, $"{{\"w\":{{{Good}}}}}", eight)), StringComparison.Ordinal);
        Assert.Contains("0 ≤ begin ≤ end", OpenError(Raw(folder, $"{{\"w\":{{{Good},\"data_offsets\":[8,0]}}}}", eight)), StringComparison.Ordinal);

        // A valid file truncated: the last tensor now reaches past the end.
        var whole = folder.File("whole.safetensors");
        SafeTensorsWriter.WriteFile(whole, new Dictionary<string, SafeTensorData> { ["x"] = SafeTensorData.Vector(new float[] { 1, 2, 3, 4 }) });
        var bytes = File.ReadAllBytes(whole);
        var cut = folder.File("cut.safetensors");
        File.WriteAllBytes(cut, bytes[..^3]);
        Assert.Contains("tensor 'x': data_offsets [0, 16) reach past the data section's 13 bytes", OpenError(cut), StringComparison.Ordinal);

        // Integers cannot be read as floats; the error names the tensor and dtype.
        using var ints = SafeTensorsFile.Open(Raw(folder, "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", eight));
        var dtype = Assert.Throws<SafeTensorsFormatException>(() => ints.ReadSingles("ids"));
        Assert.Contains("tensor 'ids' has dtype I64", dtype.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => ints.ReadSingles("nope"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Writer_refuses_shapes_that_do_not_match_the_data()
    {
        await Task.Yield();
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(
            stream,
            new Dictionary<string, SafeTensorData> { ["w"] = new([2, 2], new float[3]) }));
        Assert.Contains("tensor 'w' has shape [2, 2] (4 elements) but 3 values", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(
            stream,
            new Dictionary<string, SafeTensorData> { [SafeTensorsFile.MetadataKey] = SafeTensorData.Vector(new float[1]) }));
    }
}
