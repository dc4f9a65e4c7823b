namespace Bittensor.Neurons.Miners;

/// <summary>The completions server behind an <see cref="OpenAiBackend"/> failed, or cannot give what a synapse needs.</summary>
public sealed class OpenAiServerException : Exception
{
    public OpenAiServerException(string message)
        : base(message)
    {
    }

    public OpenAiServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
