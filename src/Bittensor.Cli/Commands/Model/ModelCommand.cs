using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Models.Corpus;
using Bittensor.Models.IO;

namespace Bittensor.Cli.Commands.Model;

/// <summary><c>btcli model</c>: tokenize, train, evaluate, sample from and benchmark the pure C# language models.</summary>
public static class ModelCommand
{
    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliConsole console) => new("model", "Language models: tokenize, train, evaluate, generate, benchmark.")
    {
        ModelTokenizeCommand.Create(console),
        ModelTrainCommand.Create(console),
        ModelEvalCommand.Create(console),
        ModelGenerateCommand.Create(console),
        ModelBenchCommand.Create(console),
    };

    /// <summary>
    /// Runs a command body and turns its errors into exit codes: bad options and missing inputs print
    /// <c>error: …</c> and give <see cref="Btcli.InvalidInput"/>; unreadable or damaged files and failed operations
    /// <see cref="Btcli.Failure"/>.
    /// </summary>
    internal static int Execute(CliConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is CliUsageException or DirectoryNotFoundException or FileNotFoundException or ArgumentException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return Btcli.InvalidInput;
        }
        catch (Exception e) when (e is InvalidDataException or SafeTensorsFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return Btcli.Failure;
        }
    }

    /// <summary>The corpus named by <c>--corpus</c>: a folder or file of .txt/.jsonl, or <c>dotnet-docs</c>.</summary>
    internal static TextCorpus OpenCorpus(string? pathOrName)
    {
        try
        {
            return TextCorpus.Open(pathOrName);
        }
        catch (DirectoryNotFoundException e) when (pathOrName is null or "" or TextCorpus.DotNetDocsName)
        {
            throw new CliUsageException($"{e.Message} Pass --corpus FOLDER with .txt or .jsonl files instead.");
        }
    }

    /// <summary>One part of a corpus as tokens, cached under the default token cache unless <paramref name="noCache"/>.</summary>
    internal static int[] Tokens(TextCorpus corpus, CorpusPart part, bool noCache) =>
        corpus.Tokenize(part, cacheDirectory: noCache ? null : TextCorpus.DefaultCacheDirectory);

    internal static Option<bool> JsonOption(string description = "Print the result as JSON.") => new("--json") { Description = description };

    internal static Option<bool> NoCacheOption() => new("--no-cache")
    {
        Description = "Tokenize the corpus again instead of reading or writing the token cache (~/.bittensor/cache/tokens).",
    };

    internal static string Text(double value, string format = "0.0000") => value.ToString(format, CultureInfo.InvariantCulture);

    internal static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    internal static void RequirePositive(double value, string option)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new CliUsageException($"{option} {value.ToString(CultureInfo.InvariantCulture)}: give a positive number.");
        }
    }
}
