using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bittensor.Neurons.Validators;

/// <summary>
/// Everything a validator keeps across restarts (<c>state.json</c> in its state directory): per-uid stats, where the
/// query rotation stands, the step and epoch counters and the last weights it set.
/// </summary>
public sealed class ValidatorState
{
    /// <summary>The state file's name in the state directory.</summary>
    public const string FileName = "state.json";

    /// <summary>The epoch log's name: one <see cref="EpochRecord"/> per line.</summary>
    public const string EpochsFileName = "epochs.jsonl";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions Line = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [JsonPropertyName("format")]
    public int Format { get; set; } = 1;

    [JsonPropertyName("netuid")]
    public ushort Netuid { get; set; }

    /// <summary>The validator's hotkey (SS58).</summary>
    [JsonPropertyName("hotkey")]
    public string Hotkey { get; set; } = string.Empty;

    /// <summary>Seeds the query rotation and the batches; drawn once when the state is created.</summary>
    [JsonPropertyName("seed")]
    public ulong Seed { get; set; }

    [JsonPropertyName("step")]
    public long Step { get; set; }

    /// <summary>Epochs completed (weights computed at their end).</summary>
    [JsonPropertyName("epoch")]
    public long Epoch { get; set; }

    /// <summary>The block of the last epoch's end (or of the state's creation).</summary>
    [JsonPropertyName("block")]
    public ulong Block { get; set; }

    /// <summary>Which pass of the query rotation is running and how far into it.</summary>
    [JsonPropertyName("rotation_pass")]
    public long RotationPass { get; set; }

    [JsonPropertyName("rotation_position")]
    public int RotationPosition { get; set; }

    [JsonPropertyName("miners")]
    public SortedDictionary<int, MinerStats> Miners { get; set; } = [];

    /// <summary>The weights set last (uid → normalised weight), and the block they went in.</summary>
    [JsonPropertyName("weights")]
    public SortedDictionary<int, double> Weights { get; set; } = [];

    [JsonPropertyName("weights_block")]
    public ulong? WeightsBlock { get; set; }

    /// <summary>Reads the state in <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a validator state.</exception>
    public static ValidatorState? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<ValidatorState>(File.ReadAllBytes(path), Json) ?? throw new JsonException("the file holds JSON null");
            return state.Format == 1 ? state : throw new JsonException($"format {state.Format} is not known (this version reads format 1)");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a validator state: {e.Message}. Move it away to start afresh.", e);
        }
    }

    /// <summary>Writes <c>state.json</c> atomically (a temporary file renamed over it).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Appends <paramref name="record"/> to the epoch log.</summary>
    public static void AppendEpoch(string directory, EpochRecord record)
    {
        Directory.CreateDirectory(directory);
        File.AppendAllText(Path.Combine(directory, EpochsFileName), JsonSerializer.Serialize(record, Line) + "\n");
    }

    /// <summary>Every epoch record in <paramref name="directory"/>, oldest first (a torn last line is skipped).</summary>
    public static IReadOnlyList<EpochRecord> ReadEpochs(string directory)
    {
        var path = Path.Combine(directory, EpochsFileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var records = new List<EpochRecord>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(line) && JsonSerializer.Deserialize<EpochRecord>(line, Line) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash while appending: the records before it stand.
            }
        }

        return records;
    }

    /// <summary>
    /// Drops the stats of uids whose hotkey is no longer <paramref name="hotkeys"/>[uid] (or that no longer exist), as
    /// the reference does when it resyncs; returns the uids dropped.
    /// </summary>
    public IReadOnlyList<int> Reconcile(IReadOnlyList<string> hotkeys)
    {
        ArgumentNullException.ThrowIfNull(hotkeys);
        var dropped = Miners.Where(m => m.Key >= hotkeys.Count || hotkeys[m.Key] != m.Value.Hotkey).Select(m => m.Key).ToList();
        foreach (var uid in dropped)
        {
            Miners.Remove(uid);
            Weights.Remove(uid);
        }

        return dropped;
    }
}

/// <summary>One uid's line in an <see cref="EpochRecord"/>: why it earns what it earns.</summary>
public sealed record EpochMiner(
    [property: JsonPropertyName("uid")] int Uid,
    [property: JsonPropertyName("hotkey")] string Hotkey,
    [property: JsonPropertyName("loss")] double? Loss,
    [property: JsonPropertyName("shapley")] double Shapley,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("updates")] long Updates);

/// <summary>What a validator computed at the end of an epoch and what the chain said about it.</summary>
public sealed record EpochRecord(
    [property: JsonPropertyName("netuid")] ushort Netuid,
    [property: JsonPropertyName("block")] ulong Block,
    [property: JsonPropertyName("epoch")] long Epoch,
    [property: JsonPropertyName("set")] bool Set,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("miners")] IReadOnlyList<EpochMiner> Miners);
