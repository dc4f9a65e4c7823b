using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bittensor.Models.Tokenization;

/// <summary>
/// GPT-2's byte-level byte pair encoding: the text's UTF-8 bytes are cut into pieces by GPT-2's pre-tokenisation
/// (<see cref="Gpt2PreTokenizer"/>), and each piece, starting from one token per byte, is merged pair by pair, the pair
/// with the lowest merge rank first, until no listed merge applies. <see cref="Standard"/> is GPT-2's own vocabulary,
/// the network's standard tokenizer; <see cref="Load"/> reads any vocabulary in the same two files
/// (<c>encoder.json</c> and <c>vocab.bpe</c>), such as those <see cref="BpeTrainer"/> writes.
/// </summary>
/// <remarks>
/// Like GPT-2's own encoder, text that spells a special token (<c>&lt;|endoftext|&gt;</c>) is encoded as ordinary
/// text; append <see cref="EndOfText"/> explicitly to separate documents. Instances are immutable apart from a
/// thread-safe cache of encoded pieces, so one instance serves any number of threads.
/// </remarks>
public sealed class Gpt2Tokenizer
{
    /// <summary>GPT-2's end-of-text token id, also its padding token in the network (spec §4.2).</summary>
    public const int Gpt2EndOfText = 50256;

    /// <summary>The number of token ids in GPT-2's vocabulary.</summary>
    public const int Gpt2VocabularySize = 50257;

    /// <summary>The text of the end-of-text token.</summary>
    public const string EndOfTextToken = "<|endoftext|>";

    private const string EncoderSha256 = "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783";
    private const string MergesSha256 = "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5";

    // Pieces up to this long merge with a rescan per step (GPT-2's own loop); longer ones with a priority queue.
    internal const int LongPiece = 128;
    private const int MaxCachedPieceLength = 256;
    private const int MaxCacheEntries = 1 << 20;

    private static readonly Lazy<Gpt2Tokenizer> StandardInstance = new(LoadStandard, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly byte[][] _tokenBytes;
    private readonly Dictionary<byte[], int> _ids;
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _idLookup;
    private readonly int[] _byteIds = new int[256];
    private readonly Dictionary<long, int> _mergeRanks;
    private readonly int[] _mergeResults;
    private readonly (int Left, int Right)[] _merges;
    private readonly bool _mergesBuildOnEarlierMerges;
    private readonly ConcurrentDictionary<byte[], int[]> _cache = new(ByteSequenceComparer.Instance);
    private readonly ConcurrentDictionary<byte[], int[]>.AlternateLookup<ReadOnlySpan<byte>> _cacheLookup;
    private int _cacheCount;

    [ThreadStatic]
    private static List<int>? _scratch;

    /// <summary>
    /// Builds a tokenizer from its token table (the bytes of each id, in id order) and its merges in rank order (each
    /// the ids of the left and right token; the merged token must be in the table). Every single byte must be a token.
    /// </summary>
    public Gpt2Tokenizer(IReadOnlyList<byte[]> tokens, IReadOnlyList<(int Left, int Right)> merges)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(merges);
        _tokenBytes = new byte[tokens.Count][];
        _ids = new Dictionary<byte[], int>(tokens.Count, ByteSequenceComparer.Instance);
        for (var id = 0; id < tokens.Count; id++)
        {
            var bytes = tokens[id] ?? throw new ArgumentException($"Token {id} has no bytes.", nameof(tokens));
            if (bytes.Length == 0)
            {
                throw new ArgumentException($"Token {id} is empty; every token stands for at least one byte.", nameof(tokens));
            }

            _tokenBytes[id] = bytes;
            _ids.TryAdd(bytes, id); // a duplicate keeps the lower id
        }

        _idLookup = _ids.GetAlternateLookup<ReadOnlySpan<byte>>();
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        Span<byte> one = stackalloc byte[1];
        for (var b = 0; b < 256; b++)
        {
            one[0] = (byte)b;
            if (!_idLookup.TryGetValue(one, out _byteIds[b]))
            {
                throw new ArgumentException(
                    $"The vocabulary has no token for the single byte 0x{b:X2}; a byte-level vocabulary needs all 256 bytes.",
                    nameof(tokens));
            }
        }

        _merges = new (int, int)[merges.Count];
        _mergeRanks = new Dictionary<long, int>(merges.Count, PairKeyComparer.Instance);
        _mergeResults = new int[merges.Count];
        var createdAt = new int[_tokenBytes.Length];
        Array.Fill(createdAt, int.MaxValue);
        foreach (var id in _byteIds)
        {
            createdAt[id] = -1;
        }

        var ordered = true;
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if ((uint)left >= (uint)_tokenBytes.Length || (uint)right >= (uint)_tokenBytes.Length)
            {
                throw new ArgumentException(
                    $"Merge {rank} names token ids {left} and {right}, but the vocabulary has {_tokenBytes.Length} tokens.",
                    nameof(merges));
            }

            var merged = Concat(_tokenBytes[left], _tokenBytes[right]);
            if (!_ids.TryGetValue(merged, out var result))
            {
                throw new ArgumentException(
                    $"Merge {rank} ('{ByteLevel.Encode(_tokenBytes[left])}' + '{ByteLevel.Encode(_tokenBytes[right])}') makes " +
                    $"'{ByteLevel.Encode(merged)}', which is not in the vocabulary.",
                    nameof(merges));
            }

            if (!_mergeRanks.TryAdd(Key(left, right), rank))
            {
                throw new ArgumentException(
                    $"Merge {rank} ('{ByteLevel.Encode(_tokenBytes[left])}' + '{ByteLevel.Encode(_tokenBytes[right])}') repeats " +
                    $"merge {_mergeRanks[Key(left, right)]}.",
                    nameof(merges));
            }

            _merges[rank] = (left, right);
            _mergeResults[rank] = result;
            ordered &= createdAt[left] < rank && createdAt[right] < rank;
            createdAt[result] = Math.Min(createdAt[result], rank);
        }

