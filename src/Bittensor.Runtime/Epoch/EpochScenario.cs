using System.Text.Json;

namespace Bittensor.Runtime.Epoch;

/// <summary>
/// Reads an epoch scenario in the conformance JSON schema (a whole vector file, or its <c>scenario</c> object):
/// block, rao_emission, params and one entry per uid with stake, last update, registration block, permit, weights
/// and bonds. Every integer is read exactly; every inconsistency is reported with the uid and field concerned.
/// </summary>
public static class EpochScenario
{
    private const ulong MaxBondsMovingAverage = 1_000_000;

    public static EpochInput Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new EpochScenarioException($"The scenario is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static EpochInput Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EpochScenarioException("The scenario must be a JSON object.");
        }

        var scenario = root.TryGetProperty("scenario", out var inner) ? inner : root;
        if (scenario.ValueKind != JsonValueKind.Object)
        {
            throw new EpochScenarioException("'scenario' must be a JSON object.");
        }

        var block = ReadU64(scenario, "block", "scenario");
        var raoEmission = ReadU64(scenario, "rao_emission", "scenario");
        var parameters = ReadParameters(Required(scenario, "params", "scenario", JsonValueKind.Object));
        var neurons = Required(scenario, "neurons", "scenario", JsonValueKind.Array);
        var n = neurons.GetArrayLength();
        if (n > ushort.MaxValue + 1)
        {
            throw new EpochScenarioException($"A subnet holds at most 65536 uids; the scenario lists {n}.");
        }

        var stake = new ulong[n];
        var lastUpdate = new ulong[n];
        var registration = new ulong[n];
        var permit = new bool[n];
        var weights = new (ushort, ushort)[n][];
        var bonds = new (ushort, ushort)[n][];
        var seen = new bool[n];
        var index = 0;
        foreach (var neuron in neurons.EnumerateArray())
        {
            var where = $"neurons[{index}]";
            if (neuron.ValueKind != JsonValueKind.Object)
            {
                throw new EpochScenarioException($"{where} must be a JSON object.");
            }

            var uidValue = ReadU64(neuron, "uid", where);
            if (uidValue >= (ulong)n)
            {
                throw new EpochScenarioException($"{where}: uid {uidValue} is out of range; uids must be 0..{n - 1} for {n} neurons.");
            }

            var uid = (int)uidValue;
            if (seen[uid])
            {
                throw new EpochScenarioException($"{where}: duplicate uid {uid}; each uid must appear once.");
            }

            seen[uid] = true;
            where = $"neuron uid {uid}";
            stake[uid] = ReadU64(neuron, "stake", where);
            lastUpdate[uid] = ReadU64(neuron, "last_update", where);
            registration[uid] = ReadU64(neuron, "block_at_registration", where);
            permit[uid] = ReadBool(neuron, "validator_permit", where);
            weights[uid] = ReadRow(neuron, "weights", where, n);
            bonds[uid] = ReadRow(neuron, "bonds", where, n);
            index++;
        }

        UInt128 totalStake = 0;
        foreach (var s in stake)
        {
            totalStake += s;
        }

        if (totalStake > long.MaxValue)
        {
            throw new EpochScenarioException($"Total stake {totalStake} rao exceeds the largest value the epoch can normalise (2^63 - 1).");
        }

        return new EpochInput(
            block,
            raoEmission,
            parameters,
            stake,
            lastUpdate,
            registration,
            permit,
            SparseU16Matrix.FromRows(weights),
            SparseU16Matrix.FromRows(bonds));
    }

    private static EpochParameters ReadParameters(JsonElement p)
    {
        var kappa = ReadU16(p, "kappa", "params");
        var bondsMovingAverage = ReadU64(p, "bonds_moving_average", "params");
        if (bondsMovingAverage > MaxBondsMovingAverage)
        {
            throw new EpochScenarioException($"params.bonds_moving_average is {bondsMovingAverage}; it must be at most {MaxBondsMovingAverage} (millionths).");
        }

        return new EpochParameters(
            kappa,
            bondsMovingAverage,
            ReadU16(p, "activity_cutoff", "params"),
            ReadU16(p, "max_allowed_validators", "params"));
    }

    private static (ushort, ushort)[] ReadRow(JsonElement neuron, string name, string where, int n)
    {
        var row = Required(neuron, name, where, JsonValueKind.Array);
        var result = new (ushort, ushort)[row.GetArrayLength()];
        var targets = new HashSet<int>();
        var k = 0;
        foreach (var pair in row.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                throw new EpochScenarioException($"{where}: each {name} entry must be a pair [uid, value].");
            }

            var target = ReadInteger(pair[0], $"{where}: {name} target uid", ushort.MaxValue);
            if (target >= (ulong)n)
            {
                throw new EpochScenarioException($"{where}: {name} on uid {target}, which does not exist (uids are 0..{n - 1}).");
            }

            if (!targets.Add((int)target))
            {
                throw new EpochScenarioException($"{where}: {name} lists uid {target} twice.");
            }

            var value = ReadInteger(pair[1], $"{where}: {name} value for uid {target}", ushort.MaxValue);
            result[k++] = ((ushort)target, (ushort)value);
        }

        return result;
    }

    private static JsonElement Required(JsonElement obj, string name, string where, JsonValueKind kind)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            throw new EpochScenarioException($"{where}: missing field '{name}'.");
        }

        if (value.ValueKind != kind)
        {
            throw new EpochScenarioException($"{where}: '{name}' must be a JSON {Describe(kind)}, not {Describe(value.ValueKind)}.");
        }

        return value;
    }

    private static ulong ReadU64(JsonElement obj, string name, string where) =>
        ReadInteger(Required(obj, name, where, JsonValueKind.Number), $"{where}: '{name}'", ulong.MaxValue);

    private static ushort ReadU16(JsonElement obj, string name, string where) =>
        (ushort)ReadInteger(Required(obj, name, where, JsonValueKind.Number), $"{where}: '{name}'", ushort.MaxValue);

    private static bool ReadBool(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            throw new EpochScenarioException($"{where}: missing field '{name}'.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new EpochScenarioException($"{where}: '{name}' must be true or false."),
        };
    }

    private static ulong ReadInteger(JsonElement value, string what, ulong max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetUInt64(out var result))
        {
            throw new EpochScenarioException($"{what} must be a non-negative integer, got {value.GetRawText()}.");
        }

        if (result > max)
        {
            throw new EpochScenarioException($"{what} is {result}; the largest allowed value is {max}.");
        }

        return result;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
