using Bittensor.Models.Corpus;

namespace Bittensor.Neurons.Dataset;

/// <summary>One named source of a <see cref="TextDataset"/>: its corpus and the tokens of the corpus's held-out part.</summary>
/// <param name="Name">The domain's name (<c>dotnet-docs</c>, a folder's name, or the name given as <c>name=…</c>).</param>
/// <param name="Corpus">Where its text comes from.</param>
/// <param name="Tokens">The held-out part as one GPT-2 token stream (documents separated by end-of-text).</param>
public sealed record DatasetDomain(string Name, TextCorpus Corpus, int[] Tokens);
