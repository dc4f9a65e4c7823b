namespace Bittensor.Runtime.Subtensor;

/// <summary>When each subnet's epoch runs (chain spec §5.2).</summary>
public static class EpochSchedule
{
    /// <summary>
    /// Blocks left until subnet <paramref name="netuid"/> runs its epoch: <c>tempo − (block + netuid + 1) mod (tempo + 1)</c>,
    /// or 1000 when the tempo is 0 (the subnet never runs one). Zero means the epoch runs in this block.
    /// </summary>
    public static ulong BlocksUntilNextEpoch(ushort netuid, ushort tempo, ulong block)
    {
        if (tempo == 0)
        {
            return 1000;
        }

        var period = (ulong)tempo + 1;
        return tempo - (unchecked(block + netuid + 1) % period);
    }
}
