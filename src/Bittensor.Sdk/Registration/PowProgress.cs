namespace Bittensor.Sdk.Registration;

/// <summary>A progress report of <see cref="PowSolver"/>, sent each time it re-reads the chain.</summary>
/// <param name="HashesTried">Nonces hashed so far, on every block.</param>
/// <param name="HashRate">Nonces hashed per second since the previous report.</param>
/// <param name="AverageHashRate">Nonces hashed per second since the start.</param>
/// <param name="Elapsed">Time since the start.</param>
/// <param name="BlockNumber">The block the threads are solving on.</param>
/// <param name="Difficulty">The difficulty they are solving for.</param>
public readonly record struct PowProgress(long HashesTried, double HashRate, double AverageHashRate, TimeSpan Elapsed, ulong BlockNumber, ulong Difficulty);
