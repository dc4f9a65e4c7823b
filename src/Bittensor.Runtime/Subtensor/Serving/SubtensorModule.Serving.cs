using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;

namespace Bittensor.Runtime.Subtensor;

/// <summary><c>serve_axon</c> and <c>serve_prometheus</c> (chain spec §3.5).</summary>
public sealed partial class SubtensorModule
{
    private const uint Ipv4Loopback = 0x7F00_0001;

    /// <summary>The address rules of §3.5 step 3 (the type is checked before).</summary>
    public static bool IsValidIpAddress(byte ipType, UInt128 ip)
    {
        if (ip == 0)
        {
            return false;
        }

        return ipType switch
        {
            4 => ip < uint.MaxValue && ip != Ipv4Loopback,
            6 => ip != UInt128.MaxValue && ip != 1,
            _ => true,
        };
    }

    private static bool IsValidIpType(byte ipType) => ipType is 4 or 6;

    /// <summary>Steps 1–3 of §3.5, shared by both calls.</summary>
    private void EnsureMayServe(AccountId hotkey, byte ipType, UInt128 ip)
    {
        if (!IsHotkeyRegisteredOnAnyNetwork(hotkey))
        {
            throw Error(SubtensorError.NotRegistered);
        }

        if (!IsValidIpType(ipType))
        {
            throw Error(SubtensorError.InvalidIpType);
        }

        if (!IsValidIpAddress(ipType, ip))
        {
            throw Error(SubtensorError.InvalidIpAddress);
        }
    }

    private bool ServingRateLimitPasses(ushort netuid, ulong previousBlock, ulong block)
    {
        var limit = S.ServingRateLimit.Get(netuid);
        return limit == 0 || previousBlock == 0 || unchecked(block - previousBlock) >= limit;
    }

    private void DoServeAxon(AccountId hotkey, SubtensorCall.ServeAxon c)
    {
        EnsureMayServe(hotkey, c.IpType, c.Ip);
        var b = Block;
        var previous = S.Axons.Get(c.Netuid, hotkey);
        if (!ServingRateLimitPasses(c.Netuid, previous.Block, b))
        {
            throw Error(SubtensorError.ServingRateLimitExceeded);
        }

        if (c.Port == 0)
        {
            throw Error(SubtensorError.InvalidPort);
        }

        S.Axons.Set(c.Netuid, hotkey, new AxonInfo(b, c.Version, c.Ip, c.Port, c.IpType, c.Protocol, c.Placeholder1, c.Placeholder2));
        Emit(new SubtensorEvent.AxonServed(c.Netuid, hotkey));
    }

    private void DoServePrometheus(AccountId hotkey, SubtensorCall.ServePrometheus c)
    {
        EnsureMayServe(hotkey, c.IpType, c.Ip);
        var b = Block;
        var previous = S.Prometheus.Get(c.Netuid, hotkey);
        if (!ServingRateLimitPasses(c.Netuid, previous.Block, b))
        {
            throw Error(SubtensorError.ServingRateLimitExceeded);
        }

        if (c.Port == 0)
        {
            throw Error(SubtensorError.InvalidPort);
        }

        S.Prometheus.Set(c.Netuid, hotkey, new PrometheusInfo(b, c.Version, c.Ip, c.Port, c.IpType));
        Emit(new SubtensorEvent.PrometheusServed(c.Netuid, hotkey));
    }
}
