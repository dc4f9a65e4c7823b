namespace Bittensor.Neurons.Miners;

/// <summary>The miner cannot go on (the subnet does not exist, registration or serving failed); the message says why and what to do.</summary>
public sealed class MinerException : Exception
{
    public MinerException(string message)
        : base(message)
    {
    }

    public MinerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
