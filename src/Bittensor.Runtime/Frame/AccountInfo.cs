using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Frame;

/// <summary>An account's transaction counter and free balance (rao).</summary>
public readonly record struct AccountInfo(ulong Nonce, ulong Free)
{
    public static IScaleCodec<AccountInfo> Codec { get; } = new Codecs.Lambda<AccountInfo>(
        (w, v) =>
        {
            w.WriteU64(v.Nonce);
            w.WriteU64(v.Free);
        },
        (ref ScaleReader r) => new AccountInfo(r.ReadU64(), r.ReadU64()));
}
