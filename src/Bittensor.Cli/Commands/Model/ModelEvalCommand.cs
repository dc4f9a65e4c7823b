using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Bittensor.Models;
using Bittensor.Models.Corpus;

namespace Bittensor.Cli.Commands.Model;

/// <summary><c>btcli model eval</c>: a model's held-out loss (nats/token) and perplexity on a corpus.</summary>
public static class ModelEvalCommand
{
    public static Command Create(CliConsole console)
    {
        var modelOption = new Option<string>("--model") { Description = "The model file: an n-gram model or a GPT safetensors checkpoint.", Required = true };
        var corpusOption = new Option<string>("--corpus", "-c")
        {
            Description = "The corpus whose held-out split is scored: a folder (or file) of .txt/.jsonl, or 'dotnet-docs'.",
            DefaultValueFactory = _ => TextCorpus.DotNetDocsName,
        };
        var maxTokensOption = new Option<int>("--max-tokens") { Description = "Score at most the first N held-out tokens (0: all)." };
        var jsonOption = ModelCommand.JsonOption();
        var noCacheOption = ModelCommand.NoCacheOption();
        var command = new Command("eval", "Measure a model's held-out loss (nats per token) and perplexity on a corpus.")
        {
            modelOption, corpusOption, maxTokensOption, jsonOption, noCacheOption,
        };
        command.SetAction(parseResult => ModelCommand.Execute(console, () =>
        {
            var path = parseResult.GetValue(modelOption)!;
            var maxTokens = parseResult.GetValue(maxTokensOption);
            if (maxTokens is < 0 or 1)
            {
                throw new CliUsageException($"--max-tokens {maxTokens}: give 0 (all) or at least 2 tokens (a context and a target).");
            }

            var kind = File.Exists(path) ? LanguageModels.DetectKind(path) : LanguageModelFileKind.Unknown;
            var model = LanguageModels.Load(path);
            var corpus = ModelCommand.OpenCorpus(parseResult.GetValue(corpusOption));
            var tokens = ModelCommand.Tokens(corpus, CorpusPart.HeldOut, parseResult.GetValue(noCacheOption));
            if (maxTokens > 0 && tokens.Length > maxTokens)
            {
                tokens = tokens[..maxTokens];
            }

            if (tokens.Length < 2)
            {
                throw new CliUsageException($"--corpus {corpus.Name}: the held-out split has {tokens.Length} tokens; it needs at least 2. Give it more documents (one in {TextCorpus.HeldOutOneIn} is held out).");
            }

            var clock = Stopwatch.StartNew();
            var loss = model.CrossEntropy(tokens);
            var seconds = clock.Elapsed.TotalSeconds;
            if (parseResult.GetValue(jsonOption))
            {
                console.Out.WriteLine(new JsonObject
                {
                    ["model"] = Path.GetFullPath(path),
                    ["kind"] = kind == LanguageModelFileKind.NGram ? "ngram" : "gpt",
                    ["description"] = model.Description,
                    ["corpus"] = corpus.Name,
                    ["tokens"] = tokens.Length - 1,
                    ["loss"] = ModelCommand.Number(loss),
                    ["perplexity"] = ModelCommand.Number(Math.Exp(loss)),
                    ["seconds"] = seconds,
                }.ToJsonString(ModelCommand.Indented));
            }
            else
            {
                console.Out.WriteLine($"model       {path}: {model.Description}");
                console.Out.WriteLine($"corpus      {corpus.Name}, held-out split, {tokens.Length - 1:N0} predictions in {ModelCommand.Text(seconds, "0.0")} s");
                console.Out.WriteLine($"loss        {ModelCommand.Text(loss)} nats/token");
                console.Out.WriteLine($"perplexity  {ModelCommand.Text(Math.Exp(loss), "0.00")}");
            }

            return 0;
        }));
        return command;
    }
}
