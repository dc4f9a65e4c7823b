using System.Text.Json;

namespace Bittensor.TestKit;

/// <summary>Locates the data files copied next to a test assembly.</summary>
public static class TestData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static IEnumerable<string> Files(string folder, string pattern = "*.json")
    {
        var directory = Path(folder);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Test data folder '{directory}' is missing; is it copied by the test project?");
        }

        return Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal);
    }

    public static JsonDocument Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream);
    }
}
