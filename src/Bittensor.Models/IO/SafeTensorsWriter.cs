using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Bittensor.Models.IO;

/// <summary>
/// Writes float32 tensors in the safetensors format: an 8-byte little-endian header length, a UTF-8 JSON header
/// (<c>__metadata__</c> first, then the tensors in ordinal name order, each with <c>dtype</c>, <c>shape</c> and
/// <c>data_offsets</c>) padded with spaces so the data section starts on an 8-byte boundary, then the tensors' bytes
/// in the same order with no gaps. The same input always gives the same bytes.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>
    /// Writes to <paramref name="path"/> through a temporary file in the same folder that replaces the target only once
    /// complete, so an interrupted save leaves any earlier file intact.
    /// </summary>
    public static void WriteFile(
        string path,
        IReadOnlyDictionary<string, SafeTensorData> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Write(stream, tensors, metadata);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes the whole file to <paramref name="stream"/>.</summary>
    public static void Write(
        Stream stream,
        IReadOnlyDictionary<string, SafeTensorData> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        foreach (var name in names)
        {
            Check(name, tensors[name]);
        }

        var header = Header(names, tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var name in names)
        {
            WriteSingles(stream, tensors[name].Data.Span);
        }
    }

    private static void Check(string name, SafeTensorData tensor)
    {
        if (name.Length == 0)
        {
            throw new ArgumentException("safetensors: a tensor name is empty; give every tensor a non-empty name.");
        }

        if (name == SafeTensorsFile.MetadataKey)
        {
            throw new ArgumentException($"safetensors: '{SafeTensorsFile.MetadataKey}' is reserved for the metadata map and cannot name a tensor.");
        }

        if (tensor.Shape is null)
        {
            throw new ArgumentException($"safetensors: tensor '{name}' has no shape; pass an empty shape for a scalar.");
        }

        long count = 1;
        foreach (var dimension in tensor.Shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"safetensors: tensor '{name}' has a negative dimension in shape [{string.Join(", ", tensor.Shape)}].");
            }

            count *= dimension;
        }

        if (count != tensor.Data.Length)
        {
            throw new ArgumentException(
                $"safetensors: tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}] ({count} elements) but {tensor.Data.Length} values.");
        }
    }

    private static byte[] Header(
        string[] names,
        IReadOnlyDictionary<string, SafeTensorData> tensors,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsFile.MetadataKey);
                var keys = metadata.Keys.ToArray();
                Array.Sort(keys, StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    json.WriteString(key, metadata[key] ?? throw new ArgumentException($"safetensors: metadata '{key}' is null; metadata values are strings."));
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var name in names)
            {
                var tensor = tensors[name];
                var end = offset + ((long)tensor.Data.Length * sizeof(float));
                json.WriteStartObject(name);
                json.WriteString("dtype", nameof(SafeTensorsDType.F32));
                json.WriteStartArray("shape");
                foreach (var dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }

            json.WriteEndObject();
        }

        var length = buffer.WrittenCount;
        var padded = (length + 8 + 7) / 8 * 8 - 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private static void WriteSingles(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        var chunk = new byte[1 << 16];
        while (!values.IsEmpty)
        {
            var n = Math.Min(values.Length, chunk.Length / sizeof(float));
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(i * sizeof(float)), values[i]);
            }

            stream.Write(chunk, 0, n * sizeof(float));
            values = values[n..];
        }
    }
}
