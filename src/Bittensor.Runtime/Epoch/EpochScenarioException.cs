namespace Bittensor.Runtime.Epoch;

/// <summary>An epoch scenario file that is not valid JSON or describes an inconsistent subnet.</summary>
public sealed class EpochScenarioException : Exception
{
    public EpochScenarioException(string message)
        : base(message)
    {
    }

    public EpochScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
