using System.Text.Json;
using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Sdk.Metagraphs;

/// <summary>The saved form of a <see cref="Metagraph"/>: the chain's integers, account ids as hex, format version 1.</summary>
internal sealed record MetagraphFile(
    int Format,
    string Network,
    ushort Netuid,
    ulong Block,
    string[] Hotkeys,
    string[] Coldkeys,
    ulong[] Stake,
    bool[] Active,
    ushort[] Rank,
    ushort[] Trust,
    ushort[] Consensus,
    ushort[] Incentive,
    ushort[] Dividends,
    ulong[] Emission,
    ushort[] ValidatorTrust,
    bool[] ValidatorPermit,
    ushort[] PruningScore,
    ulong[] LastUpdate,
    ulong[] BlockAtRegistration,
    AxonFile[] Axons,
    ushort[][][]? Weights,
    ushort[][][]? Bonds)
{
    public const int CurrentFormat = 1;

    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static MetagraphFile From(Metagraph m)
    {
        var i = m.Info;
        return new MetagraphFile(
            CurrentFormat, m.Network, i.Netuid, i.Block,
            [.. i.Hotkeys.Select(Hex)], [.. i.Coldkeys.Select(Hex)], [.. i.Stake], [.. i.Active], [.. i.Rank], [.. i.Trust], [.. i.Consensus],
            [.. i.Incentive], [.. i.Dividends], [.. i.Emission], [.. i.ValidatorTrust], [.. i.ValidatorPermit], [.. i.PruningScore],
            [.. i.LastUpdate], [.. i.BlockAtRegistration],
            [.. i.Axons.Select(a => new AxonFile(a.Block, a.Version, a.Ip.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Port, a.IpType, a.Protocol, a.Placeholder1, a.Placeholder2))],
            Pairs(i.Weights), Pairs(i.Bonds));
    }

    public Metagraph ToMetagraph()
    {
        if (Format != CurrentFormat)
        {
            throw new FormatException($"format {Format} is not {CurrentFormat}");
        }

        var missing = new (string Name, object? Value)[]
        {
            ("network", Network), ("hotkeys", Hotkeys), ("coldkeys", Coldkeys), ("stake", Stake), ("active", Active), ("rank", Rank), ("trust", Trust),
            ("consensus", Consensus), ("incentive", Incentive), ("dividends", Dividends), ("emission", Emission), ("validator_trust", ValidatorTrust),
            ("validator_permit", ValidatorPermit), ("pruning_score", PruningScore), ("last_update", LastUpdate),
            ("block_at_registration", BlockAtRegistration), ("axons", Axons),
        }.Where(f => f.Value is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"it lacks {string.Join(", ", missing)}");
        }

        var n = Hotkeys.Length;
        if (new[] { Coldkeys.Length, Stake.Length, Active.Length, Rank.Length, Trust.Length, Consensus.Length, Incentive.Length, Dividends.Length, Emission.Length, ValidatorTrust.Length, ValidatorPermit.Length, PruningScore.Length, LastUpdate.Length, BlockAtRegistration.Length, Axons.Length }.Any(l => l != n)
            || (Weights is not null && Weights.Length != n) || (Bonds is not null && Bonds.Length != n))
        {
            throw new FormatException($"the per-uid columns do not all have {n} entries");
        }

        var info = new MetagraphInfo(
            Netuid, Block, [.. Hotkeys.Select(Account)], [.. Coldkeys.Select(Account)], Stake, Active, Rank, Trust, Consensus, Incentive, Dividends,
            Emission, ValidatorTrust, ValidatorPermit, PruningScore, LastUpdate, BlockAtRegistration,
            [.. Axons.Select(a => new AxonInfo(a.Block, a.Version, UInt128.Parse(a.Ip, System.Globalization.CultureInfo.InvariantCulture), a.Port, a.IpType, a.Protocol, a.Placeholder1, a.Placeholder2))],
            Unpairs(Weights), Unpairs(Bonds));
        return new Metagraph(info, Network);
    }

    private static string Hex(AccountId a) => Convert.ToHexStringLower(a.Bytes);

    private static AccountId Account(string hex) => new(Convert.FromHexString(hex));

    private static ushort[][][]? Pairs(IReadOnlyList<IReadOnlyList<(ushort Uid, ushort Value)>>? rows) =>
        rows is null ? null : [.. rows.Select(r => r.Select(p => new[] { p.Uid, p.Value }).ToArray())];

    private static IReadOnlyList<IReadOnlyList<(ushort Uid, ushort Value)>>? Unpairs(ushort[][][]? rows) =>
        rows is null ? null : [.. rows.Select(r => (IReadOnlyList<(ushort, ushort)>)[.. r.Select(p => p.Length == 2 ? (p[0], p[1]) : throw new FormatException("a weight or bond entry is not a [uid, value] pair"))])];
}

internal sealed record AxonFile(ulong Block, uint Version, string Ip, ushort Port, byte IpType, byte Protocol, byte Placeholder1, byte Placeholder2);
