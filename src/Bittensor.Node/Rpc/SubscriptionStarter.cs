namespace Bittensor.Node.Rpc;

/// <summary>Starts a subscription that pushes results into <paramref name="sink"/> until the returned handle is disposed.</summary>
public delegate IDisposable SubscriptionStarter(RpcParams parameters, ISubscriptionSink sink);