        _mergesBuildOnEarlierMerges = ordered;
        EndOfText = _idLookup.TryGetValue(Encoding.UTF8.GetBytes(EndOfTextToken), out var eot) ? eot : -1;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>GPT-2's tokenizer (50257 tokens, 50000 merges), loaded once from the copy built into this library.</summary>
    public static Gpt2Tokenizer Standard => StandardInstance.Value;

    /// <summary>The number of token ids.</summary>
    public int VocabularySize => _tokenBytes.Length;

    /// <summary>The number of merge rules.</summary>
    public int MergeCount => _merges.Length;

    /// <summary>The id of <c>&lt;|endoftext|&gt;</c> (50256 in GPT-2's vocabulary), or -1 when the vocabulary lacks it.</summary>
    public int EndOfText { get; }

    /// <summary>The merge rules in rank order, as token ids.</summary>
    public IReadOnlyList<(int Left, int Right)> Merges => _merges;

    /// <summary>
    /// A hex SHA-256 over the token table and the merges (not over file formatting): equal fingerprints mean the
    /// same tokenization. Token caches are keyed by it.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>Whether every merge combines tokens made by earlier merges (or single bytes), as trained vocabularies do.</summary>
    internal bool MergesBuildOnEarlierMerges => _mergesBuildOnEarlierMerges;

    /// <summary>Reads a vocabulary in GPT-2's file formats: <c>encoder.json</c> (token text → id) and <c>vocab.bpe</c> (merges).</summary>
    public static Gpt2Tokenizer Load(Stream encoderJson, Stream vocabBpe)
    {
        ArgumentNullException.ThrowIfNull(encoderJson);
        ArgumentNullException.ThrowIfNull(vocabBpe);
        return LoadBytes(ReadAll(encoderJson), ReadAll(vocabBpe));
    }

