namespace Bittensor.Runtime.Epoch;

/// <summary>
/// Everything one subnet's epoch reads (chain spec §6.1), as plain arrays indexed by uid 0..n−1.
/// </summary>
public sealed class EpochInput
{
    public EpochInput(
        ulong block,
        ulong raoEmission,
        EpochParameters parameters,
        ulong[] stake,
        ulong[] lastUpdate,
        ulong[] blockAtRegistration,
        bool[] validatorPermit,
        SparseU16Matrix weights,
        SparseU16Matrix bonds)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(stake);
        ArgumentNullException.ThrowIfNull(lastUpdate);
        ArgumentNullException.ThrowIfNull(blockAtRegistration);
        ArgumentNullException.ThrowIfNull(validatorPermit);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bonds);
        var n = stake.Length;
        if (n > ushort.MaxValue + 1)
        {
            throw new ArgumentException($"A subnet holds at most 65536 uids, got {n}.", nameof(stake));
        }

        if (lastUpdate.Length != n || blockAtRegistration.Length != n || validatorPermit.Length != n
            || weights.Rows != n || bonds.Rows != n)
        {
            throw new ArgumentException("Every per-uid vector and matrix must have one entry per uid.", nameof(stake));
        }

        Block = block;
        RaoEmission = raoEmission;
        Parameters = parameters;
        Stake = stake;
        LastUpdate = lastUpdate;
        BlockAtRegistration = blockAtRegistration;
        ValidatorPermit = validatorPermit;
        Weights = weights;
        Bonds = bonds;
    }

    /// <summary>Number of uids, n.</summary>
    public int Count => Stake.Length;

    /// <summary>The current block, b.</summary>
    public ulong Block { get; }

    /// <summary>The rao this epoch distributes, E.</summary>
    public ulong RaoEmission { get; }

    public EpochParameters Parameters { get; }

    /// <summary>Total stake of each uid's hotkey, rao.</summary>
    public ulong[] Stake { get; }

    public ulong[] LastUpdate { get; }

    public ulong[] BlockAtRegistration { get; }

    /// <summary>Validator permits left by the previous epoch.</summary>
    public bool[] ValidatorPermit { get; }

    /// <summary>Stored weight rows (validator i → miner j), raw u16.</summary>
    public SparseU16Matrix Weights { get; }

    /// <summary>Stored bond rows, column max-upscaled u16.</summary>
    public SparseU16Matrix Bonds { get; }
}
