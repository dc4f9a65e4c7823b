using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Subtensor;

/// <summary>A neuron's serving endpoint (chain spec §2.5). IPv4 addresses are the 32-bit value in the low bits of <see cref="Ip"/>.</summary>
public sealed record AxonInfo(
    ulong Block, uint Version, UInt128 Ip, ushort Port, byte IpType, byte Protocol, byte Placeholder1, byte Placeholder2)
{
    public static AxonInfo Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static IScaleCodec<AxonInfo> Codec { get; } = new Codecs.Lambda<AxonInfo>(
        (w, v) =>
        {
            w.WriteU64(v.Block);
            w.WriteU32(v.Version);
            w.WriteU128(v.Ip);
            w.WriteU16(v.Port);
            w.WriteU8(v.IpType);
            w.WriteU8(v.Protocol);
            w.WriteU8(v.Placeholder1);
            w.WriteU8(v.Placeholder2);
        },
        (ref ScaleReader r) => new AxonInfo(r.ReadU64(), r.ReadU32(), r.ReadU128(), r.ReadU16(), r.ReadU8(), r.ReadU8(), r.ReadU8(), r.ReadU8()));
}