    /// <summary>Reads a vocabulary from the paths of its <c>encoder.json</c> and <c>vocab.bpe</c>.</summary>
    public static Gpt2Tokenizer FromFiles(string encoderJsonPath, string vocabBpePath)
    {
        foreach (var path in new[] { encoderJsonPath, vocabBpePath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Tokenizer file '{path}' does not exist; pass the paths of encoder.json and vocab.bpe.", path);
            }
        }

        return LoadBytes(File.ReadAllBytes(encoderJsonPath), File.ReadAllBytes(vocabBpePath));
    }

    /// <summary>The ids of <paramref name="text"/> (a lone surrogate is encoded as U+FFFD, as UTF-8 requires).</summary>
    public int[] Encode(string text)
    {
        var output = TakeScratch();
        Encode(text, output);
        return ReleaseScratch(output);
    }

    /// <summary>The ids of the UTF-8 bytes <paramref name="utf8"/>; any bytes, valid UTF-8 or not, encode and decode back exactly.</summary>
    public int[] Encode(ReadOnlySpan<byte> utf8)
    {
        var output = TakeScratch();
        Encode(utf8, output);
        return ReleaseScratch(output);
    }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="output"/>.</summary>
    public void Encode(string text, List<int> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length <= 1024)
        {
            Span<byte> buffer = stackalloc byte[length];
            var n = Encoding.UTF8.GetBytes(text, buffer);
            Encode(buffer[..n], output);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var n = Encoding.UTF8.GetBytes(text, rented);
            Encode(rented.AsSpan(0, n), output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Appends the ids of the bytes <paramref name="utf8"/> to <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encode(ReadOnlySpan<byte> utf8, List<int> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        for (var start = 0; start < utf8.Length;)
        {
            var end = Gpt2PreTokenizer.PieceEnd(utf8, start);
            EncodePiece(utf8[start..end], output);
            start = end;
        }
    }

    /// <summary>The number of tokens <paramref name="text"/> encodes to.</summary>
    public int CountTokens(string text)
    {
        var output = TakeScratch();
        Encode(text, output);
        var count = output.Count;
        ReleaseScratch(output);
        return count;
    }

    /// <summary>
    /// The text of <paramref name="tokenIds"/>: their bytes decoded as UTF-8, each invalid sequence replaced by U+FFFD
    /// as Python's <c>errors="replace"</c> does (GPT-2's decoder).
    /// </summary>
    public string Decode(ReadOnlySpan<int> tokenIds)
    {
        var length = DecodedLength(tokenIds);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var n = DecodeBytes(tokenIds, rented);
            return Encoding.UTF8.GetString(rented, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The exact bytes of <paramref name="tokenIds"/>.</summary>
    public byte[] DecodeBytes(ReadOnlySpan<int> tokenIds)
    {
        var bytes = new byte[DecodedLength(tokenIds)];
        DecodeBytes(tokenIds, bytes);
        return bytes;
    }

    /// <summary>Writes the bytes of <paramref name="tokenIds"/> into <paramref name="destination"/>; returns how many.</summary>
    public int DecodeBytes(ReadOnlySpan<int> tokenIds, Span<byte> destination)
    {
        var n = 0;
        foreach (var id in tokenIds)
        {
            var bytes = TokenBytes(id);
            if (bytes.Length > destination.Length - n)
            {
                throw new ArgumentException(
                    $"The destination holds {destination.Length} bytes, too few for the tokens' {DecodedLength(tokenIds)}.",
                    nameof(destination));
            }

            bytes.CopyTo(destination[n..]);
            n += bytes.Length;
        }

        return n;
    }

    /// <summary>The number of bytes <paramref name="tokenIds"/> decode to.</summary>
    public int DecodedLength(ReadOnlySpan<int> tokenIds)
    {
        var total = 0;
        foreach (var id in tokenIds)
        {
            total = checked(total + TokenBytes(id).Length);
        }

        return total;
    }

    /// <summary>The bytes of one token.</summary>
    public ReadOnlySpan<byte> TokenBytes(int tokenId)
    {
        if ((uint)tokenId >= (uint)_tokenBytes.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(tokenId), tokenId, $"Token id {tokenId} is outside the vocabulary (0..{_tokenBytes.Length - 1}).");
        }

        return _tokenBytes[tokenId];
    }

    /// <summary>One token written in byte-level text, as in <c>encoder.json</c> (a leading space shows as <c>Ġ</c>).</summary>
    public string TokenText(int tokenId) => ByteLevel.Encode(TokenBytes(tokenId));

    /// <summary>The id of the token whose bytes are exactly <paramref name="bytes"/>, if there is one.</summary>
    public bool TryGetTokenId(ReadOnlySpan<byte> bytes, out int tokenId) => _idLookup.TryGetValue(bytes, out tokenId);

    /// <summary>Writes the vocabulary as <c>encoder.json</c> (byte-level token text → id, non-ASCII escaped).</summary>
    public void WriteEncoderJson(Stream destination) => BpeFiles.WriteEncoderJson(_tokenBytes, destination);

    /// <summary>Writes the merges as <c>vocab.bpe</c> (a version line, then one merge per line, in rank order).</summary>
    public void WriteMerges(Stream destination) => BpeFiles.WriteMerges(_tokenBytes, _merges, destination);

    /// <summary>Writes <c>encoder.json</c> and <c>vocab.bpe</c> into <paramref name="directory"/> (created if missing).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var encoder = File.Create(Path.Combine(directory, "encoder.json")))
        {
            WriteEncoderJson(encoder);
        }

        using var vocab = File.Create(Path.Combine(directory, "vocab.bpe"));
        WriteMerges(vocab);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void EncodePiece(ReadOnlySpan<byte> piece, List<int> output)
    {
        if (piece.Length == 1)
        {
            output.Add(_byteIds[piece[0]]);
            return;
        }

        if (_cacheLookup.TryGetValue(piece, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        var tokens = piece.Length <= LongPiece || !_mergesBuildOnEarlierMerges ? MergeByRescan(piece) : MergeByQueue(piece);
        if (piece.Length <= MaxCachedPieceLength && Volatile.Read(ref _cacheCount) < MaxCacheEntries && _cacheLookup.TryAdd(piece, tokens))
        {
            Interlocked.Increment(ref _cacheCount);
        }

        output.AddRange(tokens);
    }

    /// <summary>
    /// GPT-2's merge loop: find the lowest-ranked adjacent pair, merge all its occurrences left to right, repeat. The
    /// rank of every adjacent pair is kept in an array and looked up again only next to a merge.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int[] MergeByRescan(ReadOnlySpan<byte> piece)
    {
        var n = piece.Length;
        var rented = n > 256 ? ArrayPool<int>.Shared.Rent(2 * n) : null;
        var buffer = rented is null ? stackalloc int[2 * n] : rented.AsSpan(0, 2 * n);
        var symbols = buffer[..n];
        var ranks = buffer[n..]; // ranks[i]: rank of the pair (symbols[i], symbols[i + 1]), int.MaxValue if none
        for (var i = 0; i < n; i++)
        {
            symbols[i] = _byteIds[piece[i]];
        }

        for (var i = 0; i + 1 < n; i++)
        {
            ranks[i] = RankOf(symbols[i], symbols[i + 1]);
        }

        while (n > 1)
        {
            var bestRank = int.MaxValue;
            var bestAt = -1;
            for (var i = 0; i + 1 < n; i++)
            {
                if (ranks[i] < bestRank)
                {
                    bestRank = ranks[i];
                    bestAt = i;
                }
            }

            if (bestAt < 0)
            {
                break;
            }

            var merged = _mergeResults[bestRank];
            var write = bestAt;
            for (var read = bestAt; read < n;)
            {
                if (read + 1 < n && ranks[read] == bestRank)
                {
                    // The same rank means the same pair (ranks are unique); merge it and re-rank both neighbours.
                    symbols[write] = merged;
                    if (write > 0)
                    {
                        ranks[write - 1] = RankOf(symbols[write - 1], merged);
                    }

                    read += 2;
                    ranks[write] = read < n ? RankOf(merged, symbols[read]) : int.MaxValue;
                    write++;
                }
                else
                {
                    symbols[write] = symbols[read];
                    ranks[write] = ranks[read];
                    write++;
                    read++;
                }
            }

            n = write;
        }

        var result = symbols[..n].ToArray();
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }

        return result;
    }

    private int RankOf(int left, int right) => _mergeRanks.TryGetValue(Key(left, right), out var rank) ? rank : int.MaxValue;

    /// <summary>
    /// The same merges for long pieces in O(n log n): a queue of adjacent pairs by (rank, position) over a linked list.
    /// Equal to <see cref="MergeByRescan"/> when every merge builds on earlier ones (a merge's result cannot then form
    /// a pair of lower rank than its own), which the constructor checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int[] MergeByQueue(ReadOnlySpan<byte> piece)
    {
        var n = piece.Length;
        var symbols = new int[n];
        var next = new int[n];
        var previous = new int[n];
        var queue = new PriorityQueue<(int Left, int Right), long>(n);
        for (var i = 0; i < n; i++)
        {
            symbols[i] = _byteIds[piece[i]];
            next[i] = i + 1;
            previous[i] = i - 1;
        }

        for (var i = 0; i < n - 1; i++)
        {
            Offer(i, i + 1);
        }

        while (queue.TryDequeue(out var pair, out var priority))
        {
            var (left, right) = pair;
            var rank = (int)(priority >> 32);
            if (symbols[left] < 0 || symbols[right] < 0 || next[left] != right
                || !_mergeRanks.TryGetValue(Key(symbols[left], symbols[right]), out var current) || current != rank)
            {
                continue; // stale: one side was merged away or changed since this pair was queued
            }

            symbols[left] = _mergeResults[rank];
            symbols[right] = -1;
            next[left] = next[right];
            if (next[left] < n)
            {
                previous[next[left]] = left;
            }

            if (previous[left] >= 0)
            {
                Offer(previous[left], left);
            }

            if (next[left] < n)
            {
                Offer(left, next[left]);
            }
        }

        var count = 0;
        for (var i = 0; i < n; i = next[i])
        {
            symbols[count++] = symbols[i];
        }

        return symbols[..count];

        void Offer(int left, int right)
        {
            if (_mergeRanks.TryGetValue(Key(symbols[left], symbols[right]), out var rank))
            {
                queue.Enqueue((left, right), ((long)rank << 32) | (uint)left);
            }
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result, 0);
        b.CopyTo(result, a.Length);
        return result;
    }

    private static List<int> TakeScratch()
    {
        var list = _scratch ?? new List<int>(1024);
        _scratch = null; // taken: a nested or re-entrant call gets its own list
        list.Clear();
        return list;
    }

    private static int[] ReleaseScratch(List<int> list)
    {
        int[] result = [.. list];
        if (list.Capacity <= 1 << 20)
        {
            _scratch = list; // a list grown by a huge text is not kept per thread
        }

        return result;
    }

    private string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(number, _tokenBytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(number[4..], _merges.Length);
        hash.AppendData(number);
        foreach (var bytes in _tokenBytes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(number, bytes.Length);
            hash.AppendData(number[..4]);
            hash.AppendData(bytes);
        }

        foreach (var (left, right) in _merges)
        {
            BinaryPrimitives.WriteInt32LittleEndian(number, left);
            BinaryPrimitives.WriteInt32LittleEndian(number[4..], right);
            hash.AppendData(number);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>
    /// A new instance of GPT-2's tokenizer with its own, empty piece cache (<see cref="Standard"/> is the shared one);
    /// the built-in files are checked against their recorded SHA-256 digests.
    /// </summary>
    public static Gpt2Tokenizer LoadStandard()
    {
        var assembly = typeof(Gpt2Tokenizer).Assembly;
        byte[] Resource(string name, string sha256)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The resource {name} is missing from {assembly.GetName().Name}; rebuild the library.");
            var bytes = ReadAll(stream);
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (actual != sha256)
            {
                throw new InvalidDataException($"The built-in {name} has SHA-256 {actual}, expected {sha256}; the copy is damaged.");
            }

            return bytes;
        }

        return LoadBytes(
            Resource("Bittensor.Models.gpt2-encoder.json", EncoderSha256),
            Resource("Bittensor.Models.gpt2-vocab.bpe", MergesSha256));
    }

    private static Gpt2Tokenizer LoadBytes(byte[] encoderJson, byte[] vocabBpe)
    {
        var tokens = BpeFiles.ReadEncoderJson(encoderJson);
        var idsByBytes = new Dictionary<byte[], int>(tokens.Length, ByteSequenceComparer.Instance);
        for (var id = 0; id < tokens.Length; id++)
        {
            idsByBytes.TryAdd(tokens[id], id);
        }

        var merges = BpeFiles.ReadMerges(vocabBpe, idsByBytes);
        return new Gpt2Tokenizer(tokens, merges);
    }
}

/// <summary>Reading and writing GPT-2's <c>encoder.json</c> and <c>vocab.bpe</c>.</summary>
internal static class BpeFiles
{
    public const string MergesHeader = "#version: 0.2";

    public static byte[][] ReadEncoderJson(byte[] json)
    {
        var entries = new List<(byte[] Bytes, int Id)>();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("encoder.json must be one JSON object mapping token text to id.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var text = reader.GetString()!;
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var id) || id < 0)
                {
                    throw new FormatException($"encoder.json maps '{text}' to something other than a non-negative integer id.");
                }

                entries.Add((ByteLevel.Decode(text), id));
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"encoder.json is not valid JSON: {e.Message}", e);
        }

        var tokens = new byte[entries.Count][];
        foreach (var (bytes, id) in entries)
        {
            if (id >= tokens.Length)
            {
                throw new FormatException(
                    $"encoder.json has {entries.Count} tokens but uses id {id}; ids must be 0..{entries.Count - 1} without gaps.");
            }

            if (tokens[id] is not null)
            {
                throw new FormatException($"encoder.json gives id {id} to two tokens ('{ByteLevel.Encode(tokens[id])}' and '{ByteLevel.Encode(bytes)}').");
            }

            tokens[id] = bytes;
        }

        return tokens;
    }

    public static List<(int Left, int Right)> ReadMerges(byte[] vocabBpe, Dictionary<byte[], int> ids)
    {
        var text = Encoding.UTF8.GetString(vocabBpe);
        var merges = new List<(int, int)>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new FormatException($"vocab.bpe line {lineNumber} ('{line}') is not two tokens separated by one space.");
            }

            merges.Add((Id(parts[0]), Id(parts[1])));

            int Id(string token) => ids.TryGetValue(ByteLevel.Decode(token), out var id)
                ? id
                : throw new FormatException($"vocab.bpe line {lineNumber} names '{token}', which encoder.json does not have.");
        }

        return merges;
    }

