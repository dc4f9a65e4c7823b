using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Frame;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Governance;

/// <summary>
/// Governance (chain spec §7.3): the sudo key, the triumvirate collective and its motions, the triumvirate and
/// senate memberships.
/// </summary>
public sealed partial class GovernanceModule
{
    public const string Module = "Governance";

    public GovernanceModule(StateAccess state, SystemModule system, BalancesModule balances, SubtensorModule subtensor)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        System = system ?? throw new ArgumentNullException(nameof(system));
        Balances = balances ?? throw new ArgumentNullException(nameof(balances));
        Subtensor = subtensor ?? throw new ArgumentNullException(nameof(subtensor));
    }

    public StateAccess State { get; }

    public SystemModule System { get; }

    public BalancesModule Balances { get; }

    public SubtensorModule Subtensor { get; }

    /// <summary>Runs a governance call; <paramref name="dispatch"/> runs a nested call (sudo, approved motions).</summary>
    public bool Dispatch(Origin origin, RuntimeCall call, Action<Origin, RuntimeCall> dispatch) => false;
}
