namespace Bittensor.Node.Chain;

/// <summary>The outcome of building a block: the block as imported, and the candidates that were left out.</summary>
public sealed record ProducedBlock(ImportedBlock Block, IReadOnlyList<RejectedTransaction> Rejected);
