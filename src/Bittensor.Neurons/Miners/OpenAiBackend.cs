using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Models;
using Bittensor.Models.Tokenization;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A miner whose model runs elsewhere, behind an OpenAI-compatible completions server (<c>POST {url}/v1/completions</c>;
/// vLLM, llama.cpp's server, text-generation-inference's OpenAI route and others speak it).
/// </summary>
/// <remarks>
/// <para>TextCausalLMNext: the request's tokens are decoded to text and sent as the <c>prompt</c> with
/// <c>max_tokens</c> 1, <c>temperature</c> 0 and <c>logprobs</c> = min(k, <see cref="MaxLogprobs"/>). The server answers
/// in its own tokenizer: each returned token's text is re-tokenised with the standard GPT-2 tokenizer and its
/// probability given to the first GPT-2 token of that phrase (spec §4.2; two server tokens with the same first GPT-2
/// token add up), so k is at most what the server returns, and the rest of the mass is the floor.</para>
/// <para>TextGeneration: the decoded prompt with the request's <c>max_tokens</c>, <c>temperature</c> and
/// <c>top_p</c>; the server's text is returned as one piece.</para>
/// <para>TextCausalLM and TextLastHiddenState are not served: a completions server gives neither per-position
/// distributions over the standard vocabulary nor hidden states, and the axon answers 404 for them.</para>
/// </remarks>
public sealed class OpenAiBackend : MinerBackend
{
    /// <summary>Most alternatives asked per token; OpenAI's own API allows 5, vLLM 20 by default.</summary>
    public const int DefaultMaxLogprobs = 20;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _completions;
    private readonly Gpt2Tokenizer _tokenizer;

    /// <param name="baseUrl">The server, e.g. <c>http://gpu-box:8000</c> (a trailing <c>/v1</c> is accepted).</param>
    /// <param name="model">The <c>model</c> field of every request (servers with one model ignore it).</param>
    /// <param name="http">The client to send with (default: a new one with a 60 s timeout).</param>
    /// <param name="tokenizer">The standard tokenizer (default GPT-2's).</param>
    public OpenAiBackend(Uri baseUrl, string? model = null, HttpClient? http = null, Gpt2Tokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The completions server '{baseUrl}' must be an http:// or https:// URL.", nameof(baseUrl));
        }

        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.Ordinal))
        {
            root = root[..^3];
        }

        _completions = new Uri(root + "/v1/completions");
        ModelName = model;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        _tokenizer = tokenizer ?? Gpt2Tokenizer.Standard;
    }

    public string? ModelName { get; }

    /// <summary>Most alternatives asked for per token.</summary>
    public int MaxLogprobs { get; init; } = DefaultMaxLogprobs;

    public override string Description => $"OpenAI-compatible completions at {_completions}{(ModelName is null ? string.Empty : $" (model {ModelName})")}";

    public override bool Serves(string synapseName) => synapseName is TextCausalLMNext.RouteName or TextGeneration.RouteName;

    public override async ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        var answers = new NextTokenDistribution[rows.Length];
        for (var b = 0; b < rows.Length; b++)
        {
            answers[b] = await NextTokensAsync(_tokenizer.Decode(rows[b]), request.Topk, cancellationToken).ConfigureAwait(false);
        }

        MinerAnswers.Fill(request, answers, MinerAnswers.NextPrefix(rows), _tokenizer.VocabularySize);
        return request;
    }

    /// <summary>The server's top alternatives for the token after <paramref name="prompt"/>, mapped to GPT-2 ids.</summary>
    /// <exception cref="OpenAiServerException">The server failed or gave no log-probabilities.</exception>
    public async Task<NextTokenDistribution> NextTokensAsync(string prompt, int k, CancellationToken cancellationToken)
    {
        var body = Request(prompt, maxTokens: 1, temperature: 0, topP: 1);
        body["logprobs"] = Math.Clamp(k, 1, MaxLogprobs);
        var choice = await PostAsync(body, cancellationToken).ConfigureAwait(false);
        if (choice["logprobs"]?["top_logprobs"] is not JsonArray { Count: > 0 } top || top[0] is not JsonObject alternatives)
        {
            throw new OpenAiServerException($"{_completions} gave no logprobs.top_logprobs, so it cannot answer TextCausalLMNext; use a server that returns log-probabilities (e.g. vLLM).");
        }

        var mass = new Dictionary<int, double>();
        foreach (var (text, value) in alternatives)
        {
            if (value is null || value.GetValueKind() != JsonValueKind.Number)
            {
                throw new OpenAiServerException($"{_completions}: the log-probability of '{text}' is not a number.");
            }

            var ids = _tokenizer.Encode(text);
            if (ids.Length == 0)
            {
                continue;
            }

            var p = Math.Exp(value.GetValue<double>());
            mass[ids[0]] = mass.GetValueOrDefault(ids[0]) + p;
        }

        if (mass.Count == 0)
        {
            throw new OpenAiServerException($"{_completions} returned no usable alternative for the next token.");
        }

        var ranked = mass.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(Math.Max(1, k)).ToArray();
        var total = ranked.Sum(p => p.Value);
        var scale = total > 1 ? 1 / total : 1;
        var probabilities = ranked.Select(p => (float)(p.Value * scale)).ToArray();
        return new NextTokenDistribution([.. ranked.Select(p => p.Key)], probabilities, (float)Math.Max(0, 1 - (total * scale)));
    }

    public override async IAsyncEnumerable<string> GenerateAsync(TextGeneration request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var choice = await PostAsync(Request(request.Prompt ?? string.Empty, request.MaxTokens, request.Temperature, request.TopP), cancellationToken).ConfigureAwait(false);
        if (choice["text"] is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            throw new OpenAiServerException($"{_completions}: the first choice has no text.");
        }

        yield return text.GetValue<string>();
    }

    public override ValueTask DisposeAsync()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        return base.DisposeAsync();
    }

    private JsonObject Request(string prompt, int maxTokens, double temperature, double topP)
    {
        var body = new JsonObject
        {
            ["prompt"] = prompt,
            ["max_tokens"] = maxTokens,
            ["temperature"] = temperature,
            ["top_p"] = topP,
            ["n"] = 1,
            ["stream"] = false,
        };
        if (ModelName is not null)
        {
            body["model"] = ModelName;
        }

        return body;
    }

    private async Task<JsonObject> PostAsync(JsonObject body, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(_completions, body, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new OpenAiServerException($"cannot reach the completions server at {_completions}: {e.Message}", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new OpenAiServerException(string.Create(CultureInfo.InvariantCulture, $"{_completions} answered {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}"));
            }

            try
            {
                if (JsonNode.Parse(text)?["choices"] is JsonArray { Count: > 0 } choices && choices[0] is JsonObject choice)
                {
                    return choice;
                }
            }
            catch (JsonException e)
            {
                throw new OpenAiServerException($"{_completions} did not answer JSON: {e.Message}", e);
            }

            throw new OpenAiServerException($"{_completions} answered without choices; is it an OpenAI-compatible completions server?");
        }
    }
}
