using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Staking.ChainSetup;

namespace Bittensor.Runtime.Tests.Chain.Serving;

/// <summary><c>serve_axon</c> and <c>serve_prometheus</c> (chain spec §3.5): each check in order, the address rules, the rate limit and the record.</summary>
public sealed class ServingTests
{
    private const ushort Net = 1;
    private const uint Ip4 = 0x0A00_0001; // 10.0.0.1
    private static readonly AccountId Hot = TestChain.Account(2);
    private static readonly AccountId Cold = TestChain.Account(1);
    private static readonly AccountId Stranger = TestChain.Account(9);

    private static TestChain Chain()
    {
        var chain = new TestChain();
        AddNetwork(chain, Net);
        Register(chain, Net, Hot, Cold);
        chain.SetBlock(100);
        return chain;
    }

    private static SubtensorModule M(TestChain chain) => chain.Runtime.Subtensor;

    private static SubtensorCall.ServeAxon Axon(UInt128 ip, byte ipType = 4, ushort port = 8091, ushort netuid = Net) =>
        new(netuid, 2, ip, port, ipType, 0, 0, 0);

    private static SubtensorCall.ServePrometheus Prom(UInt128 ip, byte ipType = 4, ushort port = 9090, ushort netuid = Net) =>
        new(netuid, 3, ip, port, ipType);

    [Fact]
    public void Check1_HotkeyOnNoNetwork_NotRegistered_BeforeIpChecks()
    {
        var chain = Chain();
        AssertFails(chain, Stranger, Axon(0, ipType: 5, port: 0), SubtensorError.NotRegistered);
        AssertFails(chain, Stranger, Prom(0, ipType: 5, port: 0), SubtensorError.NotRegistered);
    }

    [Fact]
    public void Check1_NetuidIsNotValidated()
    {
        var chain = Chain();
        AssertOk(chain, Hot, Axon(Ip4, netuid: 77));
        AssertOk(chain, Hot, Prom(Ip4, netuid: 77));
        Assert.Equal(100UL, M(chain).S.Axons.Get(77, Hot).Block);
        Assert.Equal(100UL, M(chain).S.Prometheus.Get(77, Hot).Block);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(255)]
    public void Check2_BadIpType_InvalidIpType_BeforeAddress(byte ipType)
    {
        var chain = Chain();
        AssertFails(chain, Hot, Axon(0, ipType), SubtensorError.InvalidIpType);
        AssertFails(chain, Hot, Prom(0, ipType), SubtensorError.InvalidIpType);
    }

    public static TheoryData<byte, string> BadAddresses() => new()
    {
        { 4, "0" },
        { 4, "4294967295" },  // 2^32 − 1
        { 4, "4294967296" },  // above the IPv4 range
        { 4, "2130706433" },  // 127.0.0.1
        { 6, "0" },
        { 6, "1" },           // ::1
        { 6, "340282366920938463463374607431768211455" }, // 2^128 − 1
    };

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public void Check3_BadAddress_InvalidIpAddress_BeforeRateLimitAndPort(byte ipType, string ip)
    {
        var chain = Chain();
        var address = UInt128.Parse(ip, System.Globalization.CultureInfo.InvariantCulture);
        AssertFails(chain, Hot, Axon(address, ipType, port: 0), SubtensorError.InvalidIpAddress);
        AssertFails(chain, Hot, Prom(address, ipType, port: 0), SubtensorError.InvalidIpAddress);
        Assert.False(SubtensorModule.IsValidIpAddress(ipType, address));
    }

    [Theory]
    [InlineData(4, "4294967294")] // 255.255.255.254
    [InlineData(4, "1")]
    [InlineData(4, "2130706434")] // 127.0.0.2
    [InlineData(6, "2")]
    [InlineData(6, "4294967295")]
    [InlineData(6, "340282366920938463463374607431768211454")]
    public void Check3_EdgeAddressesThatPass(byte ipType, string ip)
    {
        var chain = Chain();
        var address = UInt128.Parse(ip, System.Globalization.CultureInfo.InvariantCulture);
        AssertOk(chain, Hot, Axon(address, ipType));
        AssertOk(chain, Hot, Prom(address, ipType));
    }

