using Bittensor.Primitives.Accounts;

namespace Bittensor.Runtime.Framework;

/// <summary>Who dispatches a call: a signed account, root (the sudo key or an approved motion), or a collective's majority.</summary>
public abstract record Origin
{
    public static Origin Root { get; } = new RootOrigin();

    public static Origin Signed(AccountId account) => new SignedOrigin(account);

    /// <summary>The signer, or <see cref="DispatchError.BadOrigin"/> for any other origin.</summary>
    public AccountId EnsureSigned() => this is SignedOrigin s ? s.Account : throw new DispatchException(DispatchError.BadOrigin);

    public void EnsureRoot()
    {
        if (this is not RootOrigin)
        {
            throw new DispatchException(DispatchError.BadOrigin);
        }
    }
}
