using Bittensor.Cli.Commands.Localnet;
using Bittensor.Models.Corpus;

namespace Bittensor.Cli.Tests;

/// <summary>The miners' models: trained into the models folder on first use, reused afterwards, and measured on held-out text.</summary>
public sealed class LocalnetModelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localnet-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task Models_are_trained_once_and_stronger_miners_have_lower_held_out_loss()
    {
        var corpusDir = Path.Combine(_dir, "corpus");
        Directory.CreateDirectory(corpusDir);
        var random = new Random(5);
        string[] subjects = ["The value", "A method", "This property", "The handle", "An index"];
        string[] verbs = ["returns", "gets", "sets", "checks", "removes"];
        string[] objects = ["the current element of the collection.", "a string that represents the object.", "the number of bytes read.", "true when the key exists.", "the first item of the list."];
        for (var f = 0; f < 200; f++)
        {
            var sentences = Enumerable.Range(0, 6).Select(i => $"{subjects[(f + i) % 5]} {verbs[(f * 3 + i) % 5]} {objects[random.Next(5)]}");
            await File.WriteAllTextAsync(Path.Combine(corpusDir, $"doc{f:000}.txt"), string.Join(' ', sentences));
        }

        var lineup = LocalnetLineup.Create(2, 1);
        var models = Path.Combine(_dir, "models");
        var log = new List<string>();
        var losses = LocalnetModels.Prepare(TextCorpus.FromFolder(corpusDir), lineup, models, null, log.Add);
        var miners = lineup.Where(p => p.Role == NeuronRole.Miner).ToList();
        Assert.All(miners, m => Assert.True(File.Exists(Path.Combine(models, m.ModelFile!)), m.ModelFile));
        Assert.Equal(3, log.Count(l => l.StartsWith("training", StringComparison.Ordinal)));
        Assert.True(losses[miners[1].Name] < losses[miners[0].Name], $"{losses[miners[1].Name]} is not below {losses[miners[0].Name]}");
        Assert.True(losses["constant"] > losses[miners[0].Name]);
        Assert.Equal(Math.Log(50257), losses["noise"]!.Value, 12);
        Assert.Equal(losses[miners[1].Name], losses["copycat"]);
        Assert.Equal(losses[miners[1].Name], losses["slow"]);
        Assert.Null(losses["broken"]);
        Assert.False(losses.ContainsKey("validator1"));

        var stamp = File.GetLastWriteTimeUtc(Path.Combine(models, miners[1].ModelFile!));
        log.Clear();
        var again = LocalnetModels.Prepare(TextCorpus.FromFolder(corpusDir), lineup, models, null, log.Add);
        Assert.DoesNotContain(log, l => l.StartsWith("training", StringComparison.Ordinal));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(models, miners[1].ModelFile!)));
        Assert.Equal(losses[miners[1].Name], again[miners[1].Name]);
    }
}
