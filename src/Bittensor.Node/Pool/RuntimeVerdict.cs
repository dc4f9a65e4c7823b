using Bittensor.Contracts.Transactions;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Pool;

/// <summary>What the runtime said of a transaction: valid (with its priority), or why not; for a future nonce, the account's next one.</summary>
internal sealed record RuntimeVerdict(ValidTransaction? Valid, TransactionValidityException? Error, ulong NextNonce)
{
    public static RuntimeVerdict Of(SignedTransaction tx, int length, IPoolValidator validator)
    {
        try
        {
            var refusal = validator.TryValidate(tx, length, out var valid);
            return refusal switch
            {
                null => new RuntimeVerdict(valid, null, 0),
                { Reason: InvalidTransaction.Future } => new RuntimeVerdict(null, refusal, validator.NextNonce(tx.Signer)),
                _ => new RuntimeVerdict(null, refusal, 0),
            };
        }
        catch (TransactionValidityException e) when (e.Reason == InvalidTransaction.Future)
        {
            return new RuntimeVerdict(null, e, validator.NextNonce(tx.Signer));
        }
        catch (TransactionValidityException e)
        {
            return new RuntimeVerdict(null, e, 0);
        }
    }
}
