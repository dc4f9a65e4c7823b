using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Subtensor;

/// <summary>A neuron's metrics endpoint (chain spec §2.5).</summary>
public sealed record PrometheusInfo(ulong Block, uint Version, UInt128 Ip, ushort Port, byte IpType)
{
    public static PrometheusInfo Empty { get; } = new(0, 0, 0, 0, 0);

    public static IScaleCodec<PrometheusInfo> Codec { get; } = new Codecs.Lambda<PrometheusInfo>(
        (w, v) =>
        {
            w.WriteU64(v.Block);
            w.WriteU32(v.Version);
            w.WriteU128(v.Ip);
            w.WriteU16(v.Port);
            w.WriteU8(v.IpType);
        },
        (ref ScaleReader r) => new PrometheusInfo(r.ReadU64(), r.ReadU32(), r.ReadU128(), r.ReadU16(), r.ReadU8()));
}
