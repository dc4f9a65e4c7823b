using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Pool;

/// <summary>
/// The pool's view of the current best state. The node implements it over its executive:
/// <see cref="Validate"/> is <c>Executive.Validate(tx, encodedLength, forPool: true)</c> and <see cref="NextNonce"/>
/// is <c>Runtime.System.Nonce(account)</c>, both against the same state. The pool calls it from any thread, mostly outside its own lock (submissions are
/// checked in parallel), so it must be safe to call concurrently with block import.
/// </summary>
public interface IPoolValidator
{
    /// <summary>Validates <paramref name="tx"/>; throws <see cref="TransactionValidityException"/> when it is not valid now.</summary>
    ValidTransaction Validate(SignedTransaction tx, int encodedLength);

    /// <summary>
    /// Like <see cref="Validate"/>, but returns the refusal instead of throwing it where it can (a future nonce is the
    /// pool's everyday case). Implementations may still throw <see cref="TransactionValidityException"/>.
    /// </summary>
    TransactionValidityException? TryValidate(SignedTransaction tx, int encodedLength, out ValidTransaction valid)
    {
        valid = Validate(tx, encodedLength);
        return null;
    }

    /// <summary>
    /// <see cref="TryValidate"/> for a transaction already in the pool, re-checked after a block: its signature was
    /// verified when it was admitted, so an implementation may skip that check (the signing payload of a pooled
    /// transaction cannot change on a chain that does not reorganise). By default it checks everything again.
    /// </summary>
    TransactionValidityException? TryRevalidate(SignedTransaction tx, int encodedLength, out ValidTransaction valid) =>
        TryValidate(tx, encodedLength, out valid);

    /// <summary>The nonce the next transaction of <paramref name="account"/> must carry.</summary>
    ulong NextNonce(AccountId account);
}
