namespace Bittensor.Cli;

/// <summary>The user asked for something the command cannot do as given; the message says what to change (exit code 2).</summary>
public sealed class CliUsageException(string message) : Exception(message);
