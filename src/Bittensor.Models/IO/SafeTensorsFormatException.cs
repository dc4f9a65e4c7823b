namespace Bittensor.Models.IO;

/// <summary>A safetensors file that breaks the format; the message names the file, the tensor and the rule.</summary>
public sealed class SafeTensorsFormatException : IOException
{
    public SafeTensorsFormatException(string message)
        : base(message)
    {
    }

    public SafeTensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
