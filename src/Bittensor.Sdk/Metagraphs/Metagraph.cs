using System.Globalization;
using System.Text.Json;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Sdk.Metagraphs;

/// <summary>
/// A subnet at one block (spec §3.1), synced in one RPC round trip (<c>subnetInfo_getMetagraph</c>), with or without
/// weights and bonds. The chain's integers are kept (<see cref="Info"/>); the float views follow §3.1: stake and
/// emission in TAO (rao / 10^9), u16 fractions / 65,535, weight rows normalised to sum 1, bonds raw; each access builds
/// a new array the caller owns, so read one into a local before indexing it in a loop. It is also an
/// <see cref="ICallerDirectory"/>, so an axon can blacklist and prioritise by it.
/// </summary>
public sealed class Metagraph : ICallerDirectory
{
    private const float U16Max = 65535f;
    private readonly Dictionary<AccountId, ushort> _uids;
    private string[]? _hotkeys;
    private string[]? _coldkeys;
    private string[]? _addresses;

    public Metagraph(MetagraphInfo info, string network)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        Network = network;
        _uids = new Dictionary<AccountId, ushort>(info.N);
        for (var i = 0; i < info.N; i++)
        {
            _uids.TryAdd(info.Hotkeys[i], (ushort)i);
        }
    }

    /// <summary>The chain's answer, integers as stored.</summary>
    public MetagraphInfo Info { get; }

    public ushort Netuid => Info.Netuid;

    /// <summary><c>finney</c>, <c>local</c>, a URL…: where it was synced from.</summary>
    public string Network { get; }

    /// <summary>The SDK version that built it.</summary>
    public long Version => SdkVersion.Value;

    public int N => Info.N;

    public ulong Block => Info.Block;

    public IReadOnlyList<ushort> Uids => Info.Uids;

    /// <summary>TAO staked to each hotkey.</summary>
    public float[] Stake => [.. Info.Stake.Select(s => s / 1e9f)];

    /// <summary>Same as <see cref="Stake"/> (as upstream 7.3.1 has it).</summary>
    public float[] TotalStake => Stake;

    public float[] Ranks => U16(Info.Rank);

    public float[] Trust => U16(Info.Trust);

    public float[] Consensus => U16(Info.Consensus);

    public float[] ValidatorTrust => U16(Info.ValidatorTrust);

    public float[] Incentive => U16(Info.Incentive);

    /// <summary>TAO per tempo.</summary>
    public float[] Emission => [.. Info.Emission.Select(e => e / 1e9f)];

    public float[] Dividends => U16(Info.Dividends);

    public long[] Active => [.. Info.Active.Select(a => a ? 1L : 0L)];

    public long[] LastUpdate => [.. Info.LastUpdate.Select(b => (long)b)];

    public bool[] ValidatorPermit => [.. Info.ValidatorPermit];

    public IReadOnlyList<AxonInfo> Axons => Info.Axons;

    /// <summary>SS58 addresses, encoded once on first use.</summary>
    public IReadOnlyList<string> Hotkeys => _hotkeys ??= [.. Info.Hotkeys.Select(h => Ss58.Encode(h))];

    /// <summary>SS58 addresses, encoded once on first use.</summary>
    public IReadOnlyList<string> Coldkeys => _coldkeys ??= [.. Info.Coldkeys.Select(c => Ss58.Encode(c))];

    /// <summary><c>/ipv4/1.2.3.4:8091</c>-style strings, formatted once on first use.</summary>
    public IReadOnlyList<string> Addresses => _addresses ??= [.. Info.Axons.Select(a => a.ToString())];

    /// <summary>n × n (root: n × columns by netuid), each row normalised to sum 1; null without a full sync.</summary>
    public float[][]? Weights => Info.Weights is { } w ? [.. w.Select(row => Row(row, normalise: true))] : null;

    /// <summary>n × n raw u16 bonds; null without a full sync.</summary>
    public float[][]? Bonds => Info.Bonds is { } b ? [.. b.Select(row => Row(row, normalise: false))] : null;

    /// <summary>Syncs netuid at the best block; null when the subnet does not exist.</summary>
    public static async Task<Metagraph?> SyncAsync(ChainClient client, ushort netuid, string network, bool withWeightsAndBonds = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var info = await client.GetMetagraphAsync(netuid, withWeightsAndBonds, cancellationToken).ConfigureAwait(false);
        return info is null ? null : new Metagraph(info, network);
    }

    public ushort? UidOf(AccountId hotkey) => _uids.TryGetValue(hotkey, out var uid) ? uid : null;

    public bool TryGetCaller(AccountId hotkey, out CallerStanding standing)
    {
        if (_uids.TryGetValue(hotkey, out var uid))
        {
            standing = new CallerStanding(uid, Info.Stake[uid], Info.ValidatorPermit[uid]);
            return true;
        }

        standing = default;
        return false;
    }

    /// <summary>The serving axons, as dendrite targets, with their uids.</summary>
    public IReadOnlyList<(ushort Uid, AxonTarget Target)> ServingAxons() =>
        [.. Enumerable.Range(0, N).Where(i => Info.Axons[i].IsServing).Select(i => ((ushort)i, AxonTarget.FromAxonInfo(Info.Axons[i], Info.Hotkeys[i])))];

    /// <summary>
    /// Writes <c>{root}/network-{network}/netuid-{netuid}/block-{block}.json</c> (the SDK's own portable format: the
    /// chain's integers as JSON) and returns the path.
    /// </summary>
    public string Save(string root)
    {
        var directory = DirectoryFor(root, Network, Netuid);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"block-{Block}.json"));
        SaveFile(path);
        return path;
    }

    /// <summary>Writes the metagraph to <paramref name="path"/> in the format <see cref="LoadFile"/> reads (replacing it whole, never half-written).</summary>
    public void SaveFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(MetagraphFile.From(this), MetagraphFile.Options));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Loads the newest saved block for (network, netuid) under <paramref name="root"/>.</summary>
    /// <exception cref="FileNotFoundException">None saved.</exception>
    /// <exception cref="InvalidDataException">The file is not a saved metagraph.</exception>
    public static Metagraph Load(string root, string network, ushort netuid)
    {
        var directory = DirectoryFor(root, network, netuid);
        var newest = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "block-*.json")
                .Select(p => (Path: p, Ok: ulong.TryParse(Path.GetFileNameWithoutExtension(p)[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var b), Block: b))
                .Where(f => f.Ok)
                .OrderByDescending(f => f.Block)
                .Select(f => f.Path)
                .FirstOrDefault()
            : null;
        return newest is null
            ? throw new FileNotFoundException($"No saved metagraph for network '{network}', netuid {netuid} under {directory}; sync and save one first.", directory)
            : LoadFile(newest);
    }

    /// <summary>Loads one saved file.</summary>
    public static Metagraph LoadFile(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<MetagraphFile>(File.ReadAllBytes(path), MetagraphFile.Options)
                ?? throw new InvalidDataException("the file holds JSON null");
            return file.ToMetagraph();
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a saved metagraph: {e.Message}", e);
        }
    }

    private static string DirectoryFor(string root, string network, ushort netuid)
    {
        var safe = string.Concat(network.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(root, "network-" + safe, string.Create(CultureInfo.InvariantCulture, $"netuid-{netuid}"));
    }

    private static float[] U16(IReadOnlyList<ushort> values) => [.. values.Select(v => v / U16Max)];

    private float[] Row(IReadOnlyList<(ushort Uid, ushort Value)> entries, bool normalise)
    {
        var width = N;
        foreach (var (uid, _) in entries)
        {
            width = Math.Max(width, uid + 1);
        }

        var row = new float[width];
        float sum = 0;
        foreach (var (uid, value) in entries)
        {
            row[uid] = value;
            sum += value;
        }

        if (normalise && sum > 0)
        {
            for (var i = 0; i < row.Length; i++)
            {
                row[i] /= sum;
            }
        }

        return row;
    }
}
