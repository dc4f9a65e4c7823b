using Bittensor.Primitives.Accounts;

namespace Bittensor.Runtime.Framework;

/// <summary>A call signed by <paramref name="Account"/>.</summary>
public sealed record SignedOrigin(AccountId Account) : Origin;
