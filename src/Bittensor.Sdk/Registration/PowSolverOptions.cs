namespace Bittensor.Sdk.Registration;

/// <summary>How <see cref="PowSolver"/> searches. Every property has a working default.</summary>
public sealed record PowSolverOptions
{
    /// <summary>Solver threads; each takes its own ranges of nonces. Default: one per processor.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Nonces each thread tries between re-readings of the chain (the reference client's <c>update_interval</c>,
    /// default 50,000). Threads also take their nonce ranges in runs of this size.
    /// </summary>
    public long UpdateInterval { get; init; } = 50_000;

    /// <summary>
    /// The chain is re-read at least this often, however few nonces were tried (a slow machine still notices new
    /// blocks). Default 2 seconds.
    /// </summary>
    public TimeSpan MaxUpdatePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// And at most this often, however many nonces were tried (a fast machine does not flood its node with
    /// requests). Default 250 ms.
    /// </summary>
    public TimeSpan MinUpdatePeriod { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How many blocks old the block a seal was computed on may be when the seal is found: a seal on block
    /// <c>B</c> found when the chain is at <c>H</c> is returned as <see cref="PowOutcome.Solved"/> if
    /// <c>H − B ≤ MaxBlockAge</c> and as <see cref="PowOutcome.Stale"/> otherwise. The chain accepts a seal in blocks
    /// <c>B</c> to <c>B + 2</c> (chain spec §4.3) and a transaction sent now lands in block <c>H + 1</c> at the
    /// earliest, so the default is 1.
    /// </summary>
    public int MaxBlockAge { get; init; } = 1;

    /// <summary>The first nonce tried on the first block; null picks a random one (as the reference client does).</summary>
    public ulong? StartNonce { get; init; }

    /// <summary>The hashing kernel; <see cref="PowKernel.Auto"/> picks the fastest this processor supports.</summary>
    public PowKernel Kernel { get; init; } = PowKernel.Auto;

    internal void Validate()
    {
        if (Threads < 1 || Threads > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be between 1 and 4096; the default is one per processor.");
        }

        if (UpdateInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(UpdateInterval), UpdateInterval, "UpdateInterval must be at least 1 nonce; the reference client uses 50,000.");
        }

        if (MinUpdatePeriod < TimeSpan.Zero || MaxUpdatePeriod <= TimeSpan.Zero || MinUpdatePeriod > MaxUpdatePeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxUpdatePeriod), $"Need 0 ≤ MinUpdatePeriod ≤ MaxUpdatePeriod and MaxUpdatePeriod > 0; got {MinUpdatePeriod} and {MaxUpdatePeriod}.");
        }

        if (MaxBlockAge < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBlockAge), MaxBlockAge, "MaxBlockAge must be 0 or more blocks; the chain accepts a seal for 2 blocks after its own.");
        }

        if (!PowSearch.IsSupported(Kernel))
        {
            throw new PlatformNotSupportedException($"The {Kernel} proof-of-work kernel needs instructions this processor lacks; use {nameof(PowKernel)}.{nameof(PowKernel.Auto)}.");
        }
    }
}
