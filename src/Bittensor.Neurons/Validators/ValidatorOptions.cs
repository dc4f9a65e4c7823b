namespace Bittensor.Neurons.Validators;

/// <summary>
/// Settings of a <see cref="ValidatorNeuron"/>. The chain's hyperparameters (tempo, min allowed weights, max weight
/// limit, weights version and rate limit, scaling law power) are read every epoch; the values below are what the chain
/// of this project does not store, with the first Finney runtime's initial values as defaults (spec §4.1).
/// </summary>
public sealed record ValidatorOptions
{
    /// <summary>The subnet.</summary>
    public required ushort Netuid { get; init; }

    /// <summary>Where state.json and epochs.jsonl live.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Miners queried per step (<c>--sample-size</c>; the reference's <c>nucleus.topk</c>, 20).</summary>
    public int SampleSize { get; init; } = 20;

    /// <summary>Per-query timeout (12 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Rows per step (ValidatorBatchSize: 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Context tokens sent to miners (ValidatorSequenceLength: 256).</summary>
    public int SequenceLength { get; init; } = 256;

    /// <summary>Held-out continuation tokens scored (<c>neuron.validation_len</c>: 8).</summary>
    public int ValidationLength { get; init; } = 8;

    /// <summary>Random tokens deleted from each row (ValidatorPruneLen: 1).</summary>
    public int PruneLength { get; init; } = 1;

    /// <summary>Top-k asked of miners (4096).</summary>
    public int TopK { get; init; } = 4096;

    /// <summary>Blocks per epoch; null: the subnet's tempo + 1 (one weight setting per chain epoch).</summary>
    public int? EpochBlocks { get; init; }

    /// <summary>Lowest scores dropped before normalising (ValidatorExcludeQuantile: 10 %).</summary>
    public double ExcludeQuantile { get; init; } = 0.1;

    /// <summary>Synergy exponent (SynergyScalingLawPower: 0.5).</summary>
    public double SynergyScalingLawPower { get; init; } = 0.5;

    /// <summary>Logits divergence penalty (ValidatorLogitsDivergence: 2 %).</summary>
    public double LogitsDivergencePenalty { get; init; } = 0.02;

    /// <summary>The version key sent with set_weights; the chain refuses it below the subnet's WeightsVersionKey.</summary>
    public ulong VersionKey { get; init; } = (ulong)Sdk.Axon.SdkVersion.Value;

    /// <summary>Least time between the starts of two steps, so an idle subnet is not hammered.</summary>
    public TimeSpan MinStepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often to read the chain's block while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long to wait before trying again when the node cannot be reached or does not answer (the validator keeps
    /// running; with a reconnecting client the next try opens a new connection).
    /// </summary>
    public TimeSpan NodeRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seeds rotation and batches for a new state; null: random.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Checks the values; a bad one is an <see cref="ArgumentException"/> naming it.</summary>
    public void Validate()
    {
        Check(SampleSize >= 1, $"sample size {SampleSize}: query at least 1 miner per step");
        Check(Timeout > TimeSpan.Zero, "the timeout must be positive");
        Check(NodeRetryDelay > TimeSpan.Zero, "the node retry delay must be positive");
        Check(BatchSize >= 1, $"batch size {BatchSize}: at least 1 row");
        Check(SequenceLength >= 1, $"sequence length {SequenceLength}: at least 1 token");
        Check(ValidationLength >= 1, $"validation length {ValidationLength}: at least 1 token");
        Check(PruneLength is >= 0 and <= 64, $"prune length {PruneLength}: 0 to 64 tokens");
        Check(TopK is >= 1 and <= 4096, $"top-k {TopK}: 1 to 4096");
        Check(EpochBlocks is null or >= 1, $"epoch length {EpochBlocks}: at least 1 block");
        Check(ExcludeQuantile is >= 0 and <= 1, $"exclude quantile {ExcludeQuantile}: between 0 and 1");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message + ".");
        }
    }
}
