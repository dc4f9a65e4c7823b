using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Testing;

namespace Bittensor.Sdk.Tests.Metagraphs;

/// <summary>
/// A metagraph synced over WebSocket from a real node whose subnet holds 256 neurons (registered, staked, serving,
/// weighted, after epochs) matches the node's own storage in every field, integers and float views alike.
/// </summary>
public sealed class MetagraphSyncTests
{
    private const int Neurons = 256;

    [Fact(Timeout = 120_000)]
    public async Task SyncedMetagraph_MatchesTheNodeStorageInEveryField()
    {
        await using var subnet = await PopulatedSubnet.StartAsync(Neurons, stakers: 48, validators: 16);
        await using var client = await ChainClient.ConnectAsync(subnet.WebSocketEndpoint);
        const ushort netuid = PopulatedSubnet.Netuid;

        var full = await Metagraph.SyncAsync(client, netuid, "local", withWeightsAndBonds: true);
        var lite = await Metagraph.SyncAsync(client, netuid, "local");
        Assert.NotNull(full);
        Assert.NotNull(lite);
        Assert.Null(lite.Weights);
        Assert.Null(lite.Bonds);

        var expected = subnet.Read(r =>
        {
            var s = r.Subtensor.S;
            var n = s.SubnetworkN.Get(netuid);
            var hotkeys = Enumerable.Range(0, n).Select(u => s.Keys.Get(netuid, (ushort)u)).ToArray();
            return new
            {
                Block = r.System.Number.Get(),
                N = (int)n,
                Hotkeys = hotkeys,
                Coldkeys = hotkeys.Select(h => s.Owner.Get(h)).ToArray(),
                Stake = hotkeys.Select(h => s.TotalHotkeyStake.Get(h)).ToArray(),
                Active = s.Active.Get(netuid).ToArray(),
                Rank = s.Rank.Get(netuid).ToArray(),
                Trust = s.Trust.Get(netuid).ToArray(),
                Consensus = s.Consensus.Get(netuid).ToArray(),
                Incentive = s.Incentive.Get(netuid).ToArray(),
                Dividends = s.Dividends.Get(netuid).ToArray(),
                Emission = s.Emission.Get(netuid).ToArray(),
                ValidatorTrust = s.ValidatorTrust.Get(netuid).ToArray(),
                ValidatorPermit = s.ValidatorPermit.Get(netuid).ToArray(),
                PruningScore = s.PruningScores.Get(netuid).ToArray(),
                LastUpdate = s.LastUpdate.Get(netuid).ToArray(),
                Registered = Enumerable.Range(0, n).Select(u => s.BlockAtRegistration.Get(netuid, (ushort)u)).ToArray(),
                Axons = hotkeys.Select(h => s.Axons.Get(netuid, h)).ToArray(),
                Weights = Enumerable.Range(0, n).Select(u => s.Weights.Get(netuid, (ushort)u).ToArray()).ToArray(),
                Bonds = Enumerable.Range(0, n).Select(u => s.Bonds.Get(netuid, (ushort)u).ToArray()).ToArray(),
            };
        });

        // The subnet really is populated: otherwise a sync of defaults would match defaults.
        Assert.Equal(Neurons, expected.N);
        Assert.Equal(16, expected.ValidatorPermit.Count(p => p));
        Assert.Equal(16, expected.Weights.Count(w => w.Length == Neurons));
        Assert.Contains(expected.Bonds, b => b.Length > 0);
        Assert.Contains(expected.Rank, v => v > 0);
        Assert.Contains(expected.Dividends, v => v > 0);
        Assert.Equal(Neurons, expected.Axons.Count(a => a.Port != 0));
        Assert.Equal(Neurons, expected.Coldkeys.Distinct().Count());

        foreach (var m in new[] { full, lite })
        {
            var info = m.Info;
            Assert.Equal(netuid, m.Netuid);
            Assert.Equal(expected.Block, m.Block);
            Assert.Equal(expected.N, m.N);
            Assert.Equal(Enumerable.Range(0, Neurons).Select(u => (ushort)u), m.Uids);
            Assert.Equal(expected.Hotkeys, info.Hotkeys);
            Assert.Equal(expected.Coldkeys, info.Coldkeys);
            Assert.Equal(expected.Hotkeys.Select(h => Ss58.Encode(h)), m.Hotkeys);
            Assert.Equal(expected.Coldkeys.Select(c => Ss58.Encode(c)), m.Coldkeys);
            Assert.Equal(expected.Stake, info.Stake);
            Assert.Equal(Column(expected.Active, true), info.Active);
            Assert.Equal(Column(expected.Rank, (ushort)0), info.Rank);
            Assert.Equal(Column(expected.Trust, (ushort)0), info.Trust);
            Assert.Equal(Column(expected.Consensus, (ushort)0), info.Consensus);
            Assert.Equal(Column(expected.Incentive, (ushort)0), info.Incentive);
            Assert.Equal(Column(expected.Dividends, (ushort)0), info.Dividends);
            Assert.Equal(Column(expected.Emission, 0UL), info.Emission);
            Assert.Equal(Column(expected.ValidatorTrust, (ushort)0), info.ValidatorTrust);
            Assert.Equal(Column(expected.ValidatorPermit, false), info.ValidatorPermit);
            Assert.Equal(Column(expected.PruningScore, ushort.MaxValue), info.PruningScore);
            Assert.Equal(Column(expected.LastUpdate, 0UL), info.LastUpdate);
            Assert.Equal(expected.Registered, info.BlockAtRegistration);
            Assert.Equal(
                expected.Axons.Select(a => (a.Block, a.Version, a.Ip, a.Port, a.IpType, a.Protocol, a.Placeholder1, a.Placeholder2)),
                info.Axons.Select(a => (a.Block, a.Version, a.Ip, a.Port, a.IpType, a.Protocol, a.Placeholder1, a.Placeholder2)));

            // The float views of spec §3.1.
            for (var u = 0; u < Neurons; u++)
            {
                Assert.Equal(expected.Stake[u] / 1e9f, m.Stake[u]);
                Assert.Equal(m.Stake[u], m.TotalStake[u]);
                Assert.Equal(Column(expected.Rank, (ushort)0)[u] / 65535f, m.Ranks[u]);
                Assert.Equal(Column(expected.Trust, (ushort)0)[u] / 65535f, m.Trust[u]);
                Assert.Equal(Column(expected.Consensus, (ushort)0)[u] / 65535f, m.Consensus[u]);
                Assert.Equal(Column(expected.Incentive, (ushort)0)[u] / 65535f, m.Incentive[u]);
                Assert.Equal(Column(expected.Dividends, (ushort)0)[u] / 65535f, m.Dividends[u]);
                Assert.Equal(Column(expected.ValidatorTrust, (ushort)0)[u] / 65535f, m.ValidatorTrust[u]);
                Assert.Equal(Column(expected.Emission, 0UL)[u] / 1e9f, m.Emission[u]);
                Assert.Equal(Column(expected.Active, true)[u] ? 1L : 0L, m.Active[u]);
                Assert.Equal((long)Column(expected.LastUpdate, 0UL)[u], m.LastUpdate[u]);
                Assert.Equal(Column(expected.ValidatorPermit, false)[u], m.ValidatorPermit[u]);
                var ip = (uint)expected.Axons[u].Ip;
                Assert.Equal($"/ipv4/{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}:{expected.Axons[u].Port}", m.Addresses[u]);
            }
        }

        Assert.NotNull(full.Info.Weights);
        Assert.NotNull(full.Info.Bonds);
        Assert.Equal(expected.Weights, full.Info.Weights.Select(r => r.ToArray()));
        Assert.Equal(expected.Bonds, full.Info.Bonds.Select(r => r.ToArray()));
        var weights = full.Weights!;
        var bonds = full.Bonds!;
        for (var u = 0; u < Neurons; u++)
        {
            Assert.Equal(Neurons, weights[u].Length);
            Assert.Equal(Neurons, bonds[u].Length);
            var sum = expected.Weights[u].Sum(p => (double)p.Item2);
            Assert.Equal(expected.Weights[u].Length == 0 ? 0 : 1, weights[u].Sum(), 3);
            foreach (var (dest, value) in expected.Weights[u])
            {
                Assert.Equal(value / sum, weights[u][dest], 5);
            }

            Assert.Equal(Dense(expected.Bonds[u]), bonds[u]);
        }
    }

    private static T[] Column<T>(T[] stored, T missing) =>
        [.. Enumerable.Range(0, Neurons).Select(u => u < stored.Length ? stored[u] : missing)];

    private static float[] Dense((ushort Uid, ushort Value)[] row)
    {
        var dense = new float[Neurons];
        foreach (var (uid, value) in row)
        {
            dense[uid] = value;
        }

        return dense;
    }
}
