using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bittensor.Neurons.Dataset;

/// <summary>One file of a <see cref="ShardManifest"/>: its path relative to the manifest, SHA-256 (hex) and size in bytes.</summary>
public sealed record ShardFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);

/// <summary>
/// A dataset's list of text files by content hash, stored as <c>manifest.json</c> beside them, so whoever copies or
/// fetches the files can check that they hold exactly what the manifest names:
/// <c>{"name": "...", "files": [{"path": "a.txt", "sha256": "…", "bytes": 123}, …]}</c>, paths relative to the
/// manifest's folder with forward slashes, in ordinal order.
/// </summary>
public sealed record ShardManifest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("files")] IReadOnlyList<ShardFile> Files)
{
    /// <summary>The manifest's file name inside a dataset folder.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>A manifest of every <c>.txt</c>/<c>.jsonl</c> file under <paramref name="folder"/> (recursively).</summary>
    public static ShardManifest Create(string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The dataset folder '{folder}' does not exist; give a folder of .txt/.jsonl files.");
        }

        var files = CorpusFiles(folder).Select(relative => Describe(folder, relative)).ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"The folder '{folder}' holds no .txt or .jsonl files to list in a manifest.", nameof(folder));
        }

        return new ShardManifest(name, files);
    }

    /// <summary>Reads a manifest file; a malformed one is an <see cref="InvalidDataException"/> naming it.</summary>
    public static ShardManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var manifest = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllBytes(path), Options)
                ?? throw new JsonException("the file holds JSON null");
            if (string.IsNullOrWhiteSpace(manifest.Name) || manifest.Files is null || manifest.Files.Count == 0)
            {
                throw new JsonException("it needs a \"name\" and a non-empty \"files\" list");
            }

            foreach (var file in manifest.Files)
            {
                if (string.IsNullOrWhiteSpace(file.Path) || file.Path.Contains("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(file.Path)
                    || file.Sha256 is not { Length: 64 } || !file.Sha256.All(char.IsAsciiHexDigit) || file.Bytes < 0)
                {
                    throw new JsonException($"the entry '{file.Path}' needs a relative path inside the folder, a 64-digit hex sha256 and a size");
                }
            }

            return manifest;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a shard manifest: {e.Message}. Write one with ShardManifest.Create (or `btcli validator manifest`).", e);
        }
    }

    /// <summary>Writes the manifest as indented JSON (atomically: a temporary file renamed over the target).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Options));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Checks <paramref name="folder"/> against the manifest: every listed file exists with its size and SHA-256, and
    /// no other <c>.txt</c>/<c>.jsonl</c> file is there. The first mismatch is an <see cref="InvalidDataException"/>
    /// naming the file and what differs.
    /// </summary>
    public void Verify(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            listed.Add(file.Path);
            var full = System.IO.Path.Combine(folder, file.Path);
            if (!File.Exists(full))
            {
                throw new InvalidDataException($"Dataset '{Name}': {file.Path} is listed in the manifest but missing from {folder}; fetch it again.");
            }

            var actual = Describe(folder, file.Path);
            if (actual.Bytes != file.Bytes)
            {
                throw new InvalidDataException($"Dataset '{Name}': {file.Path} has {actual.Bytes} bytes, the manifest says {file.Bytes}; fetch it again.");
            }

            if (!string.Equals(actual.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"Dataset '{Name}': {file.Path} has SHA-256 {actual.Sha256}, the manifest says {file.Sha256}; the file was changed or damaged, fetch it again.");
            }
        }

        foreach (var relative in CorpusFiles(folder))
        {
            if (!listed.Contains(relative))
            {
                throw new InvalidDataException($"Dataset '{Name}': {relative} is in {folder} but not in the manifest; remove it or write the manifest again.");
            }
        }
    }

    private static IEnumerable<string> CorpusFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            .Select(f => System.IO.Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static ShardFile Describe(string folder, string relative)
    {
        using var stream = File.OpenRead(System.IO.Path.Combine(folder, relative));
        var hash = SHA256.HashData(stream);
        return new ShardFile(relative, Convert.ToHexStringLower(hash), stream.Length);
    }
}
