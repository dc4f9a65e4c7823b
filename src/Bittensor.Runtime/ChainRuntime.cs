using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Frame;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Governance;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime;

/// <summary>
/// The state machine: every module over one <see cref="StateAccess"/>, the call decoder and the dispatcher. The
/// executive (block initialisation, transaction validation and application) drives it.
/// </summary>
public sealed class ChainRuntime
{
    public ChainRuntime(IKeyValueStore store)
    {
        State = new StateAccess(store);
        System = new SystemModule(State);
        Balances = new BalancesModule(State, System);
        Subtensor = new SubtensorModule(State, System, Balances);
        Governance = new GovernanceModule(State, System, Balances, Subtensor);
        Subtensor.ConnectGovernance(Governance, DispatchUnchecked);
        Balances.Burned += amount => Subtensor.S.TotalIssuance.Set(Sat.Sub(Subtensor.S.TotalIssuance.Get(), amount));
    }

    public StateAccess State { get; }

    public SystemModule System { get; }

    public BalancesModule Balances { get; }

    public SubtensorModule Subtensor { get; }

    public GovernanceModule Governance { get; }

    /// <summary>
    /// Runs <paramref name="call"/> as <paramref name="origin"/> in its own storage layer: on failure every write and
    /// event of the call is discarded and the error returned; null on success.
    /// </summary>
    public DispatchError? Dispatch(Origin origin, RuntimeCall call)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(call);
        return State.TryInLayer(() => DispatchUnchecked(origin, call));
    }

    private void DispatchUnchecked(Origin origin, RuntimeCall call)
    {
        switch (call)
        {
            case SubtensorCall or AdminCall:
                Subtensor.Dispatch(origin, call);
                break;
            case BalancesCall b:
                DispatchBalances(origin, b);
                break;
            default:
                if (!Governance.Dispatch(origin, call, DispatchUnchecked))
                {
                    throw new InvalidOperationException($"No module handles {call.GetType().Name}.");
                }

                break;
        }
    }

    private void DispatchBalances(Origin origin, BalancesCall call)
    {
        var from = origin.EnsureSigned();
        switch (call)
        {
            case BalancesCall.TransferAllowDeath t:
                Balances.Transfer(from, t.Dest, t.Value, keepAlive: false);
                break;
            case BalancesCall.TransferKeepAlive t:
                Balances.Transfer(from, t.Dest, t.Value, keepAlive: true);
                break;
            case BalancesCall.TransferAll t:
                {
                    var free = Balances.Free(from);
                    var amount = t.KeepAlive ? Sat.Sub(free, BalancesModule.ExistentialDeposit) : free;
                    Balances.Transfer(from, t.Dest, amount, t.KeepAlive);
                    break;
                }

            default:
                throw new InvalidOperationException($"Unknown balances call {call.GetType().Name}.");
        }
    }
}
