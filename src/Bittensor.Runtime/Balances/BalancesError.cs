namespace Bittensor.Runtime.Balances;

/// <summary>Errors of the balances module (indices as in the reference's balances pallet).</summary>
public enum BalancesError
{
    /// <summary>The sender's free balance is below the amount (plus what must stay).</summary>
    InsufficientBalance = 2,

    /// <summary>The transfer would create an account with less than the existential deposit.</summary>
    ExistentialDeposit = 3,

    /// <summary>A keep-alive transfer would take the sender below the existential deposit.</summary>
    Expendability = 4,
}
