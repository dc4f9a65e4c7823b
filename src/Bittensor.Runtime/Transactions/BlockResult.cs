using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Transactions;

/// <summary>What one block did: the block step's events, then one receipt per transaction in order.</summary>
public sealed record BlockResult(IReadOnlyList<RuntimeEvent> InitializationEvents, IReadOnlyList<ApplyResult> Receipts);
