using System.Text;
using System.Text.Json;

namespace Bittensor.Runtime.Epoch;

/// <summary>Writes an epoch's result in the conformance schema's <c>expected</c> form: <c>{"neurons": [...]}</c>.</summary>
public static class EpochResultJson
{
    public static string Write(EpochOutput output, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, output);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, EpochOutput output)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(output);
        writer.WriteStartObject();
        writer.WriteStartArray("neurons");
        for (var uid = 0; uid < output.Count; uid++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("uid", uid);
            writer.WriteBoolean("active", output.Active[uid]);
            writer.WriteNumber("rank", output.Rank[uid]);
            writer.WriteNumber("trust", output.Trust[uid]);
            writer.WriteNumber("consensus", output.Consensus[uid]);
            writer.WriteNumber("incentive", output.Incentive[uid]);
            writer.WriteNumber("dividends", output.Dividends[uid]);
            writer.WriteNumber("validator_trust", output.ValidatorTrust[uid]);
            writer.WriteNumber("pruning_score", output.PruningScore[uid]);
            writer.WriteNumber("emission", output.Emission[uid]);
            writer.WriteNumber("server_emission", output.ServerEmission[uid]);
            writer.WriteNumber("validator_emission", output.ValidatorEmission[uid]);
            writer.WriteBoolean("validator_permit", output.ValidatorPermit[uid]);
            writer.WriteStartArray("bonds");
            var columns = output.BondRowColumns(uid);
            var values = output.BondRowValues(uid);
            for (var k = 0; k < columns.Length; k++)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(columns[k]);
                writer.WriteNumberValue(values[k]);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
