using System.Xml.Linq;

namespace Bittensor.Architecture.Tests;

/// <summary>
/// The boxes of docs/ARCHITECTURE.md and their one-way arrows: Primitives ← Contracts ← Runtime ← Node, Contracts ←
/// Sdk ← Neurons ← Cli, Models stands alone. A project may reference only the boxes listed for it here.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Bittensor.Primitives"] = [],
        ["Bittensor.Contracts"] = ["Bittensor.Primitives"],
        ["Bittensor.Runtime"] = ["Bittensor.Primitives", "Bittensor.Contracts"],
        ["Bittensor.Node"] = ["Bittensor.Primitives", "Bittensor.Contracts", "Bittensor.Runtime"],
        ["Bittensor.Sdk"] = ["Bittensor.Primitives", "Bittensor.Contracts"],
        ["Bittensor.Models"] = [],
        ["Bittensor.Neurons"] = ["Bittensor.Primitives", "Bittensor.Contracts", "Bittensor.Sdk", "Bittensor.Models"],
        ["Bittensor.Cli"] = ["Bittensor.Primitives", "Bittensor.Contracts", "Bittensor.Runtime", "Bittensor.Node", "Bittensor.Sdk", "Bittensor.Models", "Bittensor.Neurons"],
    };

    public static TheoryData<string> SourceProjects() => [.. Allowed.Keys];

    [Fact]
    public void EverySourceProject_IsAKnownBox()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), projects);
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void Project_ReferencesOnlyItsAllowedBoxes(string project)
    {
        var path = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        var references = XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .ToArray();
        var forbidden = references.Except(Allowed[project], StringComparer.Ordinal).ToArray();
        Assert.True(forbidden.Length == 0, $"{project} must not reference {string.Join(", ", forbidden)}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bittensor.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
