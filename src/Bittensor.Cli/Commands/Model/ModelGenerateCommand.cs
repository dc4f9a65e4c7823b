using System.CommandLine;
using System.Text;
using Bittensor.Models;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;

namespace Bittensor.Cli.Commands.Model;

/// <summary><c>btcli model generate</c>: streams a model's continuation of a prompt to standard output.</summary>
public static class ModelGenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var modelOption = new Option<string>("--model") { Description = "The model file: an n-gram model or a GPT safetensors checkpoint.", Required = true };
        var promptOption = new Option<string>("--prompt", "-p") { Description = "The text to continue (empty: the start of a document).", DefaultValueFactory = _ => "" };
        var maxTokensOption = new Option<int>("--max-tokens") { Description = "Tokens to generate at most (stops early at <|endoftext|>).", DefaultValueFactory = _ => 100 };
        var temperatureOption = new Option<float>("--temperature") { Description = "Sampling temperature; 0 is greedy.", DefaultValueFactory = _ => 1f };
        var topKOption = new Option<int>("--top-k") { Description = "Draw only from the K most likely tokens (0: no limit)." };
        var topPOption = new Option<float>("--top-p") { Description = "Draw only from the smallest set of tokens whose probability reaches P.", DefaultValueFactory = _ => 1f };
        var seedOption = new Option<ulong>("--seed") { Description = "Seed of the sampler: the same seed gives the same text.", DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Continue a prompt with a model, streaming the text to standard output.")
        {
            modelOption, promptOption, maxTokensOption, temperatureOption, topKOption, topPOption, seedOption,
        };
        command.SetAction(parseResult => ModelCommand.Execute(console, () =>
        {
            var maxTokens = parseResult.GetValue(maxTokensOption);
            if (maxTokens < 0)
            {
                throw new CliUsageException($"--max-tokens {maxTokens}: give a number of tokens of 0 or more.");
            }

            var options = new SamplingOptions
            {
                Temperature = parseResult.GetValue(temperatureOption),
                TopK = parseResult.GetValue(topKOption),
                TopP = parseResult.GetValue(topPOption),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"{e.Message} (check --temperature ≥ 0, --top-k ≥ 0 and --top-p in (0, 1]).");
            }

            var model = LanguageModels.Load(parseResult.GetValue(modelOption)!);
            var tokenizer = Gpt2Tokenizer.Standard;
            var prompt = parseResult.GetValue(promptOption)!;
            var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
            var characters = new char[64];
            console.Out.Write(prompt);
            foreach (var token in LanguageModels.Generate(model, tokenizer.Encode(prompt), maxTokens, options, parseResult.GetValue(seedOption)))
            {
                var bytes = tokenizer.TokenBytes(token);
                if (characters.Length < bytes.Length + 4)
                {
                    characters = new char[bytes.Length + 4];
                }

                var count = decoder.GetChars(bytes, characters, flush: false);
                console.Out.Write(characters, 0, count);
                console.Out.Flush();
            }

            var rest = decoder.GetChars([], characters, flush: true);
            console.Out.Write(characters, 0, rest);
            console.Out.WriteLine();
            return 0;
        }));
        return command;
    }
}
