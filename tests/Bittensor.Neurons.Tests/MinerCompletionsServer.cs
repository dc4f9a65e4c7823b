using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Bittensor.Models;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// A small OpenAI-compatible completions server on loopback (<c>POST /v1/completions</c>) backed by a real language
/// model: <c>logprobs</c> gives the model's top alternatives for the next token as token texts; otherwise the
/// continuation of the prompt, sampled with seed 0. A request whose <c>model</c> is <c>no-logprobs</c> gets no
/// log-probabilities, like a server that does not offer them.
/// </summary>
internal sealed class MinerCompletionsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ILanguageModel _model;
    private readonly Task _loop;

    public MinerCompletionsServer(ILanguageModel model)
    {
        _model = model;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public int Requests { get; private set; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Requests++;
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            var reply = context.Request.Url!.AbsolutePath == "/v1/completions" ? Complete(request) : null;
            context.Response.StatusCode = reply is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes((reply ?? new JsonObject { ["error"] = "not found" }).ToJsonString());
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private JsonObject Complete(JsonObject request)
    {
        var tokenizer = Gpt2Tokenizer.Standard;
        var prompt = tokenizer.Encode(request["prompt"]!.GetValue<string>());
        var choice = new JsonObject { ["index"] = 0, ["finish_reason"] = "length" };
        if (request["logprobs"] is { } n && request["model"]?.GetValue<string>() != "no-logprobs")
        {
            var top = _model.NextTokenTopK(prompt, n.GetValue<int>());
            var alternatives = new JsonObject();
            for (var i = 0; i < top.TokenIds.Length; i++)
            {
                alternatives[tokenizer.Decode([top.TokenIds[i]])] = Math.Log(top.Probabilities[i]);
            }

            choice["text"] = tokenizer.Decode([top.TokenIds[0]]);
            choice["logprobs"] = new JsonObject { ["top_logprobs"] = new JsonArray(alternatives) };
        }
        else
        {
            var options = new SamplingOptions
            {
                Temperature = request["temperature"]!.GetValue<float>(),
                TopP = request["top_p"]!.GetValue<float>(),
            };
            choice["text"] = tokenizer.Decode([.. LanguageModels.Generate(_model, prompt, request["max_tokens"]!.GetValue<int>(), options, 0)]);
        }

        return new JsonObject { ["id"] = "cmpl-test", ["object"] = "text_completion", ["choices"] = new JsonArray(choice) };
    }
}
