using Bittensor.Contracts.Transactions;
using Bittensor.Node.Chain;
using Bittensor.Node.Pool;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Hosting;

/// <summary>Checks transactions for the pool with the runtime (pool rules included), against the best state.</summary>
public sealed class ChainPoolValidator(NodeChain chain) : IPoolValidator
{
    public ValidTransaction Validate(SignedTransaction tx, int encodedLength) =>
        chain.Read(r => new Executive(r, chain.Identity, chain.Verifier).Validate(tx, encodedLength, forPool: true));

    public TransactionValidityException? TryValidate(SignedTransaction tx, int encodedLength, out ValidTransaction valid) =>
        Check(tx, encodedLength, signatureVerified: false, out valid);

    /// <summary>Re-checks a pooled transaction without verifying its signature again (the pool verified it at admission; dev chains do not reorganise).</summary>
    public TransactionValidityException? TryRevalidate(SignedTransaction tx, int encodedLength, out ValidTransaction valid) =>
        Check(tx, encodedLength, signatureVerified: true, out valid);

    public ulong NextNonce(AccountId account) => chain.Read(r => r.System.Nonce(account));

    private TransactionValidityException? Check(SignedTransaction tx, int encodedLength, bool signatureVerified, out ValidTransaction valid)
    {
        var (refusal, result) = chain.Read(r =>
        {
            var refused = new Executive(r, chain.Identity, chain.Verifier).TryValidate(tx, encodedLength, forPool: true, signatureVerified, out var ok);
            return (refused, ok);
        });
        valid = result;
        return refusal;
    }
}
