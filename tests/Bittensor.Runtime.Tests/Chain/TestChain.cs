using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Tests.Chain;

/// <summary>
/// A runtime over an in-memory store for module tests: move to a block (running the block step), dispatch calls
/// as an origin, look at the events. Accounts are made from small numbers so tests read like the reference's
/// (<c>Account(1)</c> is the key whose first byte is 1).
/// </summary>
public sealed class TestChain
{
    public TestChain()
    {
        Store = new InMemoryKeyValueStore();
        Runtime = new ChainRuntime(Store);
    }

    public InMemoryKeyValueStore Store { get; }

    public ChainRuntime Runtime { get; }

    public ulong Block => Runtime.System.Number.Get();

    public static AccountId Account(int n)
    {
        var bytes = new byte[32];
        bytes[0] = (byte)n;
        bytes[1] = (byte)(n >> 8);
        bytes[31] = 0xAC;
        return new AccountId(bytes);
    }

    /// <summary>Starts the next block: records its parent hash and runs the block step.</summary>
    public void NextBlock()
    {
        var next = Block + 1;
        var parent = new byte[32];
        BitConverter.TryWriteBytes(parent, next - 1);
        parent[31] = 0xB1;
        Runtime.State.ClearEvents();
        Runtime.System.Initialize(next, parent, next * 12_000);
        Runtime.Subtensor.BlockStep();
    }

    /// <summary>Runs blocks until <paramref name="block"/> is the current one.</summary>
    public void RunTo(ulong block)
    {
        while (Block < block)
        {
            NextBlock();
        }
    }

    /// <summary>Sets the block number without running block steps (for tests of one call at a given block).</summary>
    public void SetBlock(ulong block) => Runtime.System.Number.Set(block);

    public DispatchError? Dispatch(Origin origin, RuntimeCall call) => Runtime.Dispatch(origin, call);

    public DispatchError? Signed(AccountId signer, RuntimeCall call) => Runtime.Dispatch(Origin.Signed(signer), call);

    public DispatchError? Root(RuntimeCall call) => Runtime.Dispatch(Origin.Root, call);

    public IReadOnlyList<RuntimeEvent> Events => Runtime.State.Events;

    /// <summary>Gives <paramref name="account"/> free balance (and the matching issuance on both counters).</summary>
    public void Fund(AccountId account, ulong amount)
    {
        Runtime.Balances.Endow(account, amount);
        var s = Runtime.Subtensor.S;
        s.TotalIssuance.Set(s.TotalIssuance.Get() + amount);
    }
}
