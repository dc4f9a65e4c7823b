namespace Bittensor.Cli.Commands.Chain;

/// <summary>
/// An on-chain command failed (exit code 1): <see cref="Exception.Message"/> says what happened and
/// <see cref="Hint"/>, when given, what to do next. <see cref="ChainCommand.RunAsync"/> prints both on standard error.
/// </summary>
internal sealed class ChainCommandException(string message, string? hint = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the user can do about it, or null.</summary>
    public string? Hint { get; } = hint;
}
