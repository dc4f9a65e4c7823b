using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Bittensor.Models.NGram;

public sealed partial class KneserNeyModel
{
    /// <summary>The version of the file format <see cref="Save(Stream)"/> writes.</summary>
    public const int FileVersion = 1;

    // "BTKNLM" then the version as a 16-bit little-endian number.
    private static ReadOnlySpan<byte> Magic => "BTKNLM"u8;

    private const int HeaderFixedBytes = 6 + 2 + 8 + 12;
    private const int ChecksumBytes = 32;

    /// <summary>Writes the model to <paramref name="path"/> (see <see cref="Save(Stream)"/>).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.Create(path);
        Save(file);
    }

    /// <summary>
    /// Writes the model: the magic <c>BTKNLM</c>, the format version, the file's length, order, vocabulary size,
    /// separator and n-gram count of each order; then the counts as LEB128 numbers (unigram counts; per order above
    /// one, each prefix's number of continuations, their last tokens as gaps, their counts); then SHA-256 of all of
    /// it. Discounts and weights are derived again on load. The same model always gives the same bytes.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        Span<byte> header = stackalloc byte[HeaderFixedBytes + (4 * (MaxOrder - 1))];
        header = header[..(HeaderFixedBytes + (4 * (Order - 1)))];
        header.Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], FileVersion);
        // header[8..16]: the file's length, filled in at the end.
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], Order);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], VocabularySize);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], DocumentSeparator);
        for (var k = 2; k <= Order; k++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header[(HeaderFixedBytes + (4 * (k - 2)))..], _counts[k].Length);
        }

        buffer.Write(header);
        var writer = new VarintWriter(buffer);
        foreach (var c in _counts[1])
        {
            writer.Write((uint)c);
        }

        for (var k = 2; k <= Order; k++)
        {
            var starts = _childStart[k - 1];
            for (var h = 0; h + 1 < starts.Length; h++)
            {
                writer.Write((uint)(starts[h + 1] - starts[h]));
            }

            var words = _words[k];
            for (var h = 0; h + 1 < starts.Length; h++)
            {
                var previous = -1;
                for (var e = starts[h]; e < starts[h + 1]; e++)
                {
                    writer.Write((uint)(words[e] - previous));
                    previous = words[e];
                }
            }

            foreach (var c in _counts[k])
            {
                writer.Write((uint)c);
            }
        }

        writer.Flush();
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], body.Length + ChecksumBytes);
        Span<byte> checksum = stackalloc byte[ChecksumBytes];
        SHA256.HashData(body, checksum);
        stream.Write(body);
        stream.Write(checksum);
    }

    /// <summary>Reads a model written by <see cref="Save(string)"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not such a model, or is truncated or corrupt.</exception>
    public static KneserNeyModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = File.ReadAllBytes(path);
        return Load(bytes, $"'{path}'");
    }

    /// <summary>Reads a model written by <see cref="Save(Stream)"/> from the rest of <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not such a model, or is truncated or corrupt.</exception>
    public static KneserNeyModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Load(copy.GetBuffer().AsSpan(0, (int)copy.Length), "the stream");
    }

    private static KneserNeyModel Load(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length < Magic.Length + 2 || !data.StartsWith(Magic))
        {
            throw new InvalidDataException($"{source} is not a Kneser-Ney n-gram model file (it does not start with 'BTKNLM'); pass a file written by KneserNeyModel.Save.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        if (version != FileVersion)
        {
            throw new InvalidDataException($"{source} is a Kneser-Ney model file of format version {version}; this build reads version {FileVersion}. Train the model again or use a matching build.");
        }

        if (data.Length < HeaderFixedBytes + ChecksumBytes)
        {
            throw new InvalidDataException($"{source} is truncated: {data.Length} bytes, shorter than a model file's header.");
        }

        var declared = BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
        if (declared != data.Length)
        {
            throw new InvalidDataException($"{source} is {(declared > data.Length ? "truncated" : "longer than its header says")}: its header says {declared} bytes, it has {data.Length}.");
        }

        var body = data[..^ChecksumBytes];
        Span<byte> checksum = stackalloc byte[ChecksumBytes];
        SHA256.HashData(body, checksum);
        if (!checksum.SequenceEqual(data[^ChecksumBytes..]))
        {
            throw new InvalidDataException($"{source} is corrupt: its SHA-256 checksum does not match its contents. Save the model again.");
        }

        // The checksum matched, so what follows can only fail for a file written by a broken writer; still, every
        // length and value is checked before it is used.
        var order = BinaryPrimitives.ReadInt32LittleEndian(data[16..]);
        var vocabulary = BinaryPrimitives.ReadInt32LittleEndian(data[20..]);
        var separator = BinaryPrimitives.ReadInt32LittleEndian(data[24..]);
        if (order is < 1 or > MaxOrder || vocabulary is < 2 or > MaxVocabularySize || separator < 0 || separator >= vocabulary)
        {
            throw Corrupt(source, $"order {order}, vocabulary {vocabulary}, separator {separator} are out of range");
        }

        var position = HeaderFixedBytes + (4 * (order - 1));
        if (position > body.Length)
        {
            throw Corrupt(source, "the header is cut short");
        }

        var entries = new int[order + 1];
        entries[1] = vocabulary;
        for (var k = 2; k <= order; k++)
        {
            entries[k] = BinaryPrimitives.ReadInt32LittleEndian(data[(HeaderFixedBytes + (4 * (k - 2)))..]);
            if (entries[k] < 0 || entries[k] > body.Length)
            {
                throw Corrupt(source, $"it declares {entries[k]} {k}-grams");
            }
        }

        var reader = new VarintReader(body, position, source);
        var counts = new int[order + 1][];
        var words = new int[order + 1][];
        var childStart = new int[order + 1][];
        childStart[0] = [0, vocabulary];
        words[1] = [];
        counts[1] = new int[vocabulary];
        for (var w = 0; w < vocabulary; w++)
        {
            counts[1][w] = reader.ReadInt("a unigram count");
        }

        for (var k = 2; k <= order; k++)
        {
            var parents = entries[k - 1];
            var starts = new int[parents + 1];
            for (var h = 0; h < parents; h++)
            {
                var children = reader.ReadInt("a continuation count");
                if (children > entries[k] - starts[h])
                {
                    throw Corrupt(source, $"the {k - 1}-grams have more continuations than the {entries[k]} {k}-grams");
                }

                starts[h + 1] = starts[h] + children;
            }

            if (starts[parents] != entries[k])
            {
                throw Corrupt(source, $"the {k - 1}-grams have {starts[parents]} continuations, not the {entries[k]} {k}-grams");
            }

            var levelWords = new int[entries[k]];
            for (var h = 0; h < parents; h++)
            {
                var previous = -1L;
                for (var e = starts[h]; e < starts[h + 1]; e++)
                {
                    var gap = reader.ReadInt("a token gap");
                    var word = previous + gap;
                    if (gap < 1 || word >= vocabulary)
                    {
                        throw Corrupt(source, $"a {k}-gram's token is not in increasing order within the vocabulary");
                    }

                    levelWords[e] = (int)word;
                    previous = word;
                }
            }

            var levelCounts = new int[entries[k]];
            for (var e = 0; e < levelCounts.Length; e++)
            {
                levelCounts[e] = reader.ReadInt("an n-gram count");
                if (levelCounts[e] < 1)
                {
                    throw Corrupt(source, $"a {k}-gram has count 0");
                }
            }

            childStart[k - 1] = starts;
            words[k] = levelWords;
            counts[k] = levelCounts;
        }

        if (reader.Position != body.Length)
        {
            throw Corrupt(source, $"{body.Length - reader.Position} bytes follow the last count");
        }

        return new KneserNeyModel(order, vocabulary, separator, counts, words, childStart);
    }

    private static InvalidDataException Corrupt(string source, string what) =>
        new($"{source} is not a valid Kneser-Ney model file: {what}. Save the model again.");

    private sealed class VarintWriter(Stream output)
    {
        private readonly byte[] _chunk = new byte[1 << 16];
        private int _used;

        public void Write(uint value)
        {
            if (_chunk.Length - _used < 5)
            {
                Flush();
            }

            while (value >= 0x80)
            {
                _chunk[_used++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _chunk[_used++] = (byte)value;
        }

        public void Flush()
        {
            output.Write(_chunk, 0, _used);
            _used = 0;
        }
    }

    private ref struct VarintReader(ReadOnlySpan<byte> data, int position, string source)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; } = position;

        public int ReadInt(string what)
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                if (Position >= _data.Length)
                {
                    throw Corrupt(source, $"it ends inside {what}");
                }

                var b = _data[Position++];
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    if (value > int.MaxValue || (shift == 28 && b > 0x0F))
                    {
                        throw Corrupt(source, $"{what} is too large");
                    }

                    return (int)value;
                }
            }

            throw Corrupt(source, $"{what} is too long");
        }
    }
}
