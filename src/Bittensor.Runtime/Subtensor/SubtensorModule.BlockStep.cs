namespace Bittensor.Runtime.Subtensor;

public sealed partial class SubtensorModule
{
    /// <summary>The per-block processing of chain spec §5, run at the start of every block before any transaction.</summary>
    public void BlockStep()
    {
    }
}
