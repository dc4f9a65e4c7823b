namespace Bittensor.Runtime.Transactions;

/// <summary>
/// Transaction fees, rao: a base fee plus a fee per encoded byte, plus the tip, for calls that pay. Calls the
/// reference makes free (weights, registration, staking, …) pay nothing and are rate-limited instead. Fees are
/// burnt.
/// </summary>
public static class FeeSchedule
{
    public const ulong BaseFee = 100_000;

    public const ulong PerByteFee = 1_000;

    public static ulong Fee(int encodedLength) => BaseFee + (PerByteFee * (ulong)encodedLength);
}
