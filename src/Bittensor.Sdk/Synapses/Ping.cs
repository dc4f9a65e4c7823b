namespace Bittensor.Sdk.Synapses;

/// <summary>
/// The empty synapse, for reachability and measurements. Its route is <c>/Synapse</c>, the route of upstream's base
/// class, which every upstream axon serves as its ping.
/// </summary>
public sealed class Ping : Synapse
{
    public const string RouteName = "Synapse";

    public override string SynapseName => RouteName;
}
