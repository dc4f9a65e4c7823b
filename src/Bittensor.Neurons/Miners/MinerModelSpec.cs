using System.Globalization;

namespace Bittensor.Neurons.Miners;

/// <summary>The kinds of backend a <c>--model</c> SPEC names.</summary>
public enum MinerModelKind
{
    /// <summary>A model file; its kind (n-gram or GPT) is read from its first bytes.</summary>
    File,

    /// <summary><c>ngram:PATH</c>.</summary>
    NGram,

    /// <summary><c>gpt:PATH</c>.</summary>
    Gpt,

    /// <summary><c>openai:URL</c>.</summary>
    OpenAi,

    /// <summary><c>noise</c>.</summary>
    Noise,

    /// <summary><c>constant</c> or <c>constant:CORPUS</c>.</summary>
    Constant,

    /// <summary><c>copycat:UID</c>.</summary>
    Copycat,

    /// <summary><c>slow</c> or <c>slow:INNER_SPEC</c>.</summary>
    Slow,

    /// <summary><c>broken</c>.</summary>
    Broken,
}

/// <summary>
/// A parsed <c>--model</c> SPEC: a model file path, <c>ngram:PATH</c>, <c>gpt:PATH</c>, <c>openai:URL</c>, or a test
/// miner: <c>noise</c>, <c>constant[:CORPUS]</c> (default corpus: dotnet-docs), <c>copycat:UID</c>,
/// <c>slow[:INNER_SPEC]</c> (default inner: noise), <c>broken</c>.
/// </summary>
/// <param name="Kind">What to build.</param>
/// <param name="Argument">The path, URL or corpus (null when none was given).</param>
/// <param name="Uid">The copied UID (copycat).</param>
/// <param name="Inner">The wrapped spec (slow).</param>
public sealed record MinerModelSpec(MinerModelKind Kind, string? Argument = null, ushort Uid = 0, MinerModelSpec? Inner = null)
{
    /// <summary>What SPEC may be, for error messages and help.</summary>
    public const string Syntax = "a model file, ngram:PATH, gpt:PATH, openai:URL, noise, constant[:CORPUS], copycat:UID, slow[:SPEC] or broken";

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a SPEC; the message says what is wrong and what SPEC may be.</exception>
    public static MinerModelSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"--model is empty: give {Syntax}.");
        }

        text = text.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var head = (colon < 0 ? text : text[..colon]).ToLowerInvariant();
        var rest = colon < 0 ? null : text[(colon + 1)..];
        switch (head)
        {
            case "noise" or "broken" when rest is not null:
                throw new FormatException($"--model '{text}': {head} takes no argument.");
            case "noise":
                return new MinerModelSpec(MinerModelKind.Noise);
            case "broken":
                return new MinerModelSpec(MinerModelKind.Broken);
            case "constant":
                return new MinerModelSpec(MinerModelKind.Constant, string.IsNullOrEmpty(rest) ? null : rest);
            case "slow":
                return new MinerModelSpec(MinerModelKind.Slow, Inner: string.IsNullOrEmpty(rest) ? new MinerModelSpec(MinerModelKind.Noise) : Parse(rest));
            case "copycat":
                if (!ushort.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
                {
                    throw new FormatException($"--model '{text}': copycat needs the UID to copy, a number from 0 to 65535 (e.g. copycat:3).");
                }

                return new MinerModelSpec(MinerModelKind.Copycat, Uid: uid);
            case "ngram" or "gpt":
                return string.IsNullOrWhiteSpace(rest)
                    ? throw new FormatException($"--model '{text}': {head} needs the model file's path ({head}:PATH).")
                    : new MinerModelSpec(head == "gpt" ? MinerModelKind.Gpt : MinerModelKind.NGram, rest);
            case "openai":
                if (!Uri.TryCreate(rest, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    throw new FormatException($"--model '{text}': openai needs the completions server's URL, e.g. openai:http://127.0.0.1:8000.");
                }

                return new MinerModelSpec(MinerModelKind.OpenAi, url.AbsoluteUri);
            default:
                if (colon > 1 && !File.Exists(text) && head.All(char.IsAsciiLetterOrDigit))
                {
                    throw new FormatException($"--model '{text}': unknown kind '{head}'; give {Syntax}.");
                }

                return new MinerModelSpec(MinerModelKind.File, text);
        }
    }

    public override string ToString() => Kind switch
    {
        MinerModelKind.File => Argument!,
        MinerModelKind.NGram => "ngram:" + Argument,
        MinerModelKind.Gpt => "gpt:" + Argument,
        MinerModelKind.OpenAi => "openai:" + Argument,
        MinerModelKind.Noise => "noise",
        MinerModelKind.Constant => Argument is null ? "constant" : "constant:" + Argument,
        MinerModelKind.Copycat => string.Create(CultureInfo.InvariantCulture, $"copycat:{Uid}"),
        MinerModelKind.Slow => "slow:" + Inner,
        _ => "broken",
    };
}
