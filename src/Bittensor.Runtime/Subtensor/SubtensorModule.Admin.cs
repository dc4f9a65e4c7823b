using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Subtensor;

public sealed partial class SubtensorModule
{
    private bool DispatchAdmin(Origin origin, RuntimeCall call) => false;
}
