using System.Net;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>A neuron's metrics endpoint (chain spec §2.5): block, version, IP, port and IP type; all zeros when never served.</summary>
public sealed record PrometheusInfo(ulong Block, uint Version, UInt128 Ip, ushort Port, byte IpType)
{
    /// <summary>The IP address, or null when <see cref="IpType"/> is neither 4 nor 6.</summary>
    public IPAddress? Address => AxonInfo.IpAddress(Ip, IpType);

    internal static PrometheusInfo Read(ref ScaleReader r) =>
        new(r.ReadU64("prometheus.block"), r.ReadU32("prometheus.version"), r.ReadU128("prometheus.ip"), r.ReadU16("prometheus.port"), r.ReadU8("prometheus.ip_type"));
}
