using System.IO.Compression;
using System.Text.Json;

namespace Bittensor.TestKit;

/// <summary>One epoch conformance vector: its file name and the parsed document (scenario, expected, checks).</summary>
public sealed class EpochVector
{
    private EpochVector(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public JsonElement Root { get; }

    public JsonElement Expected => Root.GetProperty("expected");

    public static EpochVector Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var input = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(stream, CompressionMode.Decompress)
            : (Stream)stream;
        using var document = JsonDocument.Parse(input);
        var name = System.IO.Path.GetFileName(path).Replace(".json.gz", "", StringComparison.Ordinal).Replace(".json", "", StringComparison.Ordinal);
        return new EpochVector(name, document.RootElement.Clone());
    }
}