    [Fact]
    public void Check4_RateLimit_ServingRateLimitExceeded_BeforePort()
    {
        var chain = Chain();
        AssertOk(chain, Hot, Axon(Ip4));
        AssertOk(chain, Hot, Prom(Ip4));

        chain.SetBlock(149);
        AssertFails(chain, Hot, Axon(Ip4, port: 0), SubtensorError.ServingRateLimitExceeded);
        AssertFails(chain, Hot, Prom(Ip4, port: 0), SubtensorError.ServingRateLimitExceeded);

        chain.SetBlock(150);
        AssertFails(chain, Hot, Axon(Ip4, port: 0), SubtensorError.InvalidPort);
        AssertOk(chain, Hot, Axon(Ip4, port: 1));
        AssertOk(chain, Hot, Prom(Ip4, port: 1));
    }

    [Fact]
    public void Check4_RateLimitIsPerNetuidAndPerRecordKind()
    {
        var chain = Chain();
        AssertOk(chain, Hot, Axon(Ip4));
        AssertOk(chain, Hot, Axon(Ip4, netuid: 2));
        AssertOk(chain, Hot, Prom(Ip4));
        AssertFails(chain, Hot, Axon(Ip4), SubtensorError.ServingRateLimitExceeded);
    }

    [Fact]
    public void Check4_ZeroLimitOrRecordAtBlockZero_Passes()
    {
        var chain = Chain();
        M(chain).S.ServingRateLimit.Set(Net, 0);
        AssertOk(chain, Hot, Axon(Ip4));
        AssertOk(chain, Hot, Axon(Ip4));

        // With the limit back at 50, a record written at block 0 does not limit the next call.
        M(chain).S.ServingRateLimit.Set(Net, 50);
        chain.SetBlock(0);
        AssertOk(chain, Hot, Prom(Ip4));
        chain.SetBlock(1);
        AssertOk(chain, Hot, Prom(Ip4));
        AssertFails(chain, Hot, Prom(Ip4), SubtensorError.ServingRateLimitExceeded);
    }

    [Fact]
    public void Check5_PortZero_InvalidPort()
    {
        var chain = Chain();
        AssertFails(chain, Hot, Axon(Ip4, port: 0), SubtensorError.InvalidPort);
        AssertFails(chain, Hot, Prom(Ip4, port: 0), SubtensorError.InvalidPort);
    }

    [Fact]
    public void Axon_StoresTheRecordAtTheBlock_AndEmits()
    {
        var chain = Chain();
        var ip6 = (UInt128.One << 127) | 0x1234;
        AssertOk(chain, Hot, new SubtensorCall.ServeAxon(Net, 7, ip6, 443, 6, 4, 5, 6));
        Assert.Equal(new AxonInfo(100, 7, ip6, 443, 6, 4, 5, 6), M(chain).S.Axons.Get(Net, Hot));
        Assert.Equal(new SubtensorEvent.AxonServed(Net, Hot), chain.Events[^1]);
    }

    [Fact]
    public void Prometheus_StoresTheRecordAtTheBlock_AndEmits()
    {
        var chain = Chain();
        AssertOk(chain, Hot, new SubtensorCall.ServePrometheus(Net, 9, Ip4, 9100, 4));
        Assert.Equal(new PrometheusInfo(100, 9, Ip4, 9100, 4), M(chain).S.Prometheus.Get(Net, Hot));
        Assert.Equal(new SubtensorEvent.PrometheusServed(Net, Hot), chain.Events[^1]);
    }

    [Fact]
    public void StaleMembershipFlag_StillCountsAsRegistered()
    {
        var chain = new TestChain();
        M(chain).S.IsNetworkMember.Set(Hot, 5, true);
        chain.SetBlock(3);
        AssertOk(chain, Hot, Axon(Ip4));
        M(chain).S.IsNetworkMember.Set(Hot, 5, false);
        chain.SetBlock(300);
        AssertFails(chain, Hot, Axon(Ip4), SubtensorError.NotRegistered);
    }
}
