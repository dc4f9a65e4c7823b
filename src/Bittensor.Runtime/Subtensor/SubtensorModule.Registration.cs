using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Subtensor;

public sealed partial class SubtensorModule
{
    private bool DispatchRegistration(Origin origin, RuntimeCall call) => false;
}
