namespace Bittensor.Sdk.Subtensor;

/// <summary>A delegate a coldkey nominates, and the coldkey's stake on it in rao (<c>delegateInfo_getDelegated</c>).</summary>
public sealed record DelegatedStake(DelegateInfo Delegate, ulong Stake);
