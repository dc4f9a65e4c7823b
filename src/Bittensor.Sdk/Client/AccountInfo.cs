using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Client;

/// <summary>
/// An account as the chain stores it (<c>System.Account</c>): the nonce of its next transaction and its free balance
/// in rao. An account that was never used reads as zeros.
/// </summary>
public sealed record AccountInfo(ulong Nonce, ulong Free)
{
    public static AccountInfo Empty { get; } = new(0, 0);

    /// <summary>Reads the stored value (nonce u64, free u64, little-endian).</summary>
    public static AccountInfo Decode(ReadOnlySpan<byte> value)
    {
        var r = new ScaleReader(value);
        var info = new AccountInfo(r.ReadU64("nonce"), r.ReadU64("free"));
        r.EnsureEnd("account info");
        return info;
    }
}
