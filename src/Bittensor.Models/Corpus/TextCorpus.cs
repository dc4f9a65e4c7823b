using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bittensor.Models.Tokenization;

namespace Bittensor.Models.Corpus;

/// <summary>Which side of a corpus's fixed split a document falls on.</summary>
public enum CorpusPart
{
    /// <summary>Documents to train on (19 in 20).</summary>
    Train,

    /// <summary>Documents kept out of training for evaluation (1 in 20).</summary>
    HeldOut,
}

/// <summary>One document of a corpus: a stable key (where it came from) and its text.</summary>
public readonly record struct CorpusDocument(string Key, string Text)
{
    /// <summary>The part this document belongs to, decided by its key alone.</summary>
    public CorpusPart Part => TextCorpus.PartOf(Key);
}

/// <summary>The size of a corpus: files read, documents and UTF-8 bytes in total and per part.</summary>
public sealed record CorpusDescription(
    string Name,
    int Files,
    long Documents,
    long Bytes,
    long TrainDocuments,
    long TrainBytes,
    long HeldOutDocuments,
    long HeldOutBytes);

/// <summary>
/// Text to train and evaluate language models on, split deterministically into a train and a held-out part: a
/// document is held out when the SHA-256 of its key, read as a little-endian integer, is divisible by
/// <see cref="HeldOutOneIn"/>. Keys depend only on where a document comes from (a member name, a file and paragraph,
/// a file and line), so the split is the same on every run and every machine.
/// </summary>
/// <remarks>
/// Documents are read from disk each time they are enumerated; nothing is held in memory between enumerations.
/// </remarks>
public sealed class TextCorpus
{
    /// <summary>One document in this many is held out.</summary>
    public const int HeldOutOneIn = 20;

    /// <summary>The name <see cref="Open"/> understands for <see cref="DotNetDocs"/>.</summary>
    public const string DotNetDocsName = "dotnet-docs";

    private const string CacheMagic = "BTTOKENS";
    private const int CacheVersion = 1;

    private readonly Func<IEnumerable<CorpusDocument>> _documents;

    private TextCorpus(string name, IReadOnlyList<string> files, Func<IEnumerable<CorpusDocument>> documents)
    {
        Name = name;
        Files = files;
        _documents = documents;
    }

