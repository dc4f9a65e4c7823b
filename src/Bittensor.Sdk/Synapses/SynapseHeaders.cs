using System.Globalization;
using System.Text;

namespace Bittensor.Sdk.Synapses;

/// <summary>The header names and rendering of spec §2B (<c>Synapse.to_headers</c>).</summary>
public static class SynapseHeaders
{
    public const string Name = "name";
    public const string Timeout = "timeout";
    public const string HeaderSize = "header_size";
    public const string TotalSize = "total_size";
    public const string ComputedBodyHash = "computed_body_hash";
    public const string AxonPrefix = "bt_header_axon_";
    public const string DendritePrefix = "bt_header_dendrite_";
    public const string InputObjectPrefix = "bt_header_input_obj_";
    public const string DendriteNonce = DendritePrefix + "nonce";
    public const string DendriteHotkey = DendritePrefix + "hotkey";
    public const string DendriteUuid = DendritePrefix + "uuid";
    public const string DendriteSignature = DendritePrefix + "signature";
    public const string DendriteVersion = DendritePrefix + "version";

    /// <summary>
    /// Every header a request (or response) of <paramref name="synapse"/> carries: <c>name</c>, <c>timeout</c>, the
    /// non-null terminal fields, an input-object header per required field, sizes and the body hash.
    /// </summary>
    public static List<KeyValuePair<string, string>> ToHeaders(Synapse synapse)
    {
        ArgumentNullException.ThrowIfNull(synapse);
        var headers = new List<KeyValuePair<string, string>>(20)
        {
            new(Name, synapse.SynapseName),
            new(Timeout, Synapse.PythonFloat(synapse.Timeout)),
        };
        AddTerminal(headers, AxonPrefix, synapse.Axon);
        AddTerminal(headers, DendritePrefix, synapse.Dendrite);
        foreach (var (field, emptyJson) in synapse.RequiredFields())
        {
            headers.Add(new(InputObjectPrefix + field, Convert.ToBase64String(Encoding.UTF8.GetBytes(emptyJson))));
        }

        headers.Add(new(HeaderSize, synapse.HeaderSize.ToString(CultureInfo.InvariantCulture)));
        headers.Add(new(TotalSize, synapse.TotalSize.ToString(CultureInfo.InvariantCulture)));
        headers.Add(new(ComputedBodyHash, synapse.ComputedBodyHash));
        return headers;
    }

    private static void AddTerminal(List<KeyValuePair<string, string>> headers, string prefix, TerminalInfo? info)
    {
        if (info is null)
        {
            return;
        }

        var names = ReferenceEquals(prefix, AxonPrefix) ? AxonFieldNames : DendriteFieldNames;
        Add(headers, names[0], info.StatusCode is { } status ? Integer(status) : null);
        Add(headers, names[1], info.StatusMessage is { } m ? Ascii(m) : null);
        Add(headers, names[2], info.ProcessTime is { } p ? Synapse.PythonFloat(p) : null);
        Add(headers, names[3], info.Ip);
        Add(headers, names[4], info.Port is { } port ? Integer(port) : null);
        Add(headers, names[5], info.Version is { } version ? Integer(version) : null);
        Add(headers, names[6], info.Nonce?.ToString(CultureInfo.InvariantCulture));
        Add(headers, names[7], info.Uuid);
        Add(headers, names[8], info.Hotkey);
        Add(headers, names[9], info.Signature);
    }

    /// <summary>The terminal fields in header order; the names are built once, not per request.</summary>
    private static readonly string[] TerminalFields = ["status_code", "status_message", "process_time", "ip", "port", "version", "nonce", "uuid", "hotkey", "signature"];

    private static readonly string[] AxonFieldNames = [.. TerminalFields.Select(f => AxonPrefix + f)];

    private static readonly string[] DendriteFieldNames = [.. TerminalFields.Select(f => DendritePrefix + f)];

    private static readonly string SdkVersionText = Axon.SdkVersion.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Decimal text; the values every call repeats (status 200, the SDK's version) come from a cache.</summary>
    internal static string Integer(long value) => value switch
    {
        200 => "200",
        Axon.SdkVersion.Value => SdkVersionText,
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static void Add(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(new(name, value));
        }
    }

    /// <summary>Header values must be ASCII without control characters; anything else becomes '?'.</summary>
    internal static string Ascii(string value) => !value.AsSpan().ContainsAnyExceptInRange(' ', '~') ? value :
        string.Create(value.Length, value, static (span, v) =>
        {
            for (var i = 0; i < v.Length; i++)
            {
                span[i] = v[i] is >= ' ' and <= '~' ? v[i] : '?';
            }
        });
}
