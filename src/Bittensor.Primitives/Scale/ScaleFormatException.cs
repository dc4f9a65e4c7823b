namespace Bittensor.Primitives.Scale;

/// <summary>SCALE input that cannot be decoded: truncated, over-long, non-canonical or out of range.</summary>
public sealed class ScaleFormatException(string message) : FormatException(message);