    /// <summary>Where token streams are cached by default: <c>~/.bittensor/cache/tokens</c>.</summary>
    public static string DefaultCacheDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".bittensor", "cache", "tokens");

    /// <summary>What the corpus is, for logs: its kind and where it was read from.</summary>
    public string Name { get; }

    /// <summary>The files the corpus reads, in reading order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every document, in reading order.</summary>
    public IEnumerable<CorpusDocument> Documents => _documents();

    /// <summary>The texts of the train part, in reading order.</summary>
    public IEnumerable<string> Train => Part(CorpusPart.Train);

    /// <summary>The texts of the held-out part, in reading order.</summary>
    public IEnumerable<string> HeldOut => Part(CorpusPart.HeldOut);

    /// <summary>The texts of one part, in reading order.</summary>
    public IEnumerable<string> Part(CorpusPart part) => Documents.Where(d => d.Part == part).Select(d => d.Text);

    /// <summary>The part a document with this key belongs to.</summary>
    public static CorpusPart PartOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash) % HeldOutOneIn == 0 ? CorpusPart.HeldOut : CorpusPart.Train;
    }

    /// <summary>
    /// The default corpus, needing no download: the XML documentation that ships with the installed .NET SDK's
    /// reference packs (<c>&lt;dotnet root&gt;/packs/*.Ref/&lt;newest version&gt;/ref/&lt;newest net TFM&gt;/*.xml</c>), one
    /// document per documented member (its summary, remarks, value, parameters and return value as plain text).
    /// </summary>
    /// <param name="dotnetRoot">The .NET installation folder; by default DOTNET_ROOT, then the running runtime's, then
    /// the one the <c>dotnet</c> on PATH belongs to.</param>
    public static TextCorpus DotNetDocs(string? dotnetRoot = null)
    {
        var (root, files) = DotNetDocumentation.FindFiles(dotnetRoot);
        return new TextCorpus($"{DotNetDocsName} ({Path.Combine(root, "packs")}, {files.Count} files)", files, () => DotNetDocumentation.Read(files));
    }

    /// <summary>
    /// A corpus of <c>.txt</c> and <c>.jsonl</c> files: a folder (searched recursively, files in ordinal order of
    /// their relative paths) or one file. A <c>.txt</c> file gives one document per paragraph (text between blank
    /// lines), keyed by file and paragraph number; a <c>.jsonl</c> file one document per line, from the line's
    /// <c>"text"</c> field, keyed by file and line number.
    /// </summary>
    public static TextCorpus FromFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string baseFolder;
        List<string> files;
        if (File.Exists(path))
        {
            if (!IsCorpusFile(path))
            {
                throw new ArgumentException($"'{path}' is neither a .txt nor a .jsonl file; a corpus is made of those (or a folder of them).", nameof(path));
            }

            baseFolder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            files = [Path.GetFullPath(path)];
        }
        else if (Directory.Exists(path))
        {
            baseFolder = Path.GetFullPath(path);
            files = Directory.EnumerateFiles(baseFolder, "*", SearchOption.AllDirectories)
                .Where(IsCorpusFile)
                .OrderBy(f => Path.GetRelativePath(baseFolder, f).Replace('\\', '/'), StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new ArgumentException($"The folder '{path}' holds no .txt or .jsonl files; put the corpus text there.", nameof(path));
            }
        }
        else
        {
            throw new DirectoryNotFoundException($"The corpus '{path}' does not exist; pass a folder of .txt/.jsonl files, one such file, or '{DotNetDocsName}'.");
        }

        return new TextCorpus(Path.GetFullPath(path), files, () => ReadFolder(baseFolder, files));
    }

    /// <summary>
    /// The corpus a command line names: <c>dotnet-docs</c>, an empty value or null for <see cref="DotNetDocs"/>,
    /// otherwise a folder or file for <see cref="FromFolder"/>.
    /// </summary>
    public static TextCorpus Open(string? pathOrName) =>
        string.IsNullOrWhiteSpace(pathOrName) || pathOrName == DotNetDocsName ? DotNetDocs() : FromFolder(pathOrName);

    /// <summary>Counts files, documents and UTF-8 bytes (reads the whole corpus once).</summary>
    public CorpusDescription Describe()
    {
        long trainDocuments = 0, trainBytes = 0, heldOutDocuments = 0, heldOutBytes = 0;
        foreach (var document in Documents)
        {
            var bytes = Encoding.UTF8.GetByteCount(document.Text);
            if (document.Part == CorpusPart.HeldOut)
            {
                heldOutDocuments++;
                heldOutBytes += bytes;
            }
            else
            {
                trainDocuments++;
                trainBytes += bytes;
            }
        }

        return new CorpusDescription(
            Name, Files.Count, trainDocuments + heldOutDocuments, trainBytes + heldOutBytes, trainDocuments, trainBytes, heldOutDocuments, heldOutBytes);
    }

    /// <summary>
    /// One part as a single token stream: every document encoded by <paramref name="tokenizer"/> (the standard GPT-2
    /// tokenizer by default), with the end-of-text token between documents. With a <paramref name="cacheDirectory"/>,
    /// the stream is stored there under a SHA-256 of the tokenizer's fingerprint, the part and every document's text,
    /// and read back when nothing changed.
    /// </summary>
    public int[] Tokenize(CorpusPart part, Gpt2Tokenizer? tokenizer = null, string? cacheDirectory = null)
    {
        tokenizer ??= Gpt2Tokenizer.Standard;
        if (tokenizer.EndOfText < 0)
        {
            throw new ArgumentException("The tokenizer has no <|endoftext|> token to separate documents with.", nameof(tokenizer));
        }

        var texts = Part(part).ToList();
        string? cachePath = null;
        if (cacheDirectory is not null)
        {
            cachePath = Path.Combine(cacheDirectory, CacheKey(tokenizer, part, texts) + ".tokens");
            if (TryReadCache(cachePath) is { } cached)
            {
                return cached;
            }
        }

        var tokens = TokenizeDocuments(texts, tokenizer);
        if (cachePath is not null)
        {
            WriteCache(cachePath, tokens);
        }

        return tokens;
    }

    /// <summary>Encodes <paramref name="texts"/> into one stream with end-of-text between them, in parallel.</summary>
    public static int[] TokenizeDocuments(IReadOnlyList<string> texts, Gpt2Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var encoded = new int[texts.Count][];
        Parallel.For(0, texts.Count, i => encoded[i] = tokenizer.Encode(texts[i]));
        var total = Math.Max(0, texts.Count - 1);
        foreach (var ids in encoded)
        {
            total += ids.Length;
        }

        var stream = new int[total];
        var position = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (i > 0)
            {
                stream[position++] = tokenizer.EndOfText;
            }

            encoded[i].CopyTo(stream, position);
            position += encoded[i].Length;
        }

        return stream;
    }

    private static bool IsCorpusFile(string path) =>
        path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<CorpusDocument> ReadFolder(string baseFolder, IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(baseFolder, file).Replace('\\', '/');
            var documents = file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ReadJsonLines(file, relative) : ReadParagraphs(file, relative);
            foreach (var document in documents)
            {
                yield return document;
            }
        }
    }

    private static IEnumerable<CorpusDocument> ReadParagraphs(string file, string relative)
    {
        var paragraph = new StringBuilder();
        var index = 0;
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (paragraph.Length > 0)
                {
                    yield return new CorpusDocument($"{relative}#{index++}", paragraph.ToString());
                    paragraph.Clear();
                }

                continue;
            }

            if (paragraph.Length > 0)
            {
                paragraph.Append('\n');
            }

            paragraph.Append(line.TrimEnd());
        }

        if (paragraph.Length > 0)
        {
            yield return new CorpusDocument($"{relative}#{index}", paragraph.ToString());
        }
    }

    private static IEnumerable<CorpusDocument> ReadJsonLines(string file, string relative)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? text;
            try
            {
                using var json = JsonDocument.Parse(line);
                text = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("text", out var field)
                    && field.ValueKind == JsonValueKind.String
                    ? field.GetString()
                    : throw new FormatException($"{file} line {lineNumber} has no string \"text\" field; each line must be an object like {{\"text\": \"...\"}}.");
            }
            catch (JsonException e)
            {
                throw new FormatException($"{file} line {lineNumber} is not valid JSON ({e.Message}); each line must be an object like {{\"text\": \"...\"}}.", e);
            }

            if (!string.IsNullOrEmpty(text))
            {
                yield return new CorpusDocument($"{relative}:{lineNumber}", text);
            }
        }
    }

    private static string CacheKey(Gpt2Tokenizer tokenizer, CorpusPart part, List<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{CacheMagic}/{CacheVersion}/{tokenizer.Fingerprint}/{part}/{texts.Count}\n"));
        Span<byte> length = stackalloc byte[4];
        foreach (var text in texts)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static int[]? TryReadCache(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        var header = CacheMagic.Length + 8;
        if (bytes.Length < header || Encoding.ASCII.GetString(bytes, 0, CacheMagic.Length) != CacheMagic
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(CacheMagic.Length)) != CacheVersion)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(CacheMagic.Length + 4));
        if (count < 0 || bytes.Length != header + (4L * count))
        {
            return null; // truncated or foreign: tokenize again and overwrite
        }

        var tokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(header + (4 * i)));
        }

        return tokens;
    }

    private static void WriteCache(string path, int[] tokens)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[CacheMagic.Length + 8 + (4L * tokens.Length)];
        Encoding.ASCII.GetBytes(CacheMagic, bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(CacheMagic.Length), CacheVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(CacheMagic.Length + 4), tokens.Length);
        var offset = CacheMagic.Length + 8;
        foreach (var token in tokens)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), token);
            offset += 4;
        }

        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
