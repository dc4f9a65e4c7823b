using Bittensor.Primitives.Hashing;

namespace Bittensor.Sdk.Registration;

/// <summary>
/// What the solver needs to know about the chain: the newest block's number and hash, and the subnet's current
/// registration difficulty.
/// </summary>
/// <param name="Number">The block number the seal is computed on.</param>
/// <param name="Hash">The hash the chain records for that block (chain spec §4.1); the seal is bound to it.</param>
/// <param name="Difficulty">The subnet's <c>Difficulty</c>; a seal meets it when <c>seal × difficulty ≤ 2^256 − 1</c>.</param>
public readonly record struct PowBlock(ulong Number, Hash32 Hash, ulong Difficulty);

/// <summary>
/// Where the solver reads the current block and difficulty from; an RPC client implements it, tests use a fixed or
/// scripted chain. It is called from one task at a time.
/// </summary>
public interface IPowBlockSource
{
    /// <summary>The newest block and the difficulty of the subnet being registered on.</summary>
    ValueTask<PowBlock> GetCurrentAsync(CancellationToken cancellationToken);
}

/// <summary>Adapters to <see cref="IPowBlockSource"/>.</summary>
public static class PowBlockSource
{
    /// <summary>A source that calls <paramref name="read"/> each time.</summary>
    public static IPowBlockSource FromDelegate(Func<CancellationToken, ValueTask<PowBlock>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new DelegateSource(read);
    }

    /// <summary>A source that always reports <paramref name="block"/> (a chain that does not move).</summary>
    public static IPowBlockSource Fixed(PowBlock block) => new DelegateSource(_ => ValueTask.FromResult(block));

    private sealed class DelegateSource(Func<CancellationToken, ValueTask<PowBlock>> read) : IPowBlockSource
    {
        public ValueTask<PowBlock> GetCurrentAsync(CancellationToken cancellationToken) => read(cancellationToken);
    }
}
