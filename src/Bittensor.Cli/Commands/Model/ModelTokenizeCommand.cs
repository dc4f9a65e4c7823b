using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Models.Tokenization;

namespace Bittensor.Cli.Commands.Model;

/// <summary><c>btcli model tokenize</c>: the standard (GPT-2) tokenizer's ids for a text, or the text of ids with <c>--decode</c>.</summary>
public static class ModelTokenizeCommand
{
    public static Command Create(CliConsole console)
    {
        var textOption = new Option<string>("--text", "-t")
        {
            Description = "The text to encode; with --decode, token ids as a JSON array or separated by spaces or commas.",
            Required = true,
        };
        var decodeOption = new Option<bool>("--decode", "-d") { Description = "Decode token ids into text instead of encoding." };
        var jsonOption = ModelCommand.JsonOption("Print JSON: the ids as an array (always), or the decoded text as a JSON string.");
        var command = new Command("tokenize", "Encode text with the network's standard GPT-2 tokenizer, or decode ids back to text.")
        {
            textOption,
            decodeOption,
            jsonOption,
        };
        command.SetAction(parseResult => ModelCommand.Execute(console, () =>
        {
            var text = parseResult.GetValue(textOption)!;
            var tokenizer = Gpt2Tokenizer.Standard;
            if (!parseResult.GetValue(decodeOption))
            {
                var ids = tokenizer.Encode(text);
                console.Out.WriteLine(new JsonArray(ids.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()).ToJsonString());
                return 0;
            }

            var tokens = ParseIds(text, tokenizer.VocabularySize);
            var decoded = tokenizer.Decode(tokens);
            console.Out.WriteLine(parseResult.GetValue(jsonOption) ? JsonSerializer.Serialize(decoded) : decoded);
            return 0;
        }));
        return command;
    }

    /// <summary>Token ids from a JSON array or a list separated by spaces and/or commas.</summary>
    internal static int[] ParseIds(string text, int vocabularySize)
    {
        var trimmed = text.Trim();
        List<string> items;
        if (trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                items = [];
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    items.Add(element.ValueKind == JsonValueKind.Number ? element.GetRawText() : $"'{element}'");
                }
            }
            catch (JsonException e)
            {
                throw new CliUsageException($"--text is not a valid JSON array of token ids ({e.Message}); write e.g. [15496, 995] or 15496 995.");
            }
        }
        else
        {
            items = [.. trimmed.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];
        }

        var ids = new int[items.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!int.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]) || ids[i] >= vocabularySize)
            {
                throw new CliUsageException(
                    $"--text: '{items[i]}' (item {i + 1}) is not a token id; ids are whole numbers from 0 to {vocabularySize - 1}.");
            }
        }

        return ids;
    }
}
