namespace Bittensor.Sdk.Synapses;

/// <summary>A synapse, a tensor or a header that does not meet the protocol; the message names the field and the rule.</summary>
public sealed class SynapseException : Exception
{
    public SynapseException(string message)
        : base(message)
    {
    }

    public SynapseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
