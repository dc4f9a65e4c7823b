namespace Bittensor.Runtime.Epoch;

/// <summary>
/// What one epoch writes and returns (chain spec §6.3), indexed by uid. The arrays are reused when the same output
/// object is passed to another epoch of the same size.
/// </summary>
public sealed class EpochOutput
{
    public EpochOutput(int count)
    {
        Count = count;
        Active = new bool[count];
        Rank = new ushort[count];
        Trust = new ushort[count];
        Consensus = new ushort[count];
        Incentive = new ushort[count];
        Dividends = new ushort[count];
        ValidatorTrust = new ushort[count];
        PruningScore = new ushort[count];
        Emission = new ulong[count];
        ServerEmission = new ulong[count];
        ValidatorEmission = new ulong[count];
        ValidatorPermit = new bool[count];
        BondsWritten = new bool[count];
        BondRowStart = new int[count + 1];
        BondColumns = [];
        BondValues = [];
    }

    public int Count { get; }

    public bool[] Active { get; }

    public ushort[] Rank { get; }

    public ushort[] Trust { get; }

    public ushort[] Consensus { get; }

    public ushort[] Incentive { get; }

    public ushort[] Dividends { get; }

    public ushort[] ValidatorTrust { get; }

    public ushort[] PruningScore { get; }

    /// <summary>Combined emission (stored as <c>Emission</c>; informational), rao.</summary>
    public ulong[] Emission { get; }

    /// <summary>The miner (server) part paid to each uid's hotkey, rao.</summary>
    public ulong[] ServerEmission { get; }

    /// <summary>The validator part paid to each uid's hotkey, rao.</summary>
    public ulong[] ValidatorEmission { get; }

    /// <summary>Validator permits for the next epoch.</summary>
    public bool[] ValidatorPermit { get; }

    /// <summary>True where the epoch rewrote the uid's bond row (new permit: new row; lost permit: cleared).</summary>
    public bool[] BondsWritten { get; }

    /// <summary>Bond rows in storage after the epoch: row i is [BondRowStart[i], BondRowStart[i + 1]).</summary>
    public int[] BondRowStart { get; }

    public ushort[] BondColumns { get; internal set; }

    public ushort[] BondValues { get; internal set; }

    public ReadOnlySpan<ushort> BondRowColumns(int row) => BondColumns.AsSpan(BondRowStart[row], BondRowStart[row + 1] - BondRowStart[row]);

    public ReadOnlySpan<ushort> BondRowValues(int row) => BondValues.AsSpan(BondRowStart[row], BondRowStart[row + 1] - BondRowStart[row]);

    internal void EnsureBondCapacity(int entries)
    {
        if (BondColumns.Length < entries)
        {
            BondColumns = new ushort[entries];
            BondValues = new ushort[entries];
        }
    }
}
