namespace Bittensor.Cli;

/// <summary>The standard streams a command reads and writes, injected so tests can run commands in-process.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