    public static void WriteEncoderJson(IReadOnlyList<byte[]> tokens, Stream destination)
    {
        var builder = new StringBuilder(tokens.Count * 16);
        builder.Append('{');
        for (var id = 0; id < tokens.Count; id++)
        {
            if (id > 0)
            {
                builder.Append(", ");
            }

            builder.Append('"');
            foreach (var c in ByteLevel.Encode(tokens[id]))
            {
                switch (c)
                {
                    case '"':
                        builder.Append("\\\"");
                        break;
                    case '\\':
                        builder.Append("\\\\");
                        break;
                    case < ' ' or > '~':
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        builder.Append(c);
                        break;
                }
            }

            builder.Append("\": ").Append(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.Append('}');
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        destination.Write(bytes);
    }

    public static void WriteMerges(IReadOnlyList<byte[]> tokens, IReadOnlyList<(int Left, int Right)> merges, Stream destination)
    {
        var builder = new StringBuilder(merges.Count * 12);
        builder.Append(MergesHeader).Append('\n');
        foreach (var (left, right) in merges)
        {
            builder.Append(ByteLevel.Encode(tokens[left])).Append(' ').Append(ByteLevel.Encode(tokens[right])).Append('\n');
        }

        destination.Write(Encoding.UTF8.GetBytes(builder.ToString()));
    }
}
