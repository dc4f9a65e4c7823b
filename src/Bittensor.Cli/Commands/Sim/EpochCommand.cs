using System.CommandLine;
using System.Globalization;
using Bittensor.Runtime.Epoch;
using Bittensor.Runtime.Epoch.Simulation;

namespace Bittensor.Cli.Commands.Sim;

/// <summary>
/// <c>btcli sim epoch</c>: runs one Yuma consensus epoch on a scenario (conformance JSON schema) and prints the result,
/// or races the epoch with <c>--bench</c>.
/// </summary>
public static class EpochCommand
{
    public static Command Create(CliConsole console)
    {
        var inputOption = new Option<FileInfo?>("--input", "-i")
        {
            Description = "Scenario JSON file (the conformance schema). Reads standard input when omitted or '-'.",
            CustomParser = result => result.Tokens.Count == 0 || result.Tokens[0].Value == "-" ? null : new FileInfo(result.Tokens[0].Value),
        };
        var denseOption = new Option<bool>("--dense")
        {
            Description = "Use the dense O(n²) epoch instead of the sparse one (same results, slower).",
        };
        var benchOption = new Option<int?>("--bench")
        {
            Description = "Time the epoch on a synthetic subnet of N uids (or on --input) and print the median milliseconds.",
        };
        var iterationsOption = new Option<int>("--iterations")
        {
            Description = "With --bench: timed epochs after the warm-up.",
            DefaultValueFactory = _ => 50,
        };
        var seedOption = new Option<ulong>("--seed")
        {
            Description = "With --bench N: seed of the synthetic subnet.",
            DefaultValueFactory = _ => 1,
        };

        var command = new Command("epoch", "Run one Yuma consensus epoch on a scenario and print the result as JSON.")
        {
            inputOption,
            denseOption,
            benchOption,
            iterationsOption,
            seedOption,
        };
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(inputOption);
            var dense = parseResult.GetValue(denseOption);
            var bench = parseResult.GetValue(benchOption);
            try
            {
                if (bench is not null || parseResult.GetResult(iterationsOption) is { Implicit: false })
                {
                    var iterations = parseResult.GetValue(iterationsOption);
                    var benchInput = file is not null
                        ? ReadScenario(file, console)
                        : SyntheticSubnet.Generate(RequirePositive(bench ?? 0, "--bench"), parseResult.GetValue(seedOption));
                    var source = file is not null ? file.Name : $"synthetic, seed {parseResult.GetValue(seedOption).ToString(CultureInfo.InvariantCulture)}";
                    EpochBench.Run(benchInput, source, RequirePositive(iterations, "--iterations"), dense, console.Out);
                    return 0;
                }

                var input = ReadScenario(file, console);
                var output = dense ? DenseEpoch.Compute(input) : YumaEpoch.Compute(input);
                console.Out.WriteLine(EpochResultJson.Write(output));
                return 0;
            }
            catch (EpochScenarioException e)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return Btcli.InvalidInput;
            }
        });
        return command;
    }

    private static int RequirePositive(int value, string option)
    {
        if (value < 1)
        {
            throw new EpochScenarioException($"{option} must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    private static EpochInput ReadScenario(FileInfo? file, CliConsole console)
    {
        string json;
        if (file is null)
        {
            json = console.In.ReadToEnd();
            if (string.IsNullOrWhiteSpace(json))
            {
                throw new EpochScenarioException("No scenario on standard input; pass --input FILE or pipe a scenario JSON.");
            }
        }
        else
        {
            try
            {
                json = File.ReadAllText(file.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EpochScenarioException($"Cannot read '{file.FullName}': {e.Message}", e);
            }
        }

        return EpochScenario.Parse(json);
    }
}
