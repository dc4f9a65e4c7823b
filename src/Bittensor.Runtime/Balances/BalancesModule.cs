using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Frame;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Balances;

/// <summary>
/// Free balances (chain spec §1.3): transfers, the existential deposit, withdrawals and deposits for the other
/// modules, and the module's own issuance counter. Tokens are only ever destroyed through
/// <see cref="Burned"/>, so the subtensor issuance counter can follow every loss (dust, fees, burns).
/// </summary>
public sealed class BalancesModule
{
    public const string Module = "Balances";

    /// <summary>The existential deposit, rao: an account holding less is reaped.</summary>
    public const ulong ExistentialDeposit = 500;

    private readonly StateAccess _state;
    private readonly SystemModule _system;

    public BalancesModule(StateAccess state, SystemModule system)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _system = system ?? throw new ArgumentNullException(nameof(system));
        TotalIssuance = new(state, Module, "TotalIssuance", Codecs.U64, 0);
    }

    /// <summary>Σ of all free balances.</summary>
    public StorageValue<ulong> TotalIssuance { get; }

    /// <summary>Called with every amount destroyed (dust of reaped accounts, fees, deposits that could not be made).</summary>
    public event Action<ulong>? Burned;

    public ulong Free(AccountId account) => _system.Account.Get(account).Free;

    /// <summary>The balance a transfer or withdrawal may take (there are no locks or reserves).</summary>
    public ulong Transferable(AccountId account) => Free(account);

    /// <summary>An account exists while it holds at least the existential deposit.</summary>
    public bool Exists(AccountId account) => Free(account) > 0;

    private static DispatchException Error(BalancesError e) => Fail.With(ModuleIndex.Balances, Module, e);

    /// <summary>Sets the free balance, reaping the account (destroying the dust) when it falls below the deposit.</summary>
    private void SetFree(AccountId account, ulong free)
    {
        var info = _system.Account.Get(account);
        var before = info.Free;
        if (free > 0 && free < ExistentialDeposit)
        {
            _state.Deposit(new BalancesEvent.DustLost(account, free));
            Burn(free);
            free = 0;
        }

        if (free == 0 && info.Nonce == 0)
        {
            _system.Account.Remove(account);
        }
        else
        {
            _system.Account.Set(account, info with { Free = free });
        }

        if (before == 0 && free > 0)
        {
            _state.Deposit(new BalancesEvent.Endowed(account, free));
        }
    }

    private void Burn(ulong amount)
    {
        if (amount == 0)
        {
            return;
        }

        TotalIssuance.Set(TotalIssuance.Get() - amount);
        Burned?.Invoke(amount);
    }

    /// <summary>
    /// Moves <paramref name="amount"/> from <paramref name="from"/> to <paramref name="to"/>. With
    /// <paramref name="keepAlive"/> the sender must keep at least the existential deposit; otherwise a sender left
    /// below it is reaped. A receiver without an account must receive at least the existential deposit.
    /// </summary>
    public void Transfer(AccountId from, AccountId to, ulong amount, bool keepAlive)
    {
        var free = Free(from);
        if (amount > free)
        {
            throw Error(BalancesError.InsufficientBalance);
        }

        var left = free - amount;
        if (keepAlive && left < ExistentialDeposit)
        {
            throw Error(BalancesError.Expendability);
        }

        if (from == to || amount == 0)
        {
            return;
        }

        var dest = Free(to);
        if (dest == 0 && amount < ExistentialDeposit)
        {
            throw Error(BalancesError.ExistentialDeposit);
        }

        if (ulong.MaxValue - dest < amount)
        {
            throw Error(BalancesError.InsufficientBalance);
        }

        SetFree(from, left);
        SetFree(to, dest + amount);
        _state.Deposit(new BalancesEvent.Transfer(from, to, amount));
    }

    /// <summary>
    /// Takes up to <paramref name="amount"/> from the free balance while leaving the existential deposit
    /// (chain spec §1.3, "best effort, keep alive"): returns what was actually taken, min(amount, free − ED).
    /// The tokens leave this module's issuance; the caller decides where they go.
    /// </summary>
    public ulong WithdrawKeepAlive(AccountId account, ulong amount)
    {
        var free = Free(account);
        var available = free > ExistentialDeposit ? free - ExistentialDeposit : 0;
        var actual = Math.Min(amount, available);
        if (actual == 0)
        {
            return 0;
        }

        SetFree(account, free - actual);
        TotalIssuance.Set(TotalIssuance.Get() - actual);
        return actual;
    }

    /// <summary>
    /// Adds <paramref name="amount"/> to the free balance. A deposit below the existential deposit into an account
    /// that does not exist cannot be made: the tokens are destroyed (reported through <see cref="Burned"/>) and
    /// false is returned.
    /// </summary>
    public bool Deposit(AccountId account, ulong amount)
    {
        if (amount == 0)
        {
            return true;
        }

        var free = Free(account);
        if (free == 0 && amount < ExistentialDeposit)
        {
            _state.Deposit(new BalancesEvent.DustLost(account, amount));
            Burned?.Invoke(amount);
            return false;
        }

        SetFree(account, checked(free + amount));
        TotalIssuance.Set(checked(TotalIssuance.Get() + amount));
        return true;
    }

    /// <summary>Takes a transaction fee; it must leave the account alive (or empty it exactly). False when it cannot be paid.</summary>
    public bool TryChargeFee(AccountId account, ulong fee)
    {
        if (fee == 0)
        {
            return true;
        }

        var free = Free(account);
        if (fee > free || (free - fee < ExistentialDeposit && free != fee))
        {
            return false;
        }

        SetFree(account, free - fee);
        _state.Deposit(new BalancesEvent.FeePaid(account, fee));
        Burn(fee);
        return true;
    }

    /// <summary>Creates a balance at genesis (adds to the issuance).</summary>
    public void Endow(AccountId account, ulong amount)
    {
        if (amount < ExistentialDeposit)
        {
            throw new ArgumentException($"A genesis balance must be at least the existential deposit ({ExistentialDeposit} rao); got {amount}.", nameof(amount));
        }

        SetFree(account, checked(Free(account) + amount));
        TotalIssuance.Set(checked(TotalIssuance.Get() + amount));
    }
}
