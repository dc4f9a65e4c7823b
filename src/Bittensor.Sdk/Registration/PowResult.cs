using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Pow;

namespace Bittensor.Sdk.Registration;

/// <summary>Why <see cref="PowSolver"/> stopped.</summary>
public enum PowOutcome
{
    /// <summary>A seal that meets the difficulty, on a block recent enough to submit.</summary>
    Solved,

    /// <summary>
    /// A seal that meets the difficulty, but the chain had moved more than <see cref="PowSolverOptions.MaxBlockAge"/>
    /// blocks past its block by the time it was found: the chain would refuse it. The solver gives up rather than
    /// keep going, so that the caller sees its update period is too long for this chain; solving again starts on the
    /// newest block.
    /// </summary>
    Stale,

    /// <summary>The cancellation token fired.</summary>
    Cancelled,
}

/// <summary>A seal found by the solver: the arguments of the <c>register</c> call that depend on the work.</summary>
/// <param name="BlockNumber">The block the seal was computed on (<c>block_number</c>).</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="Nonce">The nonce (<c>nonce</c>).</param>
/// <param name="Seal">The seal (<c>work</c>): <c>Keccak-256(SHA-256(le64(nonce) ‖ Keccak-256(block_hash ‖ hotkey)))</c>.</param>
/// <param name="Difficulty">The difficulty it was solved for.</param>
public sealed record PowSolution(ulong BlockNumber, Hash32 BlockHash, ulong Nonce, Hash32 Seal, ulong Difficulty)
{
    /// <summary>Whether the seal is the one <paramref name="hotkey"/> gets for this block and nonce, and meets <paramref name="difficulty"/>.</summary>
    public bool Verify(AccountId hotkey, ulong difficulty) =>
        Seal.Bytes.SequenceEqual(PowSeal.Create(BlockHash.Bytes, Nonce, hotkey)) && PowSeal.MeetsDifficulty(Seal.Bytes, difficulty);
}

/// <summary>The outcome of <see cref="PowSolver.SolveAsync"/>.</summary>
/// <param name="Outcome">Why the solver stopped.</param>
/// <param name="Solution">The seal, for <see cref="PowOutcome.Solved"/> and <see cref="PowOutcome.Stale"/>; null when cancelled.</param>
/// <param name="HeadBlockNumber">The newest block number the solver read.</param>
/// <param name="HashesTried">Nonces hashed, on every block and thread.</param>
/// <param name="Elapsed">Time from the start to the stop.</param>
public sealed record PowResult(PowOutcome Outcome, PowSolution? Solution, ulong HeadBlockNumber, long HashesTried, TimeSpan Elapsed)
{
    /// <summary>Hashes per second over the whole run.</summary>
    public double HashRate => Elapsed > TimeSpan.Zero ? HashesTried / Elapsed.TotalSeconds : 0;
}
