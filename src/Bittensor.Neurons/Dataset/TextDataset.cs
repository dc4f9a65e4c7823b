using Bittensor.Models.Corpus;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;

namespace Bittensor.Neurons.Dataset;

/// <summary>
/// The validator's text: one or more named domains, each a <see cref="TextCorpus"/> (the .NET SDK's XML documentation,
/// a folder of <c>.txt</c>/<c>.jsonl</c> files, or such a folder checked against its <see cref="ShardManifest"/>),
/// tokenised with the standard GPT-2 tokenizer. Only the corpora's <b>held-out</b> parts are sampled: miners train on
/// the train parts, so a validator never scores text a miner could have memorised from the shared corpus.
/// </summary>
public sealed class TextDataset
{
    private TextDataset(IReadOnlyList<DatasetDomain> domains) => Domains = domains;

    /// <summary>The domains, in the order they were named.</summary>
    public IReadOnlyList<DatasetDomain> Domains { get; }

    /// <summary>Held-out tokens over every domain.</summary>
    public long TokenCount => Domains.Sum(d => (long)d.Tokens.Length);

    /// <summary>
    /// Opens the dataset a command line names: a comma-separated list of domains, each <c>[name=]source</c> where the
    /// source is <c>dotnet-docs</c> (the default, also for an empty value), a folder or file of <c>.txt</c>/<c>.jsonl</c>,
    /// or a folder holding a <c>manifest.json</c> (verified first) or the manifest file itself. Token streams are cached
    /// in <paramref name="cacheDirectory"/> (null: no cache).
    /// </summary>
    /// <exception cref="ArgumentException">A malformed list, a repeated name, or a domain too short to sample from.</exception>
    /// <exception cref="InvalidDataException">A manifest does not match its files (the message names the file).</exception>
    public static TextDataset Open(string? spec, string? cacheDirectory = null, int minimumTokens = 1024)
    {
        var parts = string.IsNullOrWhiteSpace(spec) ? [TextCorpus.DotNetDocsName] : spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var domains = new List<DatasetDomain>();
        foreach (var part in parts)
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var source = equals >= 0 ? part[(equals + 1)..].Trim() : part;
            var name = equals >= 0 ? part[..equals].Trim() : DefaultName(source);
            if (name.Length == 0 || source.Length == 0)
            {
                throw new ArgumentException($"Dataset '{part}': give a source, or name=source (e.g. docs=dotnet-docs).", nameof(spec));
            }

            if (domains.Any(d => d.Name == name))
            {
                throw new ArgumentException($"Dataset domain '{name}' is named twice; give each domain its own name with name=source.", nameof(spec));
            }

            var corpus = OpenCorpus(source);
            var tokens = corpus.Tokenize(CorpusPart.HeldOut, Gpt2Tokenizer.Standard, cacheDirectory);
            if (tokens.Length < minimumTokens)
            {
                throw new ArgumentException(
                    $"Dataset domain '{name}' ({corpus.Name}) has {tokens.Length} held-out tokens, fewer than the {minimumTokens} needed; one document in {TextCorpus.HeldOutOneIn} is held out, so give it more text.",
                    nameof(spec));
            }

            domains.Add(new DatasetDomain(name, corpus, tokens));
        }

        return new TextDataset(domains);
    }

    /// <summary>A dataset over domains already built (their token streams must be non-empty).</summary>
    public static TextDataset FromDomains(IReadOnlyList<DatasetDomain> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0 || domains.Any(d => d.Tokens.Length == 0))
        {
            throw new ArgumentException("A dataset needs at least one domain, each with tokens.", nameof(domains));
        }

        return new TextDataset(domains);
    }

    /// <summary>
    /// <paramref name="batch"/> windows of <paramref name="length"/> consecutive held-out tokens, a function of
    /// <paramref name="seed"/> alone (the same seed gives the same batch on every machine): each row picks a domain
    /// uniformly, then a start uniformly among the positions where a whole window fits.
    /// </summary>
    public TokenBatch Sample(ulong seed, int batch, int length)
    {
        if (batch < 1 || length < 1)
        {
            throw new ArgumentOutOfRangeException(batch < 1 ? nameof(batch) : nameof(length), "A batch needs at least one row of at least one token.");
        }

        foreach (var domain in Domains)
        {
            if (domain.Tokens.Length < length)
            {
                throw new ArgumentException($"Dataset domain '{domain.Name}' has {domain.Tokens.Length} held-out tokens, fewer than a window of {length}; use shorter windows or more text.", nameof(length));
            }
        }

        var random = new Xoshiro256StarStar(seed);
        var rows = new int[batch][];
        var names = new string[batch];
        for (var b = 0; b < batch; b++)
        {
            var domain = Domains[(int)(random.NextUInt64() % (ulong)Domains.Count)];
            var start = (int)(random.NextUInt64() % (ulong)(domain.Tokens.Length - length + 1));
            rows[b] = domain.Tokens.AsSpan(start, length).ToArray();
            names[b] = domain.Name;
        }

        return new TokenBatch(rows, names);
    }

    private static TextCorpus OpenCorpus(string source)
    {
        if (source == TextCorpus.DotNetDocsName)
        {
            return TextCorpus.DotNetDocs();
        }

        var manifestPath = File.Exists(source) && Path.GetFileName(source) == ShardManifest.FileName
            ? source
            : Directory.Exists(source) && File.Exists(Path.Combine(source, ShardManifest.FileName)) ? Path.Combine(source, ShardManifest.FileName) : null;
        if (manifestPath is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
            ShardManifest.Load(manifestPath).Verify(folder);
            return TextCorpus.FromFolder(folder);
        }

        return TextCorpus.FromFolder(source);
    }

    private static string DefaultName(string source)
    {
        if (source == TextCorpus.DotNetDocsName)
        {
            return source;
        }

        var full = Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar);
        if (Path.GetFileName(full) == ShardManifest.FileName)
        {
            full = Path.GetDirectoryName(full)!;
        }

        return Path.GetFileNameWithoutExtension(full);
    }
}
