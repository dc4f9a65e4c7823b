using Bittensor.Contracts.Transactions;

namespace Bittensor.Node.Pool;

/// <summary>
/// The pool refused a transaction. <see cref="Error"/> names the rule; <see cref="Reason"/> is the runtime's reason
/// when the error is <see cref="PoolError.Invalid"/>. The message says what went wrong and what to do about it.
/// </summary>
public sealed class PoolException : Exception
{
    public PoolException(PoolError error, string message, InvalidTransaction? reason = null, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        Reason = reason;
    }

    public PoolError Error { get; }

    public InvalidTransaction? Reason { get; }
}
