namespace Bittensor.Sdk.Synapses;

/// <summary>
/// One end of a call (spec §2B): what the dendrite says about itself and what the axon stamps. Every field is optional;
/// on the wire each non-null field travels as a <c>bt_header_dendrite_*</c> or <c>bt_header_axon_*</c> header and in
/// the JSON body.
/// </summary>
public sealed class TerminalInfo
{
    public int? StatusCode { get; set; }

    public string? StatusMessage { get; set; }

    /// <summary>Seconds the call took on this end.</summary>
    public double? ProcessTime { get; set; }

    public string? Ip { get; set; }

    public int? Port { get; set; }

    public long? Version { get; set; }

    /// <summary>Wall-clock nanoseconds since the Unix epoch at signing (see <see cref="SynapseSignature"/>).</summary>
    public long? Nonce { get; set; }

    public string? Uuid { get; set; }

    /// <summary>SS58 address of this end's hotkey.</summary>
    public string? Hotkey { get; set; }

    /// <summary><c>0x</c> + 128 lower-case hex digits: the Ed25519 signature of the message of §2B.</summary>
    public string? Signature { get; set; }

    internal TerminalInfo Clone() => (TerminalInfo)MemberwiseClone();
}
