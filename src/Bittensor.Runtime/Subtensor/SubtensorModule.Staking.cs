using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Subtensor;

public sealed partial class SubtensorModule
{
    private bool DispatchStaking(Origin origin, RuntimeCall call) => false;
}
