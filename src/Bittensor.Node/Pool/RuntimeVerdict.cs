using Bittensor.Contracts.Transactions;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Pool;

/// <summary>What the runtime said of a transaction: valid (with its priority), or why not; for a future nonce, the account's next one.</summary>
internal sealed record RuntimeVerdict(ValidTransaction? Valid, TransactionValidityException? Error, ulong NextNonce)
{
    public static RuntimeVerdict Of(SignedTransaction tx, int length, IPoolValidator validator)
    {
        var refusal = Refusal(tx, length, validator, out var valid);
        return refusal switch
        {
            null => new RuntimeVerdict(valid, null, 0),
            { Reason: InvalidTransaction.Future } => new RuntimeVerdict(null, refusal, validator.NextNonce(tx.Signer)),
            _ => new RuntimeVerdict(null, refusal, 0),
        };
    }

    /// <summary>
    /// The runtime's refusal of <paramref name="tx"/>, or null with <paramref name="valid"/> set: the validator's
    /// returned refusals and the rarer thrown ones alike.
    /// </summary>
    public static TransactionValidityException? Refusal(SignedTransaction tx, int length, IPoolValidator validator, out ValidTransaction valid) =>
        Refusal(tx, length, validator, pooled: false, out valid);

    /// <summary>
    /// <see cref="Refusal(SignedTransaction, int, IPoolValidator, out ValidTransaction)"/>; with <paramref name="pooled"/>
    /// the transaction is one the pool admitted, re-checked through <see cref="IPoolValidator.TryRevalidate"/>.
    /// </summary>
    public static TransactionValidityException? Refusal(SignedTransaction tx, int length, IPoolValidator validator, bool pooled, out ValidTransaction valid)
    {
        try
        {
            return pooled ? validator.TryRevalidate(tx, length, out valid) : validator.TryValidate(tx, length, out valid);
        }
        catch (TransactionValidityException e)
        {
            valid = default!;
            return e;
        }
    }
}
