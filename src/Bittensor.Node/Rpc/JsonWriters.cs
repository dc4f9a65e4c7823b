using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bittensor.Node.Rpc;

/// <summary>
/// A UTF-8 JSON writer and its buffer per thread, reused for every answer and notification: writing one costs the
/// array of the finished message and nothing else. Rent, write synchronously, then <see cref="ToArray"/>.
/// </summary>
internal static class JsonWriters
{
    /// <summary>A buffer grown past this by one large answer is let go rather than kept by the thread.</summary>
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static Utf8JsonWriter Rent()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        if (_writer is { } writer)
        {
            writer.Reset(buffer);
            return writer;
        }

        return _writer = new Utf8JsonWriter(buffer);
    }

    /// <summary>The message written since <see cref="Rent"/>, as its own array.</summary>
    public static byte[] ToArray(Utf8JsonWriter writer)
    {
        writer.Flush();
        var buffer = _buffer!;
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > KeptCapacity)
        {
            _buffer = null;
            _writer = null;
        }

        return bytes;
    }

    public static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
