using System.Globalization;

namespace Bittensor.Cli.Commands.Localnet;

/// <summary>The settings of one <c>btcli localnet</c> run, checked.</summary>
public sealed record LocalnetOptions
{
    public int Miners { get; init; } = 4;

    public int Validators { get; init; } = 2;

    public bool TestMiners { get; init; } = true;

    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to run; null until Ctrl-C or SIGTERM.</summary>
    public TimeSpan? Duration { get; init; }

    public ushort Tempo { get; init; } = 10;

    public required string Directory { get; init; }

    public string? JsonSummary { get; init; }

    /// <summary>The text the miners' models are trained on and the validators draw from: <c>dotnet-docs</c> or a folder.</summary>
    public string Dataset { get; init; } = "dotnet-docs";

    public string ModelsDirectory => Path.Combine(Directory, "models");

    public string LogsDirectory => Path.Combine(Directory, "logs");

    public string WalletsDirectory => Path.Combine(Directory, "wallets");

    public string ChainDirectory => Path.Combine(Directory, "chain");

    /// <summary>Checks the values, throwing a <see cref="CliUsageException"/> that names the option and what to give.</summary>
    public static LocalnetOptions Create(int miners, int validators, bool noTestMiners, double blockTimeSeconds, double durationSeconds, int tempo, string? directory, string? jsonSummary, string? dataset, string defaultRoot)
    {
        if (miners is < 1 or > LocalnetLineup.MaxMiners)
        {
            throw new CliUsageException($"--miners {miners}: give 1 to {LocalnetLineup.MaxMiners} n-gram miners (the five test miners come on top unless --no-test-miners).");
        }

        if (validators is < 1 or > LocalnetLineup.MaxValidators)
        {
            throw new CliUsageException($"--validators {validators}: give 1 to {LocalnetLineup.MaxValidators} validators.");
        }

        if (!double.IsFinite(blockTimeSeconds) || blockTimeSeconds < 0.25 || blockTimeSeconds > 60)
        {
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--block-time {blockTimeSeconds}: give the seconds between blocks, from 0.25 to 60."));
        }

        if (!double.IsFinite(durationSeconds) || durationSeconds < 0)
        {
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--duration {durationSeconds}: give the seconds to run (0, the default, runs until Ctrl-C)."));
        }

        if (tempo is < 2 or > 1000)
        {
            throw new CliUsageException($"--tempo {tempo}: give 2 to 1000 blocks between the subnet's epochs.");
        }

        if (jsonSummary is not null && (jsonSummary.Length == 0 || System.IO.Directory.Exists(jsonSummary)))
        {
            throw new CliUsageException($"--json-summary '{jsonSummary}': give the path of a file to write (not a directory).");
        }

        var data = string.IsNullOrWhiteSpace(dataset) ? "dotnet-docs" : dataset;
        if (data != "dotnet-docs" && !System.IO.Directory.Exists(data) && !File.Exists(data))
        {
            throw new CliUsageException($"--dataset '{data}' is neither 'dotnet-docs' nor an existing folder or file of .txt/.jsonl text.");
        }

        var dir = string.IsNullOrWhiteSpace(directory) ? Path.Combine(defaultRoot, "localnet") : directory;
        if (File.Exists(dir))
        {
            throw new CliUsageException($"--dir '{dir}' is a file: give a directory (it is created when missing).");
        }

        return new LocalnetOptions
        {
            Miners = miners,
            Validators = validators,
            TestMiners = !noTestMiners,
            BlockTime = TimeSpan.FromSeconds(blockTimeSeconds),
            Duration = durationSeconds == 0 ? null : TimeSpan.FromSeconds(durationSeconds),
            Tempo = (ushort)tempo,
            Directory = Path.GetFullPath(dir),
            JsonSummary = jsonSummary is null ? null : Path.GetFullPath(jsonSummary),
            Dataset = data,
        };
    }
}
