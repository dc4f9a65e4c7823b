using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>
/// Where a neuron serves (chain spec §2.5): the block it was served at, its version, IP (the address's integer value;
/// IPv4 in the low 32 bits), port, IP type (4 or 6) and protocol. All zeros when the neuron never served.
/// </summary>
public sealed record AxonInfo(ulong Block, uint Version, UInt128 Ip, ushort Port, byte IpType, byte Protocol, byte Placeholder1, byte Placeholder2)
{
    /// <summary>Whether the neuron has served an endpoint.</summary>
    public bool IsServing => IpType is 4 or 6 && Port != 0;

    /// <summary>The IP address, or null when <see cref="IpType"/> is neither 4 nor 6.</summary>
    public IPAddress? Address => IpAddress(Ip, IpType);

    /// <summary><c>/ipv4/1.2.3.4:8091</c> (or <c>/ipv6/…</c>), the reference's address string; <c>/ipv0/0.0.0.0:0</c> when not serving.</summary>
    public override string ToString() => Address is { } a
        ? string.Create(CultureInfo.InvariantCulture, $"/ipv{IpType}/{a}:{Port}")
        : "/ipv0/0.0.0.0:0";

    internal static AxonInfo Read(ref ScaleReader r) =>
        new(r.ReadU64("axon.block"), r.ReadU32("axon.version"), r.ReadU128("axon.ip"), r.ReadU16("axon.port"), r.ReadU8("axon.ip_type"), r.ReadU8("axon.protocol"), r.ReadU8("axon.placeholder1"), r.ReadU8("axon.placeholder2"));

    internal static IPAddress? IpAddress(UInt128 ip, byte type)
    {
        switch (type)
        {
            case 4 when ip <= uint.MaxValue:
                {
                    Span<byte> v4 = stackalloc byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)ip);
                    return new IPAddress(v4);
                }

            case 6:
                {
                    Span<byte> v6 = stackalloc byte[16];
                    BinaryPrimitives.WriteUInt128BigEndian(v6, ip);
                    return new IPAddress(v6);
                }

            default:
                return null;
        }
    }
}
